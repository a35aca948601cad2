/// Masks every interpolated secret wherever it might surface: reports, logs, error messages.
///
/// A secret is masked in each form it can take on the way out (`SecretForms`): as written,
/// escaped the way each report format escapes text, percent-encoded, base64 and hex. Values
/// shorter than `minimumLength` bytes are not masked: masking `42` or `dev` would cut every
/// number and word that contains them out of every report, and a value that short is guessed
/// in a moment anyway, so it gives no secrecy to keep (the README says so).
public struct SecretRedactor: Sendable, Equatable {
    public static let minimumLength = 4
    public static let mask = "***"

    /// The values masked, longest first, so a secret containing another is masked whole.
    public let secrets: [String]
    /// Every form of every secret, as bytes, longest first.
    private let forms: [[UInt8]]
    /// For each first byte, the indices into `forms` that start with it: most bytes of a text start none.
    private let formsByFirstByte: [[Int]]

    public init(secrets: [String]) {
        let kept = Set(secrets.filter { $0.utf8.count >= Self.minimumLength })
        self.secrets = kept.sorted { ($0.utf8.count, $0) > ($1.utf8.count, $1) }
        let forms = Set(self.secrets.flatMap(SecretForms.all)).map { Array($0.utf8) }
            .filter { $0.count >= Self.minimumLength }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
        self.forms = forms
        var table = [[Int]](repeating: [], count: 256)
        for (index, form) in forms.enumerated() { table[Int(form[0])].append(index) }
        formsByFirstByte = table
    }

    /// Nothing to mask: a run without `${NAME}`, or a report read back from a file.
    public static let none = SecretRedactor(secrets: [])

    public func redact(_ text: String) -> String {
        guard !forms.isEmpty else { return text }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var copiedUpTo = 0
        var i = 0
        while i < bytes.count {
            if let length = matchLength(bytes, at: i) {
                if output.isEmpty { output.reserveCapacity(bytes.count) }
                output.append(contentsOf: bytes[copiedUpTo..<i])
                output.append(contentsOf: Self.mask.utf8)
                i += length
                copiedUpTo = i
            } else {
                i += 1
            }
        }
        guard copiedUpTo > 0 else { return text }
        output.append(contentsOf: bytes[copiedUpTo...])
        return String(decoding: output, as: UTF8.self)
    }

    /// The longest form that starts at `start` (forms are sorted longest first). Each byte of a form
    /// may also be percent-encoded (either case of hex, any mix, as every URL encoder picks its own
    /// set of characters to encode) or, for a space, a `+`.
    private func matchLength(_ bytes: [UInt8], at start: Int) -> Int? {
        let first = bytes[start]
        if let length = firstMatch(formsByFirstByte[Int(first)], bytes, at: start) { return length }
        if first == UInt8(ascii: "%") { return firstMatch(forms.indices, bytes, at: start) }
        if first == UInt8(ascii: "+") { return firstMatch(formsByFirstByte[0x20], bytes, at: start) }
        return nil
    }

    private func firstMatch<Indices: Sequence<Int>>(_ candidates: Indices, _ bytes: [UInt8], at start: Int) -> Int? {
        for index in candidates {
            if let end = match(forms[index], bytes, at: start) { return end - start }
        }
        return nil
    }

    private func match(_ form: [UInt8], _ bytes: [UInt8], at start: Int) -> Int? {
        var j = start
        for byte in form {
            guard j < bytes.count else { return nil }
            if bytes[j] == UInt8(ascii: "%"), j + 2 < bytes.count,
               let high = Self.hexValue(bytes[j + 1]), let low = Self.hexValue(bytes[j + 2]), high << 4 | low == byte {
                j += 3
            } else if bytes[j] == byte || (byte == 0x20 && bytes[j] == UInt8(ascii: "+")) {
                j += 1
            } else {
                return nil
            }
        }
        return j
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}
