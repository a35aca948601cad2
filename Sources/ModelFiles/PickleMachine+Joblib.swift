/// joblib's inline arrays (`joblib/numpy_pickle.py`): joblib's unpickler, on BUILD of a
/// `NumpyArrayWrapper`, reads the array from the stream right after that opcode, then goes on
/// with the pickle. Numeric dtypes: with the `numpy_array_alignment_bytes` attribute (joblib ≥ 1.2)
/// one byte giving a padding length and that much padding, then `size × itemsize` raw bytes.
/// Object dtypes: a whole nested pickle, read by a fresh unpickler with the same `find_class`.
/// Shape and dtype come from the simulated state; anything that cannot be followed stops the scan
/// with a finding, since from there on the scanner and joblib would read different bytes.
///
/// A plain loader (`pickle.load`) reads the same bytes as opcodes instead, so where the array's
/// first byte is an opcode a copy of the machine reads on from there as a plain unpickler would.
extension PickleMachine {
    static let arrayWrapper = PickleGlobalName(module: "joblib.numpy_pickle", name: "NumpyArrayWrapper")
    static let numpyDtype = PickleGlobalName(module: "numpy", name: "dtype")
    /// copyreg's helpers that create an instance of the class given as their first argument.
    static let reconstructors: Set<String> = ["copyreg._reconstructor", "copyreg.__newobj__", "copyreg.__newobj_ex__"]
    /// How far a plain-loader fork may read, and how many forks one scan runs.
    static let forkBytes = 4_096
    static let maxForks = 1_024

    /// Whether BUILD's target is an array wrapper; throws where that cannot be told.
    mutating func isArrayWrapper(_ target: PickleValue, _ at: Int) throws(PickleStop) -> Bool {
        switch target.kind {
        case .tracked:
            guard let object = object(target) else { return false }
            guard let name = className(of: object) else {
                throw .malformed(at, "joblib stream: BUILD on an object whose class cannot be told (made by a copyreg reconstructor from a computed class), so whether joblib reads an array here is unknown")
            }
            return name == Self.arrayWrapper
        case .instance:
            let name = globals[target.index].name
            guard name == Self.arrayWrapper || Self.reconstructors.contains(name.description) else { return false }
            throw PickleStop(kind: .limit, offset: at, problem: "joblib stream: BUILD on an object the scan did not keep (more than max_tracked_values values), so its array cannot be followed")
        case .unknown:
            throw .malformed(at, "joblib stream: BUILD on \(describe(target)), which may be an array wrapper whose data joblib reads here")
        case .text, .global, .data, .absent:
            return false
        }
    }

    /// The class an object is an instance of, as far as the pickle says.
    func className(of object: TrackedObject) -> PickleGlobalName? {
        let callable = globals[object.callable].name
        guard Self.reconstructors.contains(callable.description) else { return callable }
        guard case let .tuple(items)? = trackedValue(object.arguments), let first = items.first, first.kind == .global else { return nil }
        return globals[first.index].name
    }

    /// Reads the array joblib reads at this BUILD and moves the cursor past it.
    mutating func readInlineArray(_ target: PickleValue, _ at: Int, cursor i: inout Int) throws(PickleStop) {
        func refuse(_ problem: String) -> PickleStop { .malformed(at, "joblib array: " + problem) }
        guard let wrapper = object(target) else { throw refuse("the wrapper was not kept") }
        if wrapper.making == .call && !Self.reconstructors.contains(globals[wrapper.callable].name.description) {
            throw refuse("the NumpyArrayWrapper is made by calling it (its __init__ sets the attributes), which joblib never writes")
        }
        guard let attributes = wrapper.attributes else { throw refuse("the wrapper's state is not a dict of named attributes that can be followed") }
        guard frameEnd <= i else { throw refuse("the BUILD lies inside a FRAME, so joblib reads the array from after the frame") }
        guard let shape = attributes["shape"] else { throw refuse("the wrapper has no shape") }
        guard let dtype = attributes["dtype"] else { throw refuse("the wrapper has no dtype") }
        let count = try elementCount(shape, refuse)
        let (itemSize, hasObject) = try dtypeLayout(dtype, refuse)
        if hasObject {
            try readNestedPickle(cursor: &i)
        } else {
            var cursor = i
            if let alignment = attributes["numpy_array_alignment_bytes"], try !isPythonNone(alignment, refuse) {
                guard cursor < input.count else { throw refuse("the input ends before the padding length byte") }
                cursor += 1 + Int(input[cursor])
                guard cursor <= input.count else { throw refuse("the padding runs past the end of the input") }
            }
            let (bytes, overflow) = count.multipliedReportingOverflow(by: itemSize)
            guard !overflow, bytes <= input.count - cursor else {
                throw refuse("\(count) elements of \(itemSize) bytes declared, but only \(input.count - cursor) bytes remain")
            }
            if cursor + bytes > i, opcodes[Int(input[i])] != nil { try forkPlainLoader(from: i, at) }
            i = cursor + bytes
        }
        // joblib's load_build replaces the wrapper with the array it read.
        stack[stack.count - 1] = .data
        frameEnd = 0
    }

    /// Whether a value is None (true), anything else (false); throws when it was not kept.
    private func isPythonNone(_ value: PickleValue, _ refuse: (String) -> PickleStop) throws(PickleStop) -> Bool {
        switch value.kind {
        case .tracked:
            if case .pythonNone = tracked[value.index] { return true }
            return false
        case .text, .global, .instance: return false
        case .data, .unknown, .absent: throw refuse("whether numpy_array_alignment_bytes is None cannot be told")
        }
    }

    /// `numpy.multiply.reduce` of the shape's elements as int64, refusing what joblib's read would refuse or wrap.
    private func elementCount(_ shape: PickleValue, _ refuse: (String) -> PickleStop) throws(PickleStop) -> Int {
        let items: [PickleValue]
        switch trackedValue(shape) {
        case let .tuple(values)?: items = values
        case let .list(values, true)?: items = values
        default: throw refuse("the shape is not a tuple of integers the scan kept")
        }
        guard items.count <= 64 else { throw refuse("the shape has \(items.count) dimensions, more than numpy allows") }
        var count = 1
        for item in items {
            guard case let .int(dimension)? = trackedValue(item) else { throw refuse("a shape element is not an integer") }
            guard dimension >= 0 else { throw refuse("a negative shape element \(dimension)") }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw refuse("the shape's element count overflows 64 bits") }
            count = product
        }
        return count
    }

    /// A dtype's layout, worked out once per dtype object: later SETITEMs can only add fields, and
    /// numpy fixed its view at the dtype's BUILD, which came before. Each working-out visits at most
    /// 100,000 dtypes, so a dtype whose fields share nested dtypes cannot cost exponential work.
    private mutating func dtypeLayout(_ value: PickleValue, _ refuse: (String) -> PickleStop) throws(PickleStop) -> (Int, Bool) {
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
    private func layout(ofDtype value: PickleValue, depth: Int, visits: inout Int, _ refuse: (String) -> PickleStop) throws(PickleStop) -> (Int, Bool) {
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

    /// An object array: a nested pickle, fresh stack and memo, the same policy, ledger and globals.
    private mutating func readNestedPickle(cursor i: inout Int) throws(PickleStop) {
        var nested = PickleMachine(input: input, policy: policy, baseOffset: baseOffset)
        nested.readsJoblibArrays = false
        nested.ledger = ledger
        nested.globals = globals
        let start = i
        defer {
            ledger = nested.ledger
            globals = nested.globals
        }
        do {
            i = try nested.readPickle(from: start)
        } catch {
            throw PickleStop(kind: error.kind, offset: error.offset,
                             problem: "the nested pickle of a joblib object array (from byte \(baseOffset + start)): \(error.problem)")
        }
    }

    /// A plain unpickler reads the array bytes as opcodes, on the current stack and memo; a copy of
    /// the machine does so too, within `forkBytes`, and its imports and calls are judged. It stops
    /// silently where the loader would raise.
    private mutating func forkPlainLoader(from start: Int, _ at: Int) throws(PickleStop) {
        forks += 1
        guard forks <= Self.maxForks else {
            if forks == Self.maxForks + 1 {
                report(.limitExceeded, .high, at, message: "more than \(Self.maxForks) joblib arrays start with bytes a plain unpickler reads as opcodes; the rest were not read that way")
            }
            return
        }
        // Copying the machine costs its stack, memo and tracked values once they change; the copies
        // of all forks together stay within a few times the input.
        forkWork += stack.count + memo.count + tracked.count + Self.forkBytes
        guard forkWork <= max(4 * input.count, 1 << 22) else {
            report(.limitExceeded, .high, at, message: "joblib arrays whose data a plain unpickler reads as opcodes cost more than the scan's budget to follow; the rest were not read that way")
            return
        }
        var fork = self
        fork.readsJoblibArrays = false
        fork.readLimit = start + Self.forkBytes
        do {
            _ = try fork.run(from: start)
        } catch where error.kind == .limit {
            fork.report(.limitExceeded, .high, error.offset, message: "joblib array data from byte \(baseOffset + start): \(error.problem)")
        } catch {}
        ledger = fork.ledger
        globals = fork.globals
    }
}
