/// A JSON value from a model file's header (safetensors, Keras `config.json`). ModelFiles depends
/// on nothing, so it reads its own: bounded depth, exact integers, no allocation beyond the input.
indirect enum HeaderJSON: Equatable {
    case object([(String, HeaderJSON)])
    case array([HeaderJSON])
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case null

    static func == (a: HeaderJSON, b: HeaderJSON) -> Bool {
        switch (a, b) {
        case let (.object(x), .object(y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case let (.array(x), .array(y)): x == y
        case let (.string(x), .string(y)): x == y
        case let (.integer(x), .integer(y)): x == y
        case let (.number(x), .number(y)): x == y
        case let (.bool(x), .bool(y)): x == y
        case (.null, .null): true
        default: false
        }
    }

    subscript(key: String) -> HeaderJSON? {
        guard case let .object(pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    var string: String? {
        if case let .string(text) = self { return text }
        return nil
    }

    /// Parses `bytes` as one JSON value; the error names the byte offset.
    static func parse(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = 64) throws(HeaderJSONError) -> HeaderJSON {
        var reader = HeaderJSONReader(bytes: bytes, maxDepth: maxDepth)
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.position == bytes.count else { throw HeaderJSONError(offset: reader.position, problem: "text after the JSON value") }
        return value
    }
}
