// fuzz-sources: Sources/PersonalData
// The personal-data scanner and every detector on arbitrary bytes: no crash, no hang; matches lie
// inside the text, in order, never overlapping, and are found again by their detector at the same
// place; no masked excerpt contains the value it masks. Every detector is also asked at every
// offset directly, past the scanner's prefilter, and the context checks run on the same bytes.
// Whatever a detector accepts as a whole value, the scanner must find as one match over all of it:
// its prefilter (first byte, word signals, digit leads) may skip work, never a value.
// Scanning many lines at once finds exactly what scanning each line alone finds (a `\r` before
// each `\n` dropped), so a log can be scanned a chunk at a time.

let scanner = PersonalDataScanner()
let today = CalendarDate(year: 2026, month: 12, day: 5)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    bytes.withUnsafeBytes { text in
        var matches: [PersonalDataMatch] = []
        scanner.scan(text, into: &matches)
        var previousEnd = 0
        for match in matches {
            guard match.range.lowerBound >= previousEnd, match.range.upperBound <= text.count, !match.range.isEmpty else {
                fatalError("match \(match) out of order or bounds (previous end \(previousEnd), \(text.count) bytes)")
            }
            previousEnd = match.range.upperBound
            let detector = scanner.detectors.first { $0.id == match.detector }!
            guard detector.match(in: text, at: match.range.lowerBound) == match.range.upperBound else {
                fatalError("\(match.detector) does not find its match again at \(match.range)")
            }
            let value = Array(text[match.range])
            let excerpt = PersonalDataMask.excerpt(value, detector: match.detector)
            if excerpt.utf8.count >= value.count, Array(excerpt.utf8).firstRange(of: value) != nil {
                fatalError("excerpt \(excerpt) contains the value it masks")
            }
            guard excerpt.contains("*") else { fatalError("excerpt \(excerpt) masks nothing") }
        }
        for detector in scanner.detectors {
            for start in 0..<text.count {
                guard let end = detector.match(in: text, at: start) else { continue }
                if end <= start || end > text.count {
                    fatalError("\(detector.id) at \(start) ends at \(end) of \(text.count)")
                }
                checkPrefilterKeeps(Array(text[start..<end]), detector)
            }
        }
        checkLinesScanAlike(text, matches)
        _ = scanner.classify(value: text)
        _ = DateOfBirthShape.parse(text)
    }
    let string = String(decoding: bytes, as: UTF8.self)
    _ = ColumnContext.classify(columnName: string)
    _ = PersonNameShape.accepts(string)
    _ = PostalCodeShape.accepts(string)
    _ = PersonalDataMask.excerpt(bytes, detector: nil)
    return 0
}

/// A value some detector accepts whole is found whole by the scanner (by that detector or an
/// earlier one of the same length), unless it holds none of the bytes the first pass looks for.
private func checkPrefilterKeeps(_ value: [UInt8], _ detector: any Detector) {
    let whole = value.withUnsafeBytes { detector.match(in: $0, at: 0) == $0.count }
    guard whole, value.contains(where: { ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: ":") }) else { return }
    let found = scanner.matches(in: value)
    guard let first = found.first, first.range == 0..<value.count else {
        fatalError("\(detector.id) accepts \(String(decoding: value, as: UTF8.self)) but the scanner finds \(found)")
    }
}

/// The matches of a whole text are the matches of its lines, each line scanned alone without its
/// `\n` and a `\r` before it.
private func checkLinesScanAlike(_ text: UnsafeRawBufferPointer, _ whole: [PersonalDataMatch]) {
    var byLine: [PersonalDataMatch] = []
    var start = 0
    while start <= text.count {
        var end = start
        while end < text.count, text[end] != 0x0A { end += 1 }
        var lineEnd = end
        if lineEnd > start, text[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        var found: [PersonalDataMatch] = []
        scanner.scan(UnsafeRawBufferPointer(rebasing: text[start..<lineEnd]), into: &found)
        byLine += found.map { PersonalDataMatch(detector: $0.detector, range: $0.range.lowerBound + start..<$0.range.upperBound + start) }
        start = end + 1
    }
    guard byLine == whole else { fatalError("line by line \(byLine), whole text \(whole)") }
}
