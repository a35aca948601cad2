// fuzz-sources: Sources/Document
// JSONReader on arbitrary bytes must return a node or a DocumentError that points into the input:
// never crash, hang or recurse without bound. An accepted document must round-trip: written
// (pretty and compact) and read again it is equal, and writing it again gives the same text.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let node: Node
    do {
        node = try JSONReader.read(bytes)
    } catch {
        let lines = 1 + bytes.filter { $0 == 0x0A || $0 == 0x0D }.count
        precondition(!error.message.isEmpty, "error without a message")
        precondition((1...lines).contains(error.location.line) && error.location.column >= 1,
                     "error location outside the input: \(error)")
        return 0
    }
    for pretty in [true, false] {
        let text = JSONWriter.write(node, pretty: pretty)
        do {
            let back = try JSONReader.read(text)
            precondition(back == node, "round trip changed the document: \(text)")
            precondition(JSONWriter.write(back, pretty: pretty) == text, "writing is not stable: \(text)")
        } catch {
            preconditionFailure("JSONReader rejected JSONWriter's output (\(error)): \(text)")
        }
    }
    return 0
}
