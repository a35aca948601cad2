/// Email addresses: the practical subset of RFC 5322 §3.4.1 `addr-spec` (dot-atom local part)
/// with an RFC 5321 §4.1.2 domain (letters, digits, inner hyphens; labels of at most 63 bytes) and
/// a top-level domain of letters, or an IDNA `xn--` label (RFC 5890), as the root zone allows.
/// Sources: https://www.rfc-editor.org/rfc/rfc5322#section-3.4.1, https://www.rfc-editor.org/rfc/rfc5321#section-4.1.2
struct EmailDetector: Detector {
    var id: DetectorID { .email }
    var firstBytes: ByteSet { ByteSet.alphanumeric }
    var signals: WordSignals { .at }
    var examples: DetectorExamples {
        DetectorExamples(
            flags: ["jane.doe@example.com", "o'brien+news@mail.example.co.uk", "x9_y@sub-domain.example.org", "Contact: anna.k@uni-heidelberg.de."],
            ignores: ["user@localhost", "a..b@example.com", "name@-example.com", "@example.com", "name@example.c0m", "dev@host.123", "name.@example.com"])
    }

    private static let localBytes = ByteSet.alphanumeric.union(ByteSet("._%+-'"))
    private static let insideLocalPart = ByteSet.alphanumeric.union(ByteSet("._%+-"))

    func match(in text: UnsafeRawBufferPointer, at start: Int) -> Int? {
        // Inside a longer local part (`a..b@`, `x-y@`) is no start; a quote before is no part of it.
        if start > 0, EmailDetector.insideLocalPart.contains(text[start - 1]) { return nil }
        guard isAlphanumeric(text.byte(start)) else { return nil }
        // Local part: dot-atom, at most 64 bytes (RFC 5321 §4.5.3.1.1).
        var index = start
        var previous: UInt8 = 0
        while index - start <= 64, EmailDetector.localBytes.contains(text.byte(index)) {
            let byte = text[index]
            if byte == UInt8(ascii: ".") && (previous == UInt8(ascii: ".") || index == start) { return nil }
            previous = byte
            index += 1
        }
        guard index > start, text.byte(index) == UInt8(ascii: "@"), previous != UInt8(ascii: ".") else { return nil }
        return domainEnd(in: text, from: index + 1)
    }

    /// The end of a domain of two or more labels whose last is a plausible top-level domain.
    private func domainEnd(in text: UnsafeRawBufferPointer, from domainStart: Int) -> Int? {
        var index = domainStart
        var labels = 0
        var lastLabelStart = domainStart
        var lastLabelEnd = domainStart
        while true {
            let labelStart = index
            while isAlphanumeric(text.byte(index)) || text.byte(index) == UInt8(ascii: "-") { index += 1 }
            let length = index - labelStart
            guard length > 0, length <= 63, text[labelStart] != UInt8(ascii: "-"), text[index - 1] != UInt8(ascii: "-") else {
                // A label that does not parse ends the domain at the previous one.
                index = lastLabelEnd
                break
            }
            labels += 1
            lastLabelStart = labelStart
            lastLabelEnd = index
            guard text.byte(index) == UInt8(ascii: "."), isAlphanumeric(text.byte(index + 1)) else { break }
            index += 1
        }
        guard labels >= 2, lastLabelEnd - domainStart <= 253, isTopLevelDomain(text, lastLabelStart, lastLabelEnd) else { return nil }
        return lastLabelEnd
    }

    private func isTopLevelDomain(_ text: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        let length = end - start
        guard length >= 2, length <= 63 else { return false }
        if length > 4, (text[start] | 0x20) == UInt8(ascii: "x"), (text[start + 1] | 0x20) == UInt8(ascii: "n"),
           text[start + 2] == UInt8(ascii: "-"), text[start + 3] == UInt8(ascii: "-") {
            return true
        }
        for index in start..<end where !isLetter(text[index]) { return false }
        return true
    }
}
