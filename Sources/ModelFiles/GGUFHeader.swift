/// Walks a GGUF header (magic, version, tensor and key-value counts, the key-value pairs and the
/// tensor infos) without allocating anything a hostile declared length asks for: every count
/// and length is checked against the bytes that remain.
struct GGUFHeader {
    static let magic = Array("GGUF".utf8)
    private let bytes: UnsafeRawBufferPointer
    private var at = 0
    private let wide: Bool

    private init(_ bytes: UnsafeRawBufferPointer, wide: Bool) {
        self.bytes = bytes
        self.wide = wide
    }

    struct Problem: Error {
        var offset: Int
        var message: String
    }

    static func findings(_ bytes: UnsafeRawBufferPointer, member: String?) -> [ModelFileFinding] {
        do {
            try check(bytes)
            return []
        } catch {
            return [ModelFileFinding(.ggufMalformed, offset: error.offset, member: member, message: error.message)]
        }
    }

    static func check(_ bytes: UnsafeRawBufferPointer) throws(Problem) {
        guard bytes.starts(with: magic), let version = bytes.u32(4) else { throw Problem(offset: 0, message: "no GGUF magic and version") }
        guard (1...3).contains(version) else { throw Problem(offset: 4, message: "GGUF version \(version) is not one llama.cpp reads") }
        var header = GGUFHeader(bytes, wide: version >= 2)
        header.at = 8
        let tensors = try header.count("tensor count")
        let pairs = try header.count("key-value count")
        // Each pair takes at least 13 bytes and each tensor info at least 24: counts the file
        // cannot hold are refused before any is read.
        let (needed, overflow) = tensors.multipliedReportingOverflow(by: 24)
        guard !overflow, pairs <= (bytes.count - header.at) / 13, needed <= bytes.count - header.at - pairs * 13 else {
            throw Problem(offset: 8, message: "\(tensors) tensors and \(pairs) key-value pairs cannot fit in \(bytes.count) bytes")
        }
        for _ in 0..<pairs {
            _ = try header.string()
            let type = try header.integer(4)
            try header.value(type: type, depth: 0)
        }
        for _ in 0..<tensors {
            _ = try header.string()
            let dimensions = try header.integer(4)
            guard dimensions <= 8 else { throw Problem(offset: header.at - 4, message: "a tensor with \(dimensions) dimensions (GGML allows 4)") }
            for _ in 0..<dimensions { _ = try header.count("dimension") }
            _ = try header.integer(4)
            _ = try header.integer(8)
        }
    }

    private mutating func integer(_ size: Int) throws(Problem) -> Int {
        guard let value = size == 8 ? bytes.u64(at) : bytes.littleEndian(at: at, size: size).map({ Int($0) }) else {
            throw Problem(offset: at, message: "the header ends inside a field (or a 64-bit value is negative)")
        }
        at += size
        return value
    }

    private mutating func count(_ what: String) throws(Problem) -> Int { try integer(wide ? 8 : 4) }

    private mutating func string() throws(Problem) -> Int {
        let start = at
        let length = try count("string length")
        guard length <= bytes.count - at else { throw Problem(offset: start, message: "a string of \(length) bytes runs past the file") }
        at += length
        return length
    }

    private mutating func value(type: Int, depth: Int) throws(Problem) {
        switch type {
        case 0, 1, 7: at += 1
        case 2, 3: at += 2
        case 4, 5, 6: at += 4
        case 10, 11, 12: at += 8
        case 8: _ = try string()
        case 9:
            guard depth < 4 else { throw Problem(offset: at, message: "arrays nested deeper than 4") }
            let elementType = try integer(4)
            let start = at
            let length = try count("array length")
            guard length <= bytes.count - at else { throw Problem(offset: start, message: "an array of \(length) elements runs past the file") }
            for _ in 0..<length { try value(type: elementType, depth: depth + 1) }
        default: throw Problem(offset: at - 4, message: "value type \(type) is not in the GGUF format")
        }
        guard at <= bytes.count else { throw Problem(offset: bytes.count, message: "the header ends inside a value") }
    }
}
