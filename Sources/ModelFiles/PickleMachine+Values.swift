/// Tracking values (`tracksValues`): numbers, tuples, lists, dicts and call results kept in full in
/// `tracked`, bounded by `PickleLimits.maxTrackedValues`. Past the bound new values fall back to
/// their kinds, which container readers then report as values they cannot follow.
extension PickleMachine {
    mutating func track(_ value: TrackedValue) -> PickleValue {
        guard tracked.count < policy.limits.maxTrackedValues else {
            if case let .object(object) = value { return .instance(of: object.callable) }
            return .data
        }
        tracked.append(value)
        return .tracked(tracked.count - 1)
    }

    /// What a tracked value counts as for the judging code: a call result is `.instance`, the rest `.data`.
    func untracked(_ value: PickleValue) -> PickleValue {
        guard value.kind == .tracked else { return value }
        if case let .object(object) = tracked[value.index] { return .instance(of: object.callable) }
        return .data
    }

    /// INT's decimal line: `01`/`00` are True/False (protocol 0 booleans), other integers numbers.
    mutating func decimal(_ text: Range<Int>, _ at: Int) -> PickleValue {
        if text.count == 2, input[text.lowerBound] == UInt8(ascii: "0") {
            let last = input[text.lowerBound + 1]
            if last == UInt8(ascii: "1") || last == UInt8(ascii: "0") { return track(.bool(last == UInt8(ascii: "1"))) }
        }
        guard let value = try? memoKey(text, at) else { return .data }
        return track(.int(value))
    }

    /// LONG1's little-endian two's complement; longer than 8 bytes is not tracked.
    mutating func long(_ start: Int, _ count: Int) -> PickleValue {
        guard count <= 8 else { return .data }
        guard count > 0 else { return track(.int(0)) }
        var value: UInt64 = 0
        for index in (0..<count).reversed() { value = value << 8 | UInt64(input[start + index]) }
        let shift = UInt64(64 - 8 * count)
        return track(.int(Int(Int64(bitPattern: value << shift) >> Int64(shift))))
    }

    /// How many of `count` new container items may be kept, taking them from the budget.
    mutating func room(for count: Int, holding existing: Int = 0) -> Int {
        let budget = max(0, 4 * policy.limits.maxTrackedValues - trackedItems)
        let kept = min(count, budget, max(0, TrackedValue.maxItems - existing))
        trackedItems += kept
        return kept
    }

    func pairs(_ items: ArraySlice<PickleValue>, limit: Int) -> [TrackedPair] {
        var result: [TrackedPair] = []
        var index = items.startIndex
        while index + 1 < items.endIndex, result.count < limit {
            result.append(TrackedPair(key: items[index], value: items[index + 1]))
            index += 2
        }
        return result
    }

    /// A call's result: judged by `call`, then kept as a tracked object when values are tracked.
    mutating func result(of callable: PickleValue, _ arguments: PickleValue, _ making: TrackedObject.Making,
                         _ at: Int, _ op: String) -> PickleValue {
        let value = call(callable, at, op)
        guard tracksValues, value.kind == .instance else { return value }
        return track(.object(TrackedObject(callable: value.index, making: making, arguments: arguments)))
    }

    /// APPEND(S)/ADDITEMS into a tracked list.
    mutating func append(_ items: ArraySlice<PickleValue>, to target: PickleValue) {
        guard target.kind == .tracked, case .list(var values, let complete) = tracked[target.index] else { return }
        tracked[target.index] = .pythonNone   // drop the reference so the append does not copy
        let kept = room(for: items.count, holding: values.count)
        values += items.prefix(kept)
        tracked[target.index] = .list(values, complete: complete && items.count == kept)
    }

    /// SETITEM(S) into a tracked dict.
    mutating func insert(_ items: ArraySlice<PickleValue>, into target: PickleValue) {
        guard target.kind == .tracked, case .dict(var values, let complete) = tracked[target.index] else { return }
        tracked[target.index] = .pythonNone
        let kept = room(for: items.count / 2, holding: values.count)
        values += pairs(items, limit: kept)
        tracked[target.index] = .dict(values, complete: complete && items.count == 2 * kept)
    }

    /// BUILD on a tracked object: counts it, keeps the state, and follows the default `__dict__`
    /// update (`pickle._Unpickler.load_build`: a falsy state sets nothing; a 2-tuple carries slot state).
    /// Attributes are followed for joblib's array wrappers only (no other class's attributes decide
    /// a layout), within a budget of keys per pickle, past which they cannot be followed.
    mutating func apply(_ state: PickleValue, to target: PickleValue) {
        guard target.kind == .tracked, case .object(var object) = tracked[target.index] else { return }
        object.builds += 1
        object.lastState = state
        if object.attributes != nil, className(of: object) == Self.arrayWrapper {
            if case let .dict(pairs, _)? = trackedValue(state) {
                appliedKeys += pairs.count
                if appliedKeys > 4 * policy.limits.maxTrackedValues { object.attributes = nil }
            }
        }
        if object.attributes != nil, className(of: object) == Self.arrayWrapper {
            switch state.kind == .tracked ? tracked[state.index] : nil {
            case .pythonNone?: break
            case let .dict(pairs, complete)?:
                for pair in pairs {
                    switch pair.key.kind == .tracked ? tracked[pair.key.index] : nil {
                    case .int?, .bool?, .pythonNone?: continue   // never equal to an attribute name
                    default: break
                    }
                    guard pair.key.kind == .text, let name = pair.key.text.decode(in: input, maxBytes: 256) else {
                        object.attributes = nil
                        break
                    }
                    object.attributes?[name] = pair.value
                }
                if !complete { object.attributes = nil }
            default:
                object.attributes = nil
            }
        }
        tracked[target.index] = .object(object)
    }

    /// The tracked object a value holds, if any.
    func object(_ value: PickleValue) -> TrackedObject? {
        guard value.kind == .tracked, case let .object(object) = tracked[value.index] else { return nil }
        return object
    }

    /// The tracked value behind `value`, if any.
    func trackedValue(_ value: PickleValue) -> TrackedValue? {
        value.kind == .tracked ? tracked[value.index] : nil
    }

    /// A value read out in full, to a bounded depth; what was not kept is `.other`.
    func constant(_ value: PickleValue, depth: Int = 0) -> PickleConstant {
        guard depth < 8 else { return .other }
        switch value.kind {
        case .text: return value.text.decode(in: input, maxBytes: policy.limits.maxNameLength).map { .text($0) } ?? .other
        case .global: return .global(globals[value.index].name.description)
        case .instance: return .object(of: globals[value.index].name.description)
        case .unknown, .data, .absent: return .other
        case .tracked:
            switch tracked[value.index] {
            case let .int(number): return .int(number)
            case let .bool(flag): return .bool(flag)
            case .pythonNone: return .none
            case let .tuple(items): return .tuple(items.map { constant($0, depth: depth + 1) })
            case let .list(items, complete): return complete ? .list(items.map { constant($0, depth: depth + 1) }) : .other
            case .dict: return .other
            case let .object(object): return .object(of: globals[object.callable].name.description)
            }
        }
    }
}
