/// A short value folded the way `ColumnContext.normalise` folds it (lower case, camelCase and runs
/// of other characters to `_`), done on the bytes when the value is ASCII, so that profiling a
/// column does not build a `String` per cell to ask whether it names a special category.
enum ValueWord {
    /// The longest word `fold` writes: what `key` holds.
    static let capacity = 32

    /// The folded bytes of an ASCII `value` as a key, or nil when the value is not ASCII (the
    /// caller then folds a `String`) or folds to more than `limit` bytes (no listed word is that
    /// long). Gives exactly `ColumnContext.normalise` on ASCII: the tests compare the two.
    static func key(_ value: UnsafeRawBufferPointer, limit: Int) -> SmallKey? {
        precondition(limit < capacity, "the folded word must fit a key")
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity + 1) { word -> SmallKey? in
            var count = 0
            var previousWasLower = false
            for byte in value {
                guard byte < 0x80 else { return nil }
                let isUpper = byte >= 0x41 && byte <= 0x5A
                let isLower = byte >= 0x61 && byte <= 0x7A
                let isDigit = byte >= 0x30 && byte <= 0x39
                if isUpper || isLower || isDigit {
                    if isUpper, previousWasLower, count > 0, word[count - 1] != 0x5F { word[count] = 0x5F; count += 1 }
                    word[count] = isUpper ? byte | 0x20 : byte
                    count += 1
                    previousWasLower = isLower || isDigit
                } else {
                    if count > 0, word[count - 1] != 0x5F { word[count] = 0x5F; count += 1 }
                    previousWasLower = false
                }
                // A trailing `_` may still be dropped: one byte over the limit is not yet too long.
                if count > limit + 1 { return nil }
            }
            while count > 0, word[count - 1] == 0x5F { count -= 1 }
            guard count <= limit else { return nil }
            return SmallKey(UnsafeRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(word)[0..<count]))
        }
    }
}
