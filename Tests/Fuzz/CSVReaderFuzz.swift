// fuzz-sources: Sources/Tabular
// The CSV reader on arbitrary bytes: it must never crash, and must read exactly the same rows,
// values and errors whether the input arrives in one chunk or in chunks of a few bytes.
// Byte 0 picks the small chunk size, byte 1 the delimiter; the rest is the file.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 2 else { return 0 }
    let smallChunk = 1 + Int(data[0] % 13)
    let delimiter: UInt8 = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09][Int(data[1] % 3)]
    let bytes = Array(UnsafeBufferPointer(start: data + 2, count: size - 2))
    let whole = csvTranscript(bytes, delimiter: delimiter, chunkSize: 1 << 16)
    let pieces = csvTranscript(bytes, delimiter: delimiter, chunkSize: smallChunk)
    if whole != pieces {
        fatalError("chunk size \(smallChunk) reads differently:\n\(whole)\n---\n\(pieces)")
    }
    return 0
}

/// Everything a consumer could observe: header, rows, every accessor's result or error.
private func csvTranscript(_ bytes: [UInt8], delimiter: UInt8, chunkSize: Int) -> [String] {
    var out: [String] = []
    do {
        let reader = try CSVReader(bytes: bytes, name: "fuzz.csv", delimiter: delimiter, chunkSize: chunkSize)
        out.append("header \(reader.columns)")
        var slots: [Slot] = []
        for name in reader.columns.prefix(6) {
            do { slots.append(try reader.slot(name)) } catch { out.append("slot: \(error)") }
        }
        var labels = LabelTable()
        var values: [Double] = []
        while let row = try reader.next() {
            out.append("row \(row.number) line \(row.line)")
            for slot in slots {
                out.append("bytes \(Array(row.bytes(slot))) missing \(row.isMissing(slot))")
                checkNumberAgreesWithSwift(row.bytes(slot))
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

/// The byte-level number parser against `Double(String)`: where it accepts text, Swift must
/// agree bit for bit; where Swift accepts plain decimal text, it must accept it too.
private func checkNumberAgreesWithSwift(_ bytes: UnsafeRawBufferPointer) {
    let ours = parseDouble(bytes)
    let text = String(decoding: trimmedSpaces(bytes), as: UTF8.self)
    let swift = Double(text)
    if let ours {
        guard let swift, ours.bitPattern == swift.bitPattern || (ours.isNaN && swift.isNaN) else {
            fatalError("parseDouble(\(text)) = \(ours), Double(String) = \(swift as Any)")
        }
    } else if swift != nil, text.utf8.allSatisfy({ Array("0123456789.eE+-".utf8).contains($0) }) {
        fatalError("parseDouble(\(text)) = nil, Double(String) = \(swift as Any)")
    }
}

private func observe(_ body: () throws -> String) -> String {
    do { return try body() } catch { return "error \(error)" }
}
