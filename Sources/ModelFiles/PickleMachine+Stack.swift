/// The unpickler's stack, marks and memo, with the C unpickler's underflow rules: no pop crosses
/// the innermost MARK.
///
/// Methods that only read are `mutating` too: a non-mutating call from a mutating one makes the
/// compiler copy the whole machine first, on every opcode.
extension PickleMachine {
    @inline(__always)
    mutating func push(_ value: PickleValue, _ at: Int) throws(PickleStop) {
        try checkDepth(at)
        stack.append(value)
    }

    @inline(__always)
    mutating func checkDepth(_ at: Int) throws(PickleStop) {
        guard stack.count + fences.count < maxStackDepth else { throw depthExceeded(at) }
    }

    @inline(never)
    private mutating func depthExceeded(_ at: Int) -> PickleStop {
        PickleStop(kind: .limit, offset: at, problem: "the stack holds more than \(maxStackDepth) values and marks")
    }

    @inline(__always)
    mutating func pop(_ at: Int) throws(PickleStop) -> PickleValue {
        guard stack.count > fence else { throw underflow(at) }
        return stack.removeLast()
    }

    @inline(__always)
    mutating func top(_ at: Int) throws(PickleStop) -> PickleValue {
        guard stack.count > fence, let value = stack.last else { throw underflow(at) }
        return value
    }

    @inline(never)
    private mutating func underflow(_ at: Int) -> PickleStop { .malformed(at, "stack underflow") }

    /// Removes the innermost MARK and returns the stack height it recorded.
    mutating func closeMark(_ at: Int) throws(PickleStop) -> Int {
        guard let mark = fences.popLast() else { throw .malformed(at, "no MARK to close") }
        fence = fences.last ?? 0
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
        guard memo.count < maxMemoEntries || memo.contains(key) else {
            throw PickleStop(kind: .limit, offset: at, problem: "the memo holds more than \(maxMemoEntries) entries")
        }
        memo.store(value, at: key)
    }
}
