// fuzz-sources: Sources/Document
// YAMLReader on arbitrary bytes must return a node or a DocumentError that points into the input:
// never crash, hang or recurse without bound. An accepted document must also survive JSON:
// JSONWriter's output must read back (JSONReader) as the same document.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let node: Node
    do {
        node = try YAMLReader.read(bytes)
    } catch {
        let lines = 1 + bytes.filter { $0 == 0x0A || $0 == 0x0D }.count
        precondition(!error.message.isEmpty, "error without a message")
        precondition((1...lines).contains(error.location.line) && error.location.column >= 1,
                     "error location outside the input: \(error)")
        return 0
    }
    let json = JSONWriter.write(node, pretty: false)
    do {
        let back = try JSONReader.read(json)
        precondition(sameThroughJSON(node, back), "JSON round trip changed the document: \(json)")
    } catch {
        preconditionFailure("JSONReader rejected JSONWriter's output (\(error)): \(json)")
    }
    return 0
}

/// Equality once through JSON, which has no NaN or infinity: those come back as null.
private func sameThroughJSON(_ a: Node, _ b: Node) -> Bool {
    switch (a.value, b.value) {
    case (.double(let x), .null):
        return !x.isFinite
    case (.double(let x), .double(let y)):
        return x == y
    case (.string(let x), .string(let y)):
        return x.unicodeScalars.elementsEqual(y.unicodeScalars)
    case (.array(let x), .array(let y)):
        return x.count == y.count && zip(x, y).allSatisfy { sameThroughJSON($0, $1) }
    case (.object(let x), .object(let y)):
        return x.count == y.count && zip(x, y).allSatisfy {
            $0.key.unicodeScalars.elementsEqual($1.key.unicodeScalars) && sameThroughJSON($0.value, $1.value)
        }
    default:
        return a.value == b.value
    }
}
