// fuzz-sources: gates/gdpr/Text
// The GDPR gate's text and log reader on arbitrary bytes, read in arbitrary pieces and cut into
// chunks of arbitrary size: it must never crash and must hand out exactly the input's lines
// (split at \n, a \r before it dropped, a last line without \n kept), numbered from 1, whatever
// the pieces and chunks; a line over the cap is refused at its number, and a chunk never holds
// much more than the cap and two reads, and knows how many lines it holds. Byte 0 seeds the
// read sizes, byte 1 picks a small cap or none, byte 2 the chunk size.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 3 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 3, count: size - 3))
    let cap = data[1] & 1 == 0 ? Int.max / 4 : 16
    let chunkBytes = 1 + Int(data[2] % 32)
    var expected: [[UInt8]] = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
        line.last == 0x0D ? Array(line.dropLast()) : Array(line)
    }
    if bytes.last == 0x0A || bytes.isEmpty { expected.removeLast() }
    let tooLong = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).firstIndex { $0.count > cap + 1 }
    var state = UInt32(data[0]) &* 2654435761 &+ 1
    var offset = 0
    let read = { (buffer: UnsafeMutableRawBufferPointer) -> Int in
        state = state &* 1103515245 &+ 12345
        let n = min(buffer.count, bytes.count - offset, Int((state >> 16) % 23))
        bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + n])) }
        offset += n
        // A short read of zero would end the stream: the real reader returns 0 only at the end.
        if n == 0, offset < bytes.count {
            buffer[0] = bytes[offset]
            offset += 1
            return 1
        }
        return n
    }
    var splitter = LineSplitter(maximumLineBytes: cap, chunkBytes: chunkBytes)
    let chunk = LineChunk()
    var lines: [[UInt8]] = []
    var numbers: [Int] = []
    var refusedAt: Int?
    do {
        while try splitter.fill(chunk, read: read) {
            precondition(chunk.firstLine == lines.count + 1, "chunk starts at line \(chunk.firstLine) after \(lines.count) lines")
            if cap < 1000 { precondition(chunk.count <= cap + 1 + 2 * chunkBytes, "a chunk of \(chunk.count) bytes") }
            let before = lines.count
            try chunk.forEachLine(maximumLineBytes: cap) { line, number in
                lines.append(Array(line))
                numbers.append(number)
            }
            precondition(lines.count - before == chunk.lines, "a chunk of \(chunk.lines) lines handed out \(lines.count - before)")
            precondition(splitter.lineCount == lines.count, "the splitter counted \(splitter.lineCount) lines, \(lines.count) handed out")
        }
        precondition(splitter.bytesRead == bytes.count, "read \(splitter.bytesRead) of \(bytes.count) bytes")
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
        precondition(lines == expected, "lines differ")
    }
    precondition(numbers == Array(0..<lines.count).map { $0 + 1 }, "line numbers are not 1, 2, 3...")
    return 0
}
