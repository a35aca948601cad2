/// MAC addresses (EUI-48) in the IEEE 802 forms: six pairs of hex digits separated by `:` or `-`
/// (one separator throughout), or Cisco's three groups of four separated by `.`; letters in one
/// case; not all zeros (the null address) and not broadcast (all ones), which identify no device.
/// Source: IEEE Std 802-2014 §8.1 (hexadecimal representation), https://standards.ieee.org/wp-content/uploads/import/documents/tutorials/eui.pdf
struct MACAddressDetector: Detector {
    var id: DetectorID { .mac }
    var firstBytes: ByteSet { ByteSet.hex }
    var signals: WordSignals { [.digit, .colon] }
    var digitLeads: [DigitLead] {
        [DigitLead(LeadingDigits(1...3), then: MACAddressDetector.hexLetters),
         DigitLead(LeadingDigits(2), then: ByteSet(":-"), then: LeadingDigits(0...2)),
         DigitLead(LeadingDigits(4), then: ByteSet("."), then: LeadingDigits(0...4))]
    }
    var examples: DetectorExamples {
        DetectorExamples(
            flags: ["00:1A:2B:3C:4D:5E", "a4-83-e7-0b-1c-2d", "0023.6b1f.90ac", "wlan0 hwaddr 3c:22:fb:91:0e:7d up"],
            ignores: ["00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff", "00:1A:2B:3C:4D", "00:1A-2B:3C:4D:5E", "00:1a:2B:3c:4D:5e",
                      "00:1A:2B:3C:4D:5E:6F", "12:30:45"])
    }

    static let hexLetters = ByteSet.hex.subtracting(.digits)

    func match(in text: UnsafeRawBufferPointer, at start: Int) -> Int? {
        // Not the tail of a longer run of hex groups (`2001:db8:0:0:0:0:0:0:1` from `db8`).
        if start > 0, text[start - 1] == UInt8(ascii: ":") || text[start - 1] == UInt8(ascii: "-") || text[start - 1] == UInt8(ascii: ".") { return nil }
        guard hexValue(text.byte(start)) != nil else { return nil }
        let separator = text.byte(start + 2)
        let end: Int
        if separator == UInt8(ascii: ":") || separator == UInt8(ascii: "-") {
            guard let pairsEnd = groups(text, start, count: 6, width: 2, separator: separator) else { return nil }
            end = pairsEnd
        } else if text.byte(start + 4) == UInt8(ascii: ".") {
            guard let ciscoEnd = groups(text, start, count: 3, width: 4, separator: UInt8(ascii: ".")) else { return nil }
            end = ciscoEnd
        } else {
            return nil
        }
        // One more group in the same style means a longer identifier (EUI-64, IPv6): not this.
        if text.byte(end) == separator || (separator != UInt8(ascii: ":") && text.byte(end) == UInt8(ascii: ".")) {
            if hexValue(text.byte(end + 1)) != nil { return nil }
        }
        return isMeaningful(text, start, end) ? end : nil
    }

    private func groups(_ text: UnsafeRawBufferPointer, _ start: Int, count: Int, width: Int, separator: UInt8) -> Int? {
        var index = start
        for group in 0..<count {
            if group > 0 {
                guard text.byte(index) == separator else { return nil }
                index += 1
            }
            for _ in 0..<width {
                guard hexValue(text.byte(index)) != nil else { return nil }
                index += 1
            }
        }
        return index
    }

    /// One letter case, and neither all zeros nor all ones.
    private func isMeaningful(_ text: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        var upper = false, lower = false, allZero = true, allF = true
        for index in start..<end {
            let byte = text[index]
            guard let value = hexValue(byte) else { continue }
            if isUpper(byte) { upper = true }
            if isLower(byte) { lower = true }
            if value != 0 { allZero = false }
            if value != 15 { allF = false }
        }
        return !(upper && lower) && !allZero && !allF
    }
}
