/// Masked excerpts for reports: enough to recognise a finding, never the value.
///
/// An email keeps its first letters and top-level domain (`j***@e***.com`); anything else keeps
/// its separators and at most its last four letters or digits, and never more than a quarter of
/// them (`**** **** **** 1111`, `***-**-6789`). Every excerpt holds at least one `*` where the value
/// had a letter or digit, and a match never contains `*`, so no excerpt contains its value.
public enum PersonalDataMask {
    public static func excerpt(_ value: UnsafeRawBufferPointer, detector: DetectorID?) -> String {
        if detector == .email, let email = maskedEmail(value) { return email }
        return maskedTail(value)
    }

    public static func excerpt(_ value: [UInt8], detector: DetectorID?) -> String {
        value.withUnsafeBytes { excerpt($0, detector: detector) }
    }

    /// `first***@first***.tld`, a first letter shown only where at least three stand behind it.
    private static func maskedEmail(_ value: UnsafeRawBufferPointer) -> String? {
        guard let at = value.lastIndex(of: UInt8(ascii: "@")), let dot = value.lastIndex(of: UInt8(ascii: ".")), dot > at else { return nil }
        var out: [UInt8] = []
        if at >= 3 { out.append(value[0]) }
        out += Array("***@".utf8)
        let firstLabelEnd = value[(at + 1)...].firstIndex(of: UInt8(ascii: ".")) ?? dot
        if firstLabelEnd - (at + 1) >= 3 { out.append(value[at + 1]) }
        out += Array("***".utf8)
        out += value[dot...]
        return String(decoding: out, as: UTF8.self)
    }

    /// Letters and digits become `*` except the last few ASCII ones; other bytes stay; a
    /// multi-byte character becomes one `*`.
    private static func maskedTail(_ value: UnsafeRawBufferPointer) -> String {
        let alphanumerics = value.reduce(0) { $0 + (isAlphanumeric($1) ? 1 : 0) }
        var visible = min(4, alphanumerics / 4)
        var out = [UInt8](repeating: 0, count: value.count)
        var index = value.count - 1
        while index >= 0 {
            let byte = value[index]
            if isAlphanumeric(byte) {
                out[index] = visible > 0 ? byte : UInt8(ascii: "*")
                visible -= visible > 0 ? 1 : 0
            } else if byte >= 0x80 {
                // Continuation bytes vanish; the lead byte of a character becomes one star.
                out[index] = byte & 0xC0 == 0x80 ? 0 : UInt8(ascii: "*")
                visible = 0
            } else {
                out[index] = byte
            }
            index -= 1
        }
        let masked = out.filter { $0 != 0 }
        // A value with no letter or digit would come back whole: show nothing of it.
        guard masked.contains(UInt8(ascii: "*")) else { return "***" }
        return String(decoding: masked, as: UTF8.self)
    }
}
