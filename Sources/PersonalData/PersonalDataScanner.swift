/// Finds personal data in bytes: in free text (a log line, a document) every validated match with
/// its byte range, and in a single value (a table cell) the detector that accepts all of it.
///
/// The first pass looks for the bytes every value holds one of (a digit, `@` or `:`) eight bytes at
/// a time (`SignalSearch`), so words without them are never looked at one by one. Around each such
/// byte it takes the word (and the word one space before, for spaced values like `AB 12 34 56 C`),
/// and only at a token start there asks the detectors that the first byte, the word's signals and
/// the leading digits admit (bit sets built once) to parse and validate. Matches never overlap:
/// at one start the longest match wins (ties go to the earlier detector in `Detectors.all`), and
/// scanning resumes after it, so a card number is not also a phone number.
public struct PersonalDataScanner: Sendable {
    public let detectors: [any Detector]
    /// The fewest bytes any value without `@` or `:` takes (an IPv4 address like `8.8.8.8`).
    static let shortestDigitValue = 7
    /// The candidates at a start, as bit sets over `detectors` (bit i is detector i, at most 64):
    /// by first byte; by the signals of the word; and, for a start with a digit, by the length of
    /// the digit run, the byte after it and the digit run after that (`DigitLead`).
    private let byFirstByte: [UInt64]
    private let bySignals: [UInt64]
    private let leadsByLength: [UInt64]
    private let leadsByFollower: [UInt64]
    private let leadsBySecondRun: [UInt64]
    private let detectorOfLead: [UInt64]

    public init(detectors: [any Detector] = Detectors.all) {
        precondition(detectors.count <= 64, "the scanner's candidate sets hold 64 detectors")
        self.detectors = detectors
        func set(_ member: (any Detector) -> Bool) -> UInt64 {
            detectors.indices.reduce(0) { member(detectors[$1]) ? $0 | (1 << UInt64($1)) : $0 }
        }
        byFirstByte = (0..<256).map { byte in set { $0.firstBytes.contains(UInt8(byte)) } }
        bySignals = (0..<8).map { signals in set { $0.signals.rawValue == 0 || $0.signals.rawValue & UInt8(signals) != 0 } }
        // Every detector's digit leads, numbered; a lead is admitted when its bit is set in all
        // three tables, and admits its detector.
        let forms = detectors.indices.flatMap { index in detectors[index].digitLeads.map { (index, $0) } }
        precondition(forms.count <= 64, "the scanner's digit-lead sets hold 64 forms")
        var byLength = [UInt64](repeating: 0, count: DigitLead.longestFirstRun + 1)
        var byFollower = [UInt64](repeating: 0, count: 256)
        var bySecondRun = [UInt64](repeating: 0, count: DigitLead.longestSecondRun + 1)
        for (bit, (_, lead)) in forms.enumerated() {
            let mask = UInt64(1) << UInt64(bit)
            for length in byLength.indices where lead.lengths.allows(length) { byLength[length] |= mask }
            for follower in 0..<256 where lead.followers.contains(UInt8(follower)) { byFollower[follower] |= mask }
            for second in bySecondRun.indices where lead.secondRun.allows(second) { bySecondRun[second] |= mask }
        }
        leadsByLength = byLength
        leadsByFollower = byFollower
        leadsBySecondRun = bySecondRun
        detectorOfLead = forms.map { UInt64(1) << UInt64($0.0) }
    }

    /// Every match in `text`, appended to `matches` in order of position.
    public func scan(_ text: UnsafeRawBufferPointer, into matches: inout [PersonalDataMatch]) {
        ScanByteClass.table.withUnsafeBufferPointer { classes in
            byFirstByte.withUnsafeBufferPointer { firstBytes in
                scan(text, classes: classes, firstBytes: firstBytes, into: &matches)
            }
        }
    }

    /// `scan` with its tables at hand without bounds checks.
    private func scan(_ text: UnsafeRawBufferPointer, classes: UnsafeBufferPointer<UInt8>, firstBytes: UnsafeBufferPointer<UInt64>,
                      into matches: inout [PersonalDataMatch]) {
        let count = text.count
        // Bytes before `index` are done: matched, or in words already tried.
        var index = 0
        while index < count {
            let anchor = SignalSearch.next(in: text, from: index)
            guard anchor < count else { return }
            // The word holding the signal byte (digits, `:` and `@` are word bytes).
            var signals = classes[Int(text[anchor])]
            var wordStart = anchor
            while wordStart > index {
                let bits = classes[Int(text[wordStart - 1])]
                if bits & ScanByteClass.word == 0 { break }
                signals |= bits
                wordStart -= 1
            }
            var wordEnd = anchor + 1
            while wordEnd < count {
                let bits = classes[Int(text[wordEnd])]
                if bits & ScanByteClass.word == 0 { break }
                signals |= bits
                wordEnd += 1
            }
            // A word before, one space away, may begin a spaced value (`AB 12 34 56 C`).
            var first = wordStart
            if wordStart >= index + 2, wordStart == anchor, text[wordStart - 1] == UInt8(ascii: " ") {
                first = wordStart - 1
                while first > index {
                    let bits = classes[Int(text[first - 1])]
                    if bits & ScanByteClass.word == 0 { break }
                    signals |= bits
                    first -= 1
                }
            }
            let spaced = wordEnd + 1 < count && text[wordEnd] == UInt8(ascii: " ")
            if spaced, isDigit(text[wordEnd + 1]) { signals |= ScanByteClass.digit }
            // A value may go on after a space: digits, an IBAN's capitals, a phone's `(0)`.
            let spacedOn = spaced && (isDigit(text[wordEnd + 1]) || isUpper(text[wordEnd + 1]) || text[wordEnd + 1] == UInt8(ascii: "("))
            signals &= ScanByteClass.digit | ScanByteClass.at | ScanByteClass.colon
            // Without `@` or `:`, no value is shorter than seven bytes (`8.8.8.8`): counters,
            // status codes and short versions end here.
            if signals == ScanByteClass.digit, wordEnd - first < PersonalDataScanner.shortestDigitValue, !spacedOn,
               !beginsCoordinatePair(text, first, wordEnd) {
                index = wordEnd
                continue
            }
            // Only bytes that some admitted detector can begin with are tried, and only where
            // no letter or digit comes before them.
            let admitted = bySignals[Int(signals)]
            var resume = wordEnd
            var position = first
            var afterAlphanumeric = position > 0 && classes[Int(text[position - 1])] & ScanByteClass.alphanumeric != 0
            while position < wordEnd {
                let byte = text[position]
                let bits = classes[Int(byte)]
                if !afterAlphanumeric, bits & ScanByteClass.start != 0 {
                    let candidates = firstBytes[Int(byte)] & admitted
                    if candidates != 0, Boundary.canStart(text, at: position),
                       let match = longestMatch(in: text, at: position, candidates: candidates) {
                        matches.append(match)
                        if match.range.upperBound >= wordEnd {
                            resume = match.range.upperBound
                            break
                        }
                        position = match.range.upperBound
                        afterAlphanumeric = classes[Int(text[position - 1])] & ScanByteClass.alphanumeric != 0
                        continue
                    }
                }
                position += 1
                afterAlphanumeric = bits & ScanByteClass.alphanumeric != 0
                // The rest of a run of letters and digits starts nothing: pass it in a tight loop.
                if afterAlphanumeric {
                    while position < wordEnd, classes[Int(text[position])] & ScanByteClass.alphanumeric != 0 { position += 1 }
                }
            }
            index = resume
        }
    }

    /// A short decimal followed by `,`, `;` or a space may be a latitude with its longitude to come.
    private func beginsCoordinatePair(_ text: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        let next = text.byte(end)
        guard next == UInt8(ascii: ",") || next == UInt8(ascii: ";") || next == UInt8(ascii: " ") else { return false }
        return (start..<end).contains { text[$0] == UInt8(ascii: ".") }
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

    /// The longest match at `start` of the `candidates` (a bit set over `detectors`), narrowed by
    /// the digit leads when `start` is a digit.
    private func longestMatch(in text: UnsafeRawBufferPointer, at start: Int, candidates: UInt64) -> PersonalDataMatch? {
        let first = text[start]
        var candidates = candidates
        if isDigit(first) {
            var digits = 1
            while digits < DigitLead.longestFirstRun, isDigit(text.byte(start + digits)) { digits += 1 }
            var follower = text.byte(start + digits)
            var second = 0
            while second < DigitLead.longestSecondRun, isDigit(text.byte(start + digits + 1 + second)) { second += 1 }
            if follower == UInt8(ascii: " "), second == 0, text.byte(start + digits + 1) != UInt8(ascii: "(") {
                follower = DigitLead.spaceThenOther
            }
            var leads = leadsByLength[digits] & leadsByFollower[Int(follower)] & leadsBySecondRun[second]
            var admitted: UInt64 = 0
            while leads != 0 {
                admitted |= detectorOfLead[leads.trailingZeroBitCount]
                leads &= leads - 1
            }
            candidates &= admitted
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
