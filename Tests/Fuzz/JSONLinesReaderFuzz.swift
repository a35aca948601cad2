// fuzz-sources: Sources/Tabular
// The JSON Lines reader on arbitrary bytes: it must never crash, and must read exactly the same
// records, values and errors whether the input arrives in one chunk or in chunks of a few bytes.
// Byte 0 picks the small chunk size; the rest is the file.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let smallChunk = 1 + Int(data[0] % 13)
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let whole = jsonTranscript(bytes, chunkSize: 1 << 16)
    let pieces = jsonTranscript(bytes, chunkSize: smallChunk)
    if whole != pieces {
        fatalError("chunk size \(smallChunk) reads differently:\n\(whole)\n---\n\(pieces)")
    }
    return 0
}

/// Paths the seeds use, so that the fuzzer finds values to record, not only values to skip.
private let paths = ["a", "a.b", "a.b.c", "p", "p.0", "p.2", "s", "0", "k\"", "é"]

/// Everything a consumer could observe: records, every accessor's result or error.
private func jsonTranscript(_ bytes: [UInt8], chunkSize: Int) -> [String] {
    var out: [String] = []
    do {
        let reader = JSONLinesReader(bytes: bytes, name: "fuzz.jsonl", chunkSize: chunkSize)
        let slots = try paths.map { try reader.slot($0) }
        var labels = LabelTable()
        var values: [Double] = []
        while let row = try reader.next() {
            out.append("row \(row.number) line \(row.line)")
            for slot in slots {
                out.append("bytes \(Array(row.bytes(slot))) missing \(row.isMissing(slot))")
                out.append(observe { "\(try row.double(slot).map { $0.bitPattern } as Any)" })
                out.append(observe { "\(try row.int(slot) as Any)" })
                out.append(observe { "\(try row.label(slot, in: &labels) as Any)" })
                out.append(observe { "\(try row.doubles(slot, into: &values)) \(values.map(\.bitPattern))" })
                out.append(observe { "\(try row.string(slot) as Any)" })
            }
        }
        out.append("labels \(labels.labels)")
    } catch {
        out.append("error \(error)")
    }
    return out
}

private func observe(_ body: () throws -> String) -> String {
    do { return try body() } catch { return "error \(error)" }
}
