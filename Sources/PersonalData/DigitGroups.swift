/// A number read from text as groups of digits with one kind of separator between them
/// (`4111 1111 1111 1111`, `123-45-6789`, `123.456.789-09` is two kinds: see `separators`).
///
/// Detectors read the groups once and then try the longest prefix of groups their format allows,
/// so `4111 1111 1111 1111 and 2 more` still finds the card. At most 32 digits are read.
struct DigitGroups {
    /// Digit values, 0...9.
    private(set) var digits = SmallBytes()
    /// Cumulative digit count at the end of each group.
    private(set) var groupEnds = SmallBytes()
    let start: Int

    var groupCount: Int { groupEnds.count }
    var digitCount: Int { digits.count }

    /// Digits in group `index`.
    func length(ofGroup index: Int) -> Int {
        Int(groupEnds[index]) - (index == 0 ? 0 : Int(groupEnds[index - 1]))
    }

    /// Digits in the first `groups` groups.
    func digitCount(inGroups groups: Int) -> Int { Int(groupEnds[groups - 1]) }

    /// The text offset just past the first `groups` groups.
    func end(afterGroups groups: Int) -> Int { start + digitCount(inGroups: groups) + groups - 1 }

    /// Reads digit groups at `start`. Between groups, exactly one byte of `separators` followed by a
    /// digit; when `sameSeparator`, every gap uses the first gap's byte. Nil when `start` is not a digit.
    init?(_ text: UnsafeRawBufferPointer, at start: Int, separators: ByteSet, sameSeparator: Bool = true, maxGroups: Int = 12) {
        guard isDigit(text.byte(start)) else { return nil }
        self.start = start
        var index = start
        var separator: UInt8 = 0
        while true {
            var groupDigits = 0
            while isDigit(text.byte(index)) {
                guard !digits.isFull else {
                    // Longer than any identifier: keep the groups read so far, if any.
                    digits.removeLast(groupDigits)
                    if groupEnds.count == 0 { return nil }
                    return
                }
                digits.append(text[index] - 0x30)
                groupDigits += 1
                index += 1
            }
            groupEnds.append(UInt8(digits.count))
            guard groupEnds.count < maxGroups, !groupEnds.isFull else { return }
            let next = text.byte(index)
            guard separators.contains(next), isDigit(text.byte(index + 1)) else { return }
            if sameSeparator {
                if separator == 0 { separator = next } else if next != separator { return }
            }
            index += 1
        }
    }

    /// The group lengths of the first `groups` groups equal `pattern`.
    func groups(_ groups: Int, are pattern: [Int]) -> Bool {
        guard groups == pattern.count, groups <= groupCount else { return false }
        for index in 0..<groups where length(ofGroup: index) != pattern[index] { return false }
        return true
    }

    /// The byte between group `index` and the next (the text must be the one it was read from).
    func separator(after index: Int, in text: UnsafeRawBufferPointer) -> UInt8 {
        text.byte(end(afterGroups: index + 1))
    }
}
