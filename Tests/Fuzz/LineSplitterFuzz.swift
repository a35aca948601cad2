// fuzz-sources: gates/gdpr/Text
// The GDPR gate's text and log reader on arbitrary bytes in arbitrary chunks: it must never crash
// and must hand out exactly the input's lines (split at \n, a \r before it dropped, a last line
// without \n kept), numbered from 1, whatever the chunks; a line over the cap is refused at its number.
// Byte 0 seeds the chunk sizes, byte 1 picks a small cap or none.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 2 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 2, count: size - 2))
    let cap = data[1] & 1 == 0 ? Int.max / 2 : 16
    var expected: [[UInt8]] = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
        line.last == 0x0D ? Array(line.dropLast()) : Array(line)
    }
    if bytes.last == 0x0A || bytes.isEmpty { expected.removeLast() }
    let tooLong = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).firstIndex { $0.count > cap + 1 }
    var cuts: [Int] = []
    var state = UInt32(data[0]) &* 2654435761 &+ 1
    var total = 0
    while total < bytes.count {
        state = state &* 1103515245 &+ 12345
        let n = 1 + Int((state >> 16) % 23)
        cuts.append(n)
        total += n
    }
    var splitter = LineSplitter(maximumLineBytes: cap)
    var lines: [[UInt8]] = []
    var numbers: [Int] = []
    var refusedAt: Int?
    do {
        var start = 0
        try bytes.withUnsafeBytes { all in
            for cut in cuts {
                let end = min(bytes.count, start + cut)
                try splitter.feed(UnsafeRawBufferPointer(rebasing: all[start..<end])) { line, number in
                    lines.append(Array(line))
                    numbers.append(number)
                }
                start = end
            }
        }
        try splitter.finish { line, number in
            lines.append(Array(line))
            numbers.append(number)
        }
    } catch let error as LineSplitter.LineTooLong {
        refusedAt = error.line
    } catch {
        fatalError("unexpected error \(error)")
    }
    if let tooLong {
        precondition(refusedAt == tooLong + 1, "a line over the cap was refused at \(String(describing: refusedAt)), expected \(tooLong + 1)")
        precondition(lines == Array(expected.prefix(tooLong)), "lines before the long one differ")
    } else {
        precondition(refusedAt == nil, "refused a line within the cap")
        precondition(lines == expected, "lines differ with cuts \(cuts)")
    }
    precondition(numbers == Array(1...max(1, lines.count)).prefix(lines.count).map { $0 }, "line numbers are not 1, 2, 3...")
    return 0
}
