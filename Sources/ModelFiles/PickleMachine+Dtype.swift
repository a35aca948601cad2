/// NumPy dtypes as joblib's array wrappers carry them: a `numpy.dtype(typestr, align, copy)` call
/// and its BUILD state, read from the tracked values for the item size and whether the array holds
/// Python objects (then joblib reads a nested pickle instead of raw bytes).
extension PickleMachine {
    /// A dtype's layout, worked out once per dtype object: later SETITEMs can only add fields, and
    /// numpy fixed its view at the dtype's BUILD, which came before. Each working-out visits at most
    /// 100,000 dtypes, so a dtype whose fields share nested dtypes cannot cost exponential work.
    mutating func dtypeLayout(_ value: PickleValue, _ refuse: (String) -> PickleStop) throws(PickleStop) -> (Int, Bool) {
        if value.kind == .tracked, let known = dtypeLayouts[value.index] { return known }
        var visits = 0
        let layout = try layout(ofDtype: value, depth: 0, visits: &visits, refuse)
        if value.kind == .tracked { dtypeLayouts[value.index] = layout }
        return layout
    }

    /// Item size and whether the dtype holds Python objects, for a `numpy.dtype(typestr, align, copy)`
    /// call and its one BUILD state `(version, byteorder, subarray, names, fields, elsize, alignment, flags[, metadata])`.
    /// Any sign of objects (kind `O`, the REFCOUNT flag, an object field or subarray base) counts:
    /// a numeric read of what joblib reads as a pickle would hide that pickle.
    func layout(ofDtype value: PickleValue, depth: Int, visits: inout Int, _ refuse: (String) -> PickleStop) throws(PickleStop) -> (Int, Bool) {
        guard depth < 8 else { throw refuse("dtypes nested more than 8 deep") }
        visits += 1
        guard visits <= 100_000 else { throw refuse("the dtype nests more than 100,000 dtypes") }
        guard let dtype = object(value), globals[dtype.callable].name == Self.numpyDtype, dtype.making == .call,
              case let .tuple(arguments)? = trackedValue(dtype.arguments), let typeText = arguments.first, typeText.kind == .text,
              let typestr = typeText.text.decode(in: input, maxBytes: 64) else {
            throw refuse("the dtype is not a numpy.dtype(typestr, …) call the scan kept")
        }
        guard let (kind, size) = Self.parseTypestr(typestr) else { throw refuse("dtype '\(typestr)' is not one the scan knows") }
        var itemSize = size
        var hasObject = kind == "O"
        guard dtype.builds <= 1 else { throw refuse("the dtype is built more than once") }
        if dtype.builds == 1 {
            guard case let .tuple(state)? = trackedValue(dtype.lastState), state.count == 8 || state.count == 9 else {
                throw refuse("the dtype's state is not the 8- or 9-item tuple numpy writes")
            }
            guard case let .int(elsize)? = trackedValue(state[5]), case let .int(flags)? = trackedValue(state[7]) else {
                throw refuse("the dtype's state has no integer item size and flags")
            }
            if elsize != -1 {
                guard "VSU".contains(kind), elsize == itemSize || (kind == "V" && size == 0) else {
                    throw refuse("the dtype's state gives item size \(elsize) for '\(typestr)'")
                }
                itemSize = elsize
            }
            if flags & 1 != 0 { hasObject = true }
            // subarray: None or (base dtype, shape)
            switch trackedValue(state[2]) {
            case .pythonNone?: break
            case let .tuple(parts)? where parts.count == 2:
                if try layout(ofDtype: parts[0], depth: depth + 1, visits: &visits, refuse).1 { hasObject = true }
            default: throw refuse("the dtype's subarray cannot be followed")
            }
            // fields: None or {name: (dtype, offset[, title])}
            switch trackedValue(state[4]) {
            case .pythonNone?: break
            case let .dict(pairs, true)?:
                for pair in pairs {
                    guard case let .tuple(field)? = trackedValue(pair.value), let fieldType = field.first else {
                        throw refuse("a field of the dtype cannot be followed")
                    }
                    if try layout(ofDtype: fieldType, depth: depth + 1, visits: &visits, refuse).1 { hasObject = true }
                }
            default: throw refuse("the dtype's fields cannot be followed")
            }
        }
        return (itemSize, hasObject)
    }

    /// `f8`, `<i4`, `O8`, `V64`, `U5` (numpy's `kind + size` as `dtype.__reduce__` writes it):
    /// the kind and the item size in bytes; nil for anything else.
    static func parseTypestr(_ text: String) -> (Character, Int)? {
        var rest = Substring(text)
        if let first = rest.first, "<>|=".contains(first) { rest = rest.dropFirst() }
        guard let kind = rest.first, "biufcOMmVSU".contains(kind), rest.count >= 2, rest.count <= 12,
              let number = Int(rest.dropFirst()), number >= 0 else { return nil }
        switch kind {
        case "b": return number == 1 ? (kind, 1) : nil
        case "i", "u": return [1, 2, 4, 8].contains(number) ? (kind, number) : nil
        case "f": return [2, 4, 8, 12, 16].contains(number) ? (kind, number) : nil
        case "c": return [8, 16, 24, 32].contains(number) ? (kind, number) : nil
        case "O", "M", "m": return number == 8 ? (kind, 8) : nil
        case "U":
            let (bytes, overflow) = number.multipliedReportingOverflow(by: 4)
            return overflow ? nil : (kind, bytes)
        default: return (kind, number)
        }
    }
}
