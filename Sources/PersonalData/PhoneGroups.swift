/// A phone number as written: digit groups with single spaces, dashes, dots or slashes between them, and
/// at most one parenthesised group (`(555) 123-4567`, `+44 (0)20 7946 0958`, `(030) 1234567`).
struct PhoneGroups {
    private(set) var digits = SmallBytes()
    /// Cumulative digit count at the end of each group.
    private(set) var counts = SmallBytes()
    /// Offset from the start to just past each group (past its `)` when parenthesised).
    private(set) var ends = SmallBytes()
    /// The separator after each group (0 when none followed).
    private(set) var separators = SmallBytes()
    /// The index of the parenthesised group, if any.
    private(set) var parenthesised: Int?
    /// A `(0)` trunk prefix was written after the country code and is not counted.
    private(set) var droppedTrunk = false
    let start: Int

    var groupCount: Int { counts.count }

    func length(ofGroup index: Int) -> Int { Int(counts[index]) - (index == 0 ? 0 : Int(counts[index - 1])) }
    func digitCount(inGroups groups: Int) -> Int { Int(counts[groups - 1]) }
    func end(afterGroups groups: Int) -> Int { start + Int(ends[groups - 1]) }

    private static let separatorBytes = ByteSet(" -./")

    /// Reads from `start` (the byte after a `+`, or the number's first byte); nil if no digits.
    init?(_ text: UnsafeRawBufferPointer, at start: Int, afterCountryCode: Bool = false) {
        self.start = start
        var index = start
        while counts.count < 10 {
            var opened = false
            if text.byte(index) == UInt8(ascii: "("), parenthesised == nil {
                opened = true
                index += 1
            }
            let runStart = index
            while isDigit(text.byte(index)) {
                guard index - runStart < 15, !digits.isFull else { return nil }
                digits.append(text[index] - 0x30)
                index += 1
            }
            let run = index - runStart
            if run == 0 {
                if counts.count == 0 { return nil }
                break
            }
            if opened {
                guard text.byte(index) == UInt8(ascii: ")"), index - start < 250 else {
                    digits.removeLast(run)
                    break
                }
                index += 1
                parenthesised = counts.count
                if afterCountryCode, counts.count == 1, run == 1, digits[digits.count - 1] == 0 {
                    // `+44 (0)20`: the trunk prefix is not dialled from abroad.
                    digits.removeLast(1)
                    droppedTrunk = true
                    let next = text.byte(index)
                    if PhoneGroups.separatorBytes.contains(next), isDigit(text.byte(index + 1)) { index += 1 }
                    continue
                }
            }
            guard index - start < 250 else { return nil }
            counts.append(UInt8(digits.count))
            ends.append(UInt8(index - start))
            let next = text.byte(index)
            let afterNext = text.byte(index + 1)
            if PhoneGroups.separatorBytes.contains(next), isDigit(afterNext) || (afterNext == UInt8(ascii: "(") && parenthesised == nil) {
                separators.append(next)
                index += 1
            } else if opened, isDigit(next) {
                separators.append(0)
            } else if next == UInt8(ascii: "("), parenthesised == nil {
                separators.append(0)
            } else {
                separators.append(0)
                break
            }
        }
        guard counts.count > 0 else { return nil }
    }

    /// Every separator between the first `groups` groups is the same byte (a parenthesised group's own gap aside).
    func usesOneSeparator(_ groups: Int) -> Bool {
        var seen: UInt8 = 0
        for index in 0..<(groups - 1) where index != parenthesised {
            let separator = separators[index]
            if seen == 0 { seen = separator } else if separator != seen { return false }
        }
        return true
    }

    func separator(after index: Int) -> UInt8 { separators[index] }
}
