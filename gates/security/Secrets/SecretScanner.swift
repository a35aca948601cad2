/// One secret found: its rule, where it starts in the file, its length, and a masked excerpt
/// (never the value).
struct SecretMatch: Sendable, Equatable {
    var rule: Int
    var offset: Int
    var length: Int
    /// 1-based line and byte column of the match's start, for text files and code-scanning views.
    var line: Int
    var column: Int
    var excerpt: String
}

/// Finds secrets in a file fed chunk by chunk, in one pass: at each byte, only the rules whose
/// anchor can start with that byte and the next are tried (`AnchorIndex`), so most bytes cost one
/// bit test; lines are counted only up to where a match is found. A match may straddle two chunks: the last `overlap` bytes of a chunk are scanned again
/// with the next one's start, and a match is reported once.
struct SecretScanner {
    let rules: [SecretRule]
    private let index: AnchorIndex
    /// The longest match any rule can make; a window keeps this much for the next chunk.
    static let overlap = 16 << 10
    /// Bytes kept before the first unscanned byte, for the rules that look behind their anchor.
    static let lookBehind = 64
    /// Matches reported per file; more are counted but not kept.
    static let maximumMatches = 1000

    private var carry: [UInt8] = []
    /// The carry and the new chunk together; its storage is kept from chunk to chunk.
    private var window: [UInt8] = []
    /// The file offset of `carry[0]`.
    private var carryOffset = 0
    /// The first file offset not yet scanned (a match's bytes are not scanned again).
    private var nextOffset = 0
    /// The line at `linesCounted` (the file offset up to which newlines were counted), and the
    /// file offset where that line starts.
    private var line = 1
    private var lineStart = 0
    private var linesCounted = 0
    private(set) var matches: [SecretMatch] = []
    private(set) var droppedMatches = 0

    /// Every rule, in the order matches are tried and reported.
    static let defaultRules = SecretRules.all + [AssignedSecretRule.rule]

    /// The catalogue's index, built once for every file the gate scans.
    private static let defaultIndex = AnchorIndex(rules: defaultRules)

    init() {
        rules = Self.defaultRules
        index = Self.defaultIndex
    }

    init(rules: [SecretRule]) {
        self.rules = rules
        index = AnchorIndex(rules: rules)
    }

    /// Scans the next bytes of the file; `isLast` says no more follow, so the tail is scanned too.
    mutating func scan(_ chunk: UnsafeRawBufferPointer, isLast: Bool) {
        // A whole input in one call (the security gate holds each file in memory) has nothing
        // to join with, so it is scanned in place rather than copied into the window.
        if isLast && carry.isEmpty {
            scanWindow(chunk, windowOffset: carryOffset, isLast: true)
            return
        }
        window.removeAll(keepingCapacity: true)
        window.append(contentsOf: carry)
        window.append(contentsOf: chunk)
        let windowOffset = carryOffset
        let window = self.window
        window.withUnsafeBytes { scanWindow($0, windowOffset: windowOffset, isLast: isLast) }
        let keepFrom = max(0, min(nextOffset - windowOffset, window.count) - Self.lookBehind)
        carry = Array(window[keepFrom...])
        carryOffset = windowOffset + keepFrom
    }

    private mutating func scanWindow(_ bytes: UnsafeRawBufferPointer, windowOffset: Int, isLast: Bool) {
        let end = isLast ? bytes.count : max(0, bytes.count - Self.overlap)
        var at = index.nextCandidate(bytes, from: max(0, nextOffset - windowOffset), end: end)
        while at < end {
            if let (rule, length) = firstMatch(bytes, at: at) {
                countLines(bytes, windowOffset: windowOffset, upTo: windowOffset + at)
                record(rule: rule, offset: windowOffset + at, bytes: UnsafeRawBufferPointer(rebasing: bytes[at..<(at + length)]),
                       column: windowOffset + at - lineStart)
                at += length
            } else {
                at += 1
            }
            at = index.nextCandidate(bytes, from: at, end: end)
        }
        nextOffset = windowOffset + at
        // What is not carried to the next window must be counted now (after the last, nothing needs a line).
        if !isLast { countLines(bytes, windowOffset: windowOffset, upTo: nextOffset) }
    }

    /// Counts the newlines from `linesCounted` to `offset` (a file offset inside the window): a
    /// branch-free count the compiler vectorises, then a look back for where the last line starts.
    private mutating func countLines(_ bytes: UnsafeRawBufferPointer, windowOffset: Int, upTo offset: Int) {
        guard offset > linesCounted else { return }
        let range = (linesCounted - windowOffset)..<(offset - windowOffset)
        var newlines = 0
        for byte in UnsafeRawBufferPointer(rebasing: bytes[range]) { newlines &+= byte == 0x0A ? 1 : 0 }
        if newlines > 0 {
            var last = range.upperBound - 1
            while bytes[last] != 0x0A { last -= 1 }
            lineStart = windowOffset + last + 1
        }
        line += newlines
        linesCounted = offset
    }

    /// The first rule (in catalogue order) that matches at `index`, with its length. A rule that
    /// judges a value by its name and spread (the last in the catalogue) yields to a token any
    /// specific rule recognises inside its match, so a GitHub token assigned to `token:` is
    /// reported as what it is.
    @inline(__always)
    private func firstMatch(_ bytes: UnsafeRawBufferPointer, at index: Int) -> (Int, Int)? {
        let candidates = self.index.byFirstByte[Int(bytes[index])]
        if candidates.isEmpty { return nil }
        for (rule, anchor) in candidates {
            guard let length = matchLength(rule, anchor, bytes, at: index) else { continue }
            if rules[rule].anchorsIgnoreCase && containsSpecificMatch(bytes, in: (index + anchor.count)..<(index + length)) { return nil }
            return (rule, length)
        }
        return nil
    }

    private func matchLength(_ rule: Int, _ anchor: [UInt8], _ bytes: UnsafeRawBufferPointer, at index: Int) -> Int? {
        guard index + anchor.count <= bytes.count, anchorMatches(bytes, index, anchor, ignoreCase: rules[rule].anchorsIgnoreCase),
              let length = rules[rule].match(bytes, index, anchor.count), length > 0, index + length <= bytes.count else { return nil }
        return length
    }

    private func containsSpecificMatch(_ bytes: UnsafeRawBufferPointer, in range: Range<Int>) -> Bool {
        for position in range {
            for (rule, anchor) in self.index.byFirstByte[Int(bytes[position])] where !rules[rule].anchorsIgnoreCase {
                if matchLength(rule, anchor, bytes, at: position) != nil { return true }
            }
        }
        return false
    }

    private func anchorMatches(_ bytes: UnsafeRawBufferPointer, _ index: Int, _ anchor: [UInt8], ignoreCase: Bool) -> Bool {
        for offset in 0..<anchor.count {
            var byte = bytes[index + offset]
            if ignoreCase, byte >= 0x41, byte <= 0x5A { byte += 0x20 }
            if byte != anchor[offset] { return false }
        }
        return true
    }

    /// `column`: bytes between the line's start and the match.
    private mutating func record(rule: Int, offset: Int, bytes: UnsafeRawBufferPointer, column: Int) {
        guard matches.count < Self.maximumMatches else {
            droppedMatches += 1
            return
        }
        matches.append(SecretMatch(rule: rule, offset: offset, length: bytes.count, line: line, column: column + 1,
                                   excerpt: Self.mask(bytes, rule: rules[rule])))
    }

    /// What a report may show of a match: a private key's header (which holds no key material),
    /// else the first few bytes (at most a fifth of the match) and its length.
    static func mask(_ bytes: UnsafeRawBufferPointer, rule: SecretRule) -> String {
        if rule.id == SecretRules.privateKey.id || rule.id == SecretRules.gcpServiceAccount.id {
            return String(decoding: bytes, as: UTF8.self)
        }
        let shown = min(4, bytes.count / 5)
        let head = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<shown]), as: UTF8.self)
        return "\(head)… (\(bytes.count) bytes)"
    }
}
