// The secret scanner depends on nothing but the standard library and Foundation, so it can be
// fuzzed on its own (Tests/Fuzz/SecretScannerFuzz.swift).

/// One kind of secret the scanner recognises: how a candidate starts (its anchor), how long it
/// is and what it is made of once found, and what the report says about it. The anchors are
/// the published, fixed prefixes of each issuer's credentials, so a scan only validates where
/// an anchor matched.
struct SecretRule: Sendable {
    var id: String
    var summary: String
    var help: String
    /// `critical`, `high`, `medium` or `low`, as findings name severities.
    var severity: String
    /// The bytes a match starts with (one of them), matched exactly, or without regard to ASCII
    /// case when `anchorsIgnoreCase` (then written in lower case).
    var anchors: [[UInt8]]
    var anchorsIgnoreCase = false
    /// The length of the whole match starting at an anchor, or nil when what follows the anchor
    /// is not this kind of secret. `bytes` is the window, `start` the anchor's offset in it.
    var match: @Sendable (_ bytes: UnsafeRawBufferPointer, _ start: Int, _ anchor: Int) -> Int?
    /// Texts that must be flagged, and texts that must not: each rule's worked examples, run by one test.
    var flags: [String]
    var ignores: [String]

    init(id: String, summary: String, help: String, severity: String, anchors: [[UInt8]], anchorsIgnoreCase: Bool = false,
         match: @escaping @Sendable (UnsafeRawBufferPointer, Int, Int) -> Int?, flags: [String], ignores: [String]) {
        self.id = id
        self.summary = summary
        self.help = help
        self.severity = severity
        self.anchors = anchors
        self.anchorsIgnoreCase = anchorsIgnoreCase
        self.match = match
        self.flags = flags
        self.ignores = ignores
    }
}

/// Byte classes the rules use.
enum SecretBytes {
    static func isUpperAlnum(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) }
    static func isAlnum(_ b: UInt8) -> Bool { isUpperAlnum(b) || (b >= 0x61 && b <= 0x7A) }
    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    static func isBase64URL(_ b: UInt8) -> Bool { isAlnum(b) || b == 0x2D || b == 0x5F }
    static func isBase64(_ b: UInt8) -> Bool { isAlnum(b) || b == 0x2B || b == 0x2F }

    /// How many bytes from `index` satisfy `accept`, up to `limit`.
    static func run(_ bytes: UnsafeRawBufferPointer, from index: Int, limit: Int, _ accept: (UInt8) -> Bool) -> Int {
        var count = 0
        while index + count < bytes.count, count < limit, accept(bytes[index + count]) { count += 1 }
        return count
    }

    /// Whether the byte before `index` (if any) cannot continue a token, so `xAKIA...` is not a key.
    static func startsToken(_ bytes: UnsafeRawBufferPointer, _ index: Int, _ continues: (UInt8) -> Bool) -> Bool {
        index == 0 || !continues(bytes[index - 1])
    }

    /// Whether the byte at `index` (if any) cannot continue a token.
    static func endsToken(_ bytes: UnsafeRawBufferPointer, _ index: Int, _ continues: (UInt8) -> Bool) -> Bool {
        index >= bytes.count || !continues(bytes[index])
    }
}
