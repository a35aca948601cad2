/// IPv4 addresses in dotted-decimal form: four octets 0...255 without leading zeros (RFC 6943
/// §3.1.1 on the ambiguity of leading zeros, which some parsers read as octal), and not a
/// version string (`v1.2.3.4`, `version 1.2.3.4`).
/// Source: https://www.rfc-editor.org/rfc/rfc6943#section-3.1.1, RFC 791.
struct IPv4Detector: Detector {
    var id: DetectorID { .ipv4 }
    var firstBytes: ByteSet { ByteSet.digits }
    var signals: WordSignals { .digit }
    var digitLeads: [DigitLead] { [DigitLead(LeadingDigits(1...3), then: ByteSet("."), then: LeadingDigits(1...3))] }
    var examples: DetectorExamples {
        DetectorExamples(
            flags: ["192.168.1.20", "client 10.0.0.1:8080 connected", "8.8.8.8", "255.255.255.255"],
            ignores: ["192.168.01.1", "256.1.1.1", "1.2.3", "1.2.3.4.5", "v1.2.3.4", "version 2.10.0.1", "release 1.0.0.3",
                      "10.0.0.1a"])
    }

    private static let versionWords: [[UInt8]] = ["v", "ver", "version", "release", "build", "firmware", "fw"].map { Array($0.utf8) }

    func match(in text: UnsafeRawBufferPointer, at start: Int) -> Int? {
        guard let end = IPv4Detector.addressEnd(in: text, at: start) else { return nil }
        return isAfterVersionWord(text, start) ? nil : end
    }

    /// The end of four dotted octets at `start`, or nil; shared with the IPv6 detector's embedded form.
    static func addressEnd(in text: UnsafeRawBufferPointer, at start: Int) -> Int? {
        var index = start
        for octet in 0..<4 {
            if octet > 0 {
                guard text.byte(index) == UInt8(ascii: "."), isDigit(text.byte(index + 1)) else { return nil }
                index += 1
            }
            let octetStart = index
            var value = 0
            while isDigit(text.byte(index)), index - octetStart < 3 {
                value = value * 10 + Int(text[index] - 0x30)
                index += 1
            }
            let length = index - octetStart
            if length == 0 || isDigit(text.byte(index)) || value > 255 || (length > 1 && text[octetStart] == UInt8(ascii: "0")) { return nil }
        }
        return index
    }

    /// The word just before (after spaces) is a version word, so the dotted numbers are a version.
    private func isAfterVersionWord(_ text: UnsafeRawBufferPointer, _ start: Int) -> Bool {
        var end = start
        while end > 0, text[end - 1] == UInt8(ascii: " ") || text[end - 1] == UInt8(ascii: ":") || text[end - 1] == UInt8(ascii: "=") {
            end -= 1
        }
        var begin = end
        while begin > 0, isLetter(text[begin - 1]), end - begin < 10 { begin -= 1 }
        guard begin < end, begin == 0 || !isLetter(text[begin - 1]) else { return false }
        let word = (begin..<end).map { text[$0] | 0x20 }
        return IPv4Detector.versionWords.contains(word)
    }
}
