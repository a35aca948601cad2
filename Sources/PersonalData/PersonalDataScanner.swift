/// Finds personal data in bytes: in free text (a log line, a document) every validated match with
/// its byte range, and in a single value (a table cell) the detector that accepts all of it.
///
/// The first pass is one table lookup per byte: it skips bytes that cannot start a token, and
/// skips whole words that hold no digit, `@` or `:`. Only at a token start inside an interesting
/// word are the detectors whose first byte fits asked to parse and validate. Matches never overlap:
/// at one start the longest match wins (ties go to the earlier detector in `Detectors.all`), and
/// scanning resumes after it, so a card number is not also a phone number.
public struct PersonalDataScanner: Sendable {
    public let detectors: [any Detector]
    /// The candidates at a start, as bit sets over `detectors` (bit i is detector i, at most 64):
    /// by first byte; by the signals of the word; and, for a start with a digit, by the length of
    /// the digit run (capped at 63) and the byte after it (`DigitLead`).
    private let byFirstByte: [UInt64]
    private let bySignals: [UInt64]
    private let byDigitLead: [UInt64]

    public init(detectors: [any Detector] = Detectors.all) {
        precondition(detectors.count <= 64, "the scanner's candidate sets hold 64 detectors")
        self.detectors = detectors
        func set(_ member: (any Detector) -> Bool) -> UInt64 {
            detectors.indices.reduce(0) { member(detectors[$1]) ? $0 | (1 << UInt64($1)) : $0 }
        }
        byFirstByte = (0..<256).map { byte in set { $0.firstBytes.contains(UInt8(byte)) } }
        bySignals = (0..<8).map { signals in set { $0.signals.rawValue == 0 || $0.signals.rawValue & UInt8(signals) != 0 } }
        let leads = detectors.map(\.digitLeads)
        var byDigitLead = [UInt64](repeating: 0, count: 64 * 256)
        for length in 1..<64 {
            for follower in 0..<256 {
                for (index, forms) in leads.enumerated()
                where forms.contains(where: { $0.admits(length: length, follower: UInt8(follower)) }) {
                    byDigitLead[length << 8 | follower] |= 1 << UInt64(index)
                }
            }
        }
        self.byDigitLead = byDigitLead
    }

    /// Every match in `text`, appended to `matches` in order of position.
    public func scan(_ text: UnsafeRawBufferPointer, into matches: inout [PersonalDataMatch]) {
        let count = text.count
        ScanByteClass.table.withUnsafeBufferPointer { classes in
            var index = 0
            while index < count {
                while index < count, classes[Int(text[index])] & ScanByteClass.start == 0 { index += 1 }
                guard index < count else { return }
                // The word from here, and what it holds.
                let wordStart = index
                var signals: UInt8 = 0
                var wordEnd = index
                while wordEnd < count {
                    let bits = classes[Int(text[wordEnd])]
                    if bits & ScanByteClass.word == 0 { break }
                    signals |= bits
                    wordEnd += 1
                }
                if wordEnd + 1 < count, text[wordEnd] == UInt8(ascii: " "), isDigit(text[wordEnd + 1]) { signals |= ScanByteClass.digit }
                signals &= ScanByteClass.digit | ScanByteClass.at | ScanByteClass.colon
                guard signals != 0 else {
                    index = wordEnd
                    continue
                }
                var resume = wordEnd
                var position = wordStart
                while position < wordEnd {
                    if classes[Int(text[position])] & ScanByteClass.start != 0, Boundary.canStart(text, at: position),
                       let match = longestMatch(in: text, at: position, signals: signals) {
                        matches.append(match)
                        if match.range.upperBound >= wordEnd {
                            resume = match.range.upperBound
                            break
                        }
                        position = match.range.upperBound
                        continue
                    }
                    position += 1
                }
                index = resume
            }
        }
    }

    /// Every match in `text`.
    public func matches(in text: [UInt8]) -> [PersonalDataMatch] {
        var result: [PersonalDataMatch] = []
        text.withUnsafeBytes { scan($0, into: &result) }
        return result
    }

    /// Every match in the UTF-8 of `text`.
    public func matches(in text: String) -> [PersonalDataMatch] { matches(in: Array(text.utf8)) }

    /// The detector that accepts the whole value (surrounding spaces and tabs aside), or nil.
    /// This is what column profiling counts: a cell that merely contains an email is free text.
    public func classify(value: UnsafeRawBufferPointer) -> DetectorID? {
        var start = 0, end = value.count
        while start < end, value[start] == 0x20 || value[start] == 0x09 { start += 1 }
        while end > start, value[end - 1] == 0x20 || value[end - 1] == 0x09 { end -= 1 }
        guard start < end else { return nil }
        let trimmed = UnsafeRawBufferPointer(rebasing: value[start..<end])
        var candidates = byFirstByte[Int(trimmed[0])]
        while candidates != 0 {
            let candidate = candidates.trailingZeroBitCount
            candidates &= candidates - 1
            if detectors[candidate].match(in: trimmed, at: 0) == trimmed.count { return detectors[candidate].id }
        }
        return nil
    }

    /// `classify(value:)` on a Swift array.
    public func classify(value: [UInt8]) -> DetectorID? { value.withUnsafeBytes { classify(value: $0) } }

    private func longestMatch(in text: UnsafeRawBufferPointer, at start: Int, signals: UInt8) -> PersonalDataMatch? {
        let first = text[start]
        var candidates = byFirstByte[Int(first)] & bySignals[Int(signals)]
        if isDigit(first) {
            var digits = 1
            while digits < 63, isDigit(text.byte(start + digits)) { digits += 1 }
            var follower = text.byte(start + digits)
            if follower == UInt8(ascii: " "), !isDigit(text.byte(start + digits + 1)) { follower = DigitLead.spaceThenOther }
            candidates &= byDigitLead[digits << 8 | Int(follower)]
        }
        var best: PersonalDataMatch?
        while candidates != 0 {
            let candidate = candidates.trailingZeroBitCount
            candidates &= candidates - 1
            guard let end = detectors[candidate].match(in: text, at: start), end > start, end <= text.count,
                  Boundary.canEnd(text, at: end) else { continue }
            if end > (best?.range.upperBound ?? 0) {
                best = PersonalDataMatch(detector: detectors[candidate].id, range: start..<end)
            }
        }
        return best
    }
}
