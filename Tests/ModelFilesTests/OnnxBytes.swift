/// Protobuf bytes written by hand for the ONNX tests: exact control over field order, repeats and
/// lies that Google's encoder would never write.
enum OnnxBytes {
    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var out: [UInt8] = []
        repeat {
            out.append(UInt8(value & 0x7F) | (value >= 0x80 ? 0x80 : 0))
            value >>= 7
        } while value > 0
        return out
    }

    static func field(_ number: Int, varint value: UInt64) -> [UInt8] { varint(UInt64(number << 3)) + varint(value) }
    static func field(_ number: Int, _ bytes: [UInt8]) -> [UInt8] { varint(UInt64(number << 3 | 2)) + varint(UInt64(bytes.count)) + bytes }
    static func field(_ number: Int, _ text: String) -> [UInt8] { field(number, Array(text.utf8)) }

    static func model(_ graph: [UInt8], functions: [[UInt8]] = [], irVersion: UInt64 = 8) -> [UInt8] {
        field(1, varint: irVersion) + field(2, "test") + field(7, graph)
            + field(8, field(1, "") + field(2, varint: 17)) + functions.flatMap { field(25, $0) }
    }

    static func graph(nodes: [[UInt8]] = [], initializers: [[UInt8]] = []) -> [UInt8] {
        nodes.flatMap { field(1, $0) } + field(2, "g") + initializers.flatMap { field(5, $0) }
    }

    static func node(_ opType: String, domain: String? = nil, attributes: [[UInt8]] = []) -> [UInt8] {
        field(1, "x") + field(2, "y") + field(4, opType) + attributes.flatMap { field(5, $0) } + (domain.map { field(7, $0) } ?? [])
    }

    /// An attribute holding a graph (an If branch, a Loop body).
    static func graphAttribute(_ name: String, _ graph: [UInt8]) -> [UInt8] { field(1, name) + field(6, graph) + field(20, varint: 5) }

    static func externalTensor(_ name: String, location: String, offset: String? = nil, length: String? = nil) -> [UInt8] {
        var entries = [field(1, "location") + field(2, location)]
        if let offset { entries.append(field(1, "offset") + field(2, offset)) }
        if let length { entries.append(field(1, "length") + field(2, length)) }
        return field(1, varint: 2) + field(2, varint: 1) + field(8, name) + entries.flatMap { field(13, $0) } + field(14, varint: 1)
    }
}
