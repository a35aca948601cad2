// fuzz-sources: Sources/Document Sources/Digest Sources/ChildProcess Sources/Statistics Sources/HTTP Sources/ModelGate
// The http predictor's small configuration parsers on arbitrary text: the URL (HTTPEndpoint), the
// json protocol's body template and response path. None may crash; an accepted URL reads back the
// same from its own description; an accepted template, filled with any row's values (numbers,
// null, strings with quotes, backslashes and control characters), is always JSON.
// Byte 0 picks the parser; the rest is the text.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    switch data[0] % 3 {
    case 0:
        guard case .success(let endpoint) = HTTPEndpoint.parse(text) else { return 0 }
        guard case .success(let again) = HTTPEndpoint.parse(endpoint.description), again == endpoint else {
            fatalError("\(text) read as \(endpoint), which reads back differently")
        }
        guard endpoint.target.hasPrefix("/"), (1...65535).contains(endpoint.port), !endpoint.host.isEmpty else {
            fatalError("\(text) read as \(endpoint)")
        }
        // What the writer will be given must be accepted by it.
        guard (try? HTTPRequestWriter(method: .get, target: endpoint.appending("/ping"), host: endpoint.authority)) != nil else {
            fatalError("\(endpoint) is refused by the request writer")
        }
    case 1:
        guard let template = try? BodyTemplate(text, inputs: ["a", "b"]) else { return 0 }
        let values: [[UInt8]] = [Array("-1.5e3".utf8), Array("null".utf8), Array(#""q\"u\\o\u0001te\n""#.utf8), Array("\"\"".utf8)]
        for first in values {
            for second in values {
                var body: [UInt8] = []
                template.render(into: &body) { $0 == 0 ? first[...] : second[...] }
                do throws(DocumentError) {
                    _ = try JSONReader.read(body)
                } catch {
                    fatalError("template \(text.debugDescription) gave non-JSON \(String(decoding: body, as: UTF8.self).debugDescription): \(error)")
                }
            }
        }
    default:
        guard let path = ResponsePath(text) else { return 0 }
        guard path.description == text || path.steps.contains(where: { if case .index = $0 { true } else { false } }) else {
            fatalError("\(text) reads back as \(path)")
        }
    }
    return 0
}
