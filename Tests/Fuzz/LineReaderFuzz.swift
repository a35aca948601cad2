// fuzz-sources: Sources/ChildProcess
// libFuzzer target for the line splitter of long-lived children's stdout: whatever bytes arrive in
// whatever chunks, the lines handed out are exactly the input's lines, none is longer than the
// limit, and a line too long is refused exactly when one is there (never a crash, never a hang).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 2 else { return 0 }
    let limit = 1 + Int(data[0] % 64)
    let chunk = 1 + Int(data[1] % 16)
    let bytes = Array(UnsafeBufferPointer(start: data + 2, count: size - 2))
    var reader = LineReader(fd: -1, limit: limit)
    var consumed = 0  // bytes of `bytes` handed out as lines, newlines included
    var offset = 0
    while offset < bytes.count {
        let end = min(bytes.count, offset + chunk)
        reader.append(bytes[offset..<end])
        offset = end
        while true {
            let line: ArraySlice<UInt8>?
            do {
                line = try reader.nextLine()
            } catch {
                guard error == .lineTooLong(limit: limit) else { fatalError("unexpected \(error)") }
                // Refused: the line starting at `consumed` must really be too long, as far as read.
                let rest = bytes[consumed..<offset]
                let length = rest.firstIndex(of: 10).map { $0 - consumed } ?? rest.count
                if length <= limit { fatalError("refused a line of \(length) bytes with limit \(limit)") }
                return 0
            }
            guard let line else { break }
            let expectedEnd = bytes[consumed..<offset].firstIndex(of: 10)
            guard let newline = expectedEnd else { fatalError("a line without its newline") }
            if !line.elementsEqual(bytes[consumed..<newline]) { fatalError("line differs from the input") }
            if line.count > limit { fatalError("line of \(line.count) bytes passed limit \(limit)") }
            consumed = newline + 1
        }
        // Whatever is left unhanded must hold no newline and fit the limit.
        let rest = bytes[consumed..<offset]
        if rest.contains(10) { fatalError("a whole line was not handed out") }
        if rest.count > limit { fatalError("\(rest.count) bytes without newline kept past limit \(limit)") }
        if reader.pending != rest.count { fatalError("pending \(reader.pending) != \(rest.count)") }
    }
    return 0
}
