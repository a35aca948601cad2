// fuzz-sources: Sources/ModelFiles
// The protobuf reader and the ONNX scan on arbitrary bytes. Byte 0 selects: 0, the reader alone,
// every length-delimited field tried as a message down to its depth bound, checking that every
// field and range lies inside its message and that reading moves forward; 1, the ONNX scan behind
// a valid ModelProto start (so the walk reaches graphs, nodes, attributes and tensors), against a
// folder that does not exist; 2, the whole model-file scanner. None may crash, hang or report an
// offset past the input.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let body = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    switch data[0] % 3 {
    case 0:
        body.withUnsafeBytes { bytes in walk(ProtobufReader(bytes, maxDepth: 12)) }
    case 1:
        // ir_version 8, then the body as the graph (field 7), whose length is the body's.
        var length = UInt64(body.count)
        var header: [UInt8] = [0x08, 0x08, 0x3A]
        repeat {
            header.append(UInt8(length & 0x7F) | (length >= 0x80 ? 0x80 : 0))
            length >>= 7
        } while length > 0
        var limits = ContainerLimits()
        limits.maxOnnxGraphDepth = 8
        limits.maxOnnxNodes = 2_000
        (header + body).withUnsafeBytes { bytes in
            for finding in ModelFileScanner(limits: limits).scan(bytes, folder: "/nonexistent-modelgate-fuzz") where finding.offset > bytes.count {
                fatalError("ONNX finding past the input: \(finding)")
            }
        }
    default:
        body.withUnsafeBytes { bytes in
            for finding in ModelFileScanner().scan(bytes) where finding.offset > bytes.count && finding.member == nil {
                fatalError("finding past the input: \(finding)")
            }
        }
    }
    return 0
}

private func walk(_ reader: ProtobufReader) {
    var reader = reader
    var last = reader.position
    while true {
        let field: ProtobufField?
        do { field = try reader.next() } catch {
            if error.offset < last || error.offset > reader.end { fatalError("error offset \(error.offset) outside \(last)..<\(reader.end)") }
            return
        }
        guard let field else { return }
        if field.offset != last || reader.position <= last || reader.position > reader.end {
            fatalError("field at \(field.offset) read from \(last) to \(reader.position) of \(reader.end)")
        }
        last = reader.position
        if let range = field.bytes {
            if range.lowerBound < field.offset || range.upperBound > reader.position { fatalError("range \(range) outside its field") }
            if let child = try? reader.message(field) { walk(child) }
        }
    }
}
