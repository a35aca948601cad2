/// IPv6 addresses in the text forms of RFC 4291 §2.2: eight groups of one to four hex digits,
/// one `::` for a run of zero groups, and a trailing dotted IPv4 (`::ffff:192.0.2.1`). RFC 5952's
/// canonical form (lower case, shortest) is a subset, so both are found. Too-short forms (`::1`,
/// `a::b`) are left alone: loopback is no one's address, and two groups are usually code (`std::`).
/// Sources: https://www.rfc-editor.org/rfc/rfc4291#section-2.2, https://www.rfc-editor.org/rfc/rfc5952
struct IPv6Detector: Detector {
    var id: DetectorID { .ipv6 }
    var firstBytes: ByteSet { ByteSet.hex.union(ByteSet(":")) }
    var signals: WordSignals { .colon }
    var digitLeads: [DigitLead] {
        [DigitLead(LeadingDigits(1...4), then: ByteSet.hex.subtracting(.digits).union(ByteSet(":")))]
    }
    var examples: DetectorExamples {
        DetectorExamples(
            flags: ["2001:db8::ff00:42:8329", "2001:0db8:0000:0000:0000:ff00:0042:8329", "fe80::1ff:fe23:4567:890a",
                    "::ffff:192.0.2.128", "from 2a00:1450:4001:82b::200e port 443", "2001:DB8::1"],
            ignores: ["2001:db8::1::2", "12:30:45", "2001:db8:0:0:0:0:0:0:1", "::1", "std::vector", "2001:db8::12345", "a::b"])
    }

    func match(in text: UnsafeRawBufferPointer, at start: Int) -> Int? {
        // Not the tail of a longer run of hex groups (`2001:db8:0:0:0:0:0:0:1` from `db8`).
        if start > 0, text[start - 1] == UInt8(ascii: ":") || text[start - 1] == UInt8(ascii: "-") || text[start - 1] == UInt8(ascii: ".") { return nil }
        var index = start
        var groups = 0
        var compressed = false
        if text.byte(index) == UInt8(ascii: ":") {
            guard text.byte(index + 1) == UInt8(ascii: ":") else { return nil }
            compressed = true
            index += 2
        }
        while true {
            let groupStart = index
            while hexValue(text.byte(index)) != nil, index - groupStart < 5 { index += 1 }
            let length = index - groupStart
            if length == 0 { break }
            if text.byte(index) == UInt8(ascii: "."), groups <= 6, (compressed || groups == 6),
               let end = IPv4Detector.addressEnd(in: text, at: groupStart) {
                groups += 2
                index = end
                break
            }
            guard length <= 4 else { return nil }
            groups += 1
            guard text.byte(index) == UInt8(ascii: ":") else { break }
            if text.byte(index + 1) == UInt8(ascii: ":") {
                guard !compressed else { return nil }
                compressed = true
                index += 2
            } else if hexValue(text.byte(index + 1)) != nil {
                index += 1
            } else {
                break
            }
        }
        let valid = compressed ? groups <= 7 : groups == 8
        guard valid, groups >= 2, compressed ? index - start >= 7 : true else { return nil }
        return index
    }
}
