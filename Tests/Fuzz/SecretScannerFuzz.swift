// fuzz-sources: gates/security/Secrets
// The secret scanner on arbitrary bytes fed in arbitrary chunks: it must never crash, must find
// the same secrets at the same offsets and lines whatever the chunks (or none: one call in place), and an excerpt must never
// hold a masked match's value. Byte 0 seeds the chunk sizes; the rest is the file.
// Run with a larger -max_len (e.g. 70000) so chunks cross the scanner's 16 KiB overlap.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let whole = scan(bytes, cuts: [bytes.count])
    var cuts: [Int] = []
    var state = UInt32(data[0]) &* 2654435761 &+ 1
    var total = 0
    while total < bytes.count {
        state = state &* 1103515245 &+ 12345
        let n = 1 + Int((state >> 8) % 40_000)
        cuts.append(n)
        total += n
    }
    let split = scan(bytes, cuts: cuts)
    if whole != split { fatalError("chunks change the matches: \(whole) vs \(split) with cuts \(cuts)") }
    // One call with `isLast` scans in place, without the window: it must agree too.
    var inPlace = SecretScanner()
    bytes.withUnsafeBytes { inPlace.scan($0, isLast: true) }
    if whole != inPlace.matches { fatalError("scanning in place changes the matches: \(whole) vs \(inPlace.matches)") }
    for match in whole {
        precondition(match.offset >= 0 && match.offset + match.length <= bytes.count, "match outside the input")
        let rule = SecretScanner.defaultRules[match.rule]
        if rule.id == SecretRules.privateKey.id || rule.id == SecretRules.gcpServiceAccount.id { continue }
        let value = Array(bytes[match.offset..<(match.offset + match.length)])
        let hidden = String(decoding: value.dropFirst(4), as: UTF8.self)
        precondition(hidden.isEmpty || !match.excerpt.contains(hidden), "excerpt shows the value")
    }
    return 0
}

private func scan(_ bytes: [UInt8], cuts: [Int]) -> [SecretMatch] {
    var scanner = SecretScanner()
    var start = 0
    bytes.withUnsafeBytes { all in
        for cut in cuts {
            let end = min(bytes.count, start + cut)
            scanner.scan(UnsafeRawBufferPointer(rebasing: all[start..<end]), isLast: false)
            start = end
        }
        scanner.scan(UnsafeRawBufferPointer(rebasing: all[bytes.count...]), isLast: true)
    }
    return scanner.matches
}
