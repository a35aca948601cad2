/// The unpickler's stack, marks and memo, with the C unpickler's underflow rules: no pop crosses
/// the innermost MARK.
extension PickleMachine {
    var fence: Int { fences.last ?? 0 }

    mutating func push(_ value: PickleValue, _ at: Int) throws(PickleStop) {
        try checkDepth(at)
        stack.append(value)
    }

    func checkDepth(_ at: Int) throws(PickleStop) {
        guard stack.count + fences.count < policy.limits.maxStackDepth else {
            throw PickleStop(kind: .limit, offset: at,
                             problem: "the stack holds more than \(policy.limits.maxStackDepth) values and marks")
        }
    }

    mutating func pop(_ at: Int) throws(PickleStop) -> PickleValue {
        guard stack.count > fence else { throw .malformed(at, "stack underflow") }
        return stack.removeLast()
    }

    func top(_ at: Int) throws(PickleStop) -> PickleValue {
        guard stack.count > fence, let value = stack.last else { throw .malformed(at, "stack underflow") }
        return value
    }

    /// Removes the innermost MARK and returns the stack height it recorded.
    mutating func closeMark(_ at: Int) throws(PickleStop) -> Int {
        guard let mark = fences.popLast() else { throw .malformed(at, "no MARK to close") }
        return mark
    }

    /// Removes the innermost MARK and everything above it; returns how many values that was.
    mutating func popToMark(_ at: Int) throws(PickleStop) -> Int {
        let mark = try closeMark(at)
        let count = stack.count - mark
        stack.removeSubrange(mark...)
        return count
    }

    mutating func fetch(_ key: Int, _ at: Int) throws(PickleStop) {
        guard let value = memo[key] else { throw .malformed(at, "memo key \(key) was never stored") }
        try push(value, at)
    }

    mutating func remember(at key: Int, _ at: Int) throws(PickleStop) {
        guard key >= 0 else { throw .malformed(at, "negative memo key \(key)") }
        let value = try top(at)
        guard memo[key] != nil || memo.count < policy.limits.maxMemoEntries else {
            throw PickleStop(kind: .limit, offset: at,
                             problem: "the memo holds more than \(policy.limits.maxMemoEntries) entries")
        }
        memo.store(value, at: key)
    }
}
