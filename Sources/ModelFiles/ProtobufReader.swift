/// Reads the fields of one protobuf message in wire order, over bytes it does not copy. Every
/// length is checked against the enclosing message, varints stop at ten bytes, groups are refused,
/// and a sub-message reader knows its depth, so hostile input costs bounded work and never traps.
///
/// ```swift
/// var reader = ProtobufReader(bytes)
/// while let field = try reader.next() { if field.number == 7 { var graph = try reader.message(field) } }
/// ```
public struct ProtobufReader {
    /// The whole buffer; offsets in fields and errors are offsets in it.
    public let buffer: UnsafeRawBufferPointer
    public private(set) var position: Int
    /// Where this message ends in `buffer`.
    public let end: Int
    /// 0 for the outermost message.
    public let depth: Int
    public let maxDepth: Int

    /// Protobuf's own parsers stop at 100 nested messages by default.
    public static let defaultMaxDepth = 100

    public init(_ buffer: UnsafeRawBufferPointer, maxDepth: Int = defaultMaxDepth) {
        self.init(buffer, range: 0..<buffer.count, depth: 0, maxDepth: maxDepth)
    }

    private init(_ buffer: UnsafeRawBufferPointer, range: Range<Int>, depth: Int, maxDepth: Int) {
        self.buffer = buffer
        position = range.lowerBound
        end = range.upperBound
        self.depth = depth
        self.maxDepth = maxDepth
    }

    public var isAtEnd: Bool { position >= end }

    /// The next field, or nil at the end of the message; unknown fields come back like any other,
    /// so skipping one is not reading it.
    public mutating func next() throws(ProtobufError) -> ProtobufField? {
        guard position < end else { return nil }
        let start = position
        let tag = try readVarint()
        let number = tag >> 3
        guard number >= 1, number <= (1 << 29) - 1 else { throw .badFieldNumber(offset: start) }
        let value: ProtobufField.Value
        switch ProtobufWireType(rawValue: UInt8(tag & 7)) {
        case .varint: value = .varint(try readVarint())
        case .fixed64: value = .fixed64(try readFixed(8))
        case .fixed32: value = .fixed32(UInt32(try readFixed(4)))
        case .lengthDelimited:
            let lengthOffset = position
            let length = try readVarint()
            guard length <= UInt64(end - position) else {
                throw .pastEnd(offset: lengthOffset, needed: length, available: end - position)
            }
            value = .bytes(position..<position + Int(length))
            position += Int(length)
        case .startGroup, .endGroup, nil: throw .unsupportedWireType(offset: start, wireType: UInt8(tag & 7))
        }
        return ProtobufField(number: Int(number), offset: start, value: value)
    }

    /// A reader of the message held in a length-delimited field, one level deeper.
    public func message(_ field: ProtobufField) throws(ProtobufError) -> ProtobufReader {
        guard let range = field.bytes else { throw .unsupportedWireType(offset: field.offset, wireType: field.wireType.rawValue) }
        guard depth < maxDepth else { throw .tooDeep(offset: field.offset, limit: maxDepth) }
        return ProtobufReader(buffer, range: range, depth: depth + 1, maxDepth: maxDepth)
    }

    /// The bytes of a length-delimited field, without copying.
    public func bytes(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: buffer[range])
    }

    private mutating func readVarint() throws(ProtobufError) -> UInt64 {
        let start = position
        var value: UInt64 = 0
        for index in 0..<10 {
            guard position < end else { throw .truncatedVarint(offset: start) }
            let byte = buffer[position]
            position += 1
            // The tenth byte carries bit 63 alone; anything more would not fit 64 bits.
            if index == 9, byte > 1 { throw .overlongVarint(offset: start) }
            value |= UInt64(byte & 0x7F) << (7 * UInt64(index))
            if byte < 0x80 { return value }
        }
        throw .overlongVarint(offset: start)
    }

    private mutating func readFixed(_ size: Int) throws(ProtobufError) -> UInt64 {
        guard end - position >= size else { throw .pastEnd(offset: position, needed: UInt64(size), available: end - position) }
        var value: UInt64 = 0
        for index in (0..<size).reversed() { value = value << 8 | UInt64(buffer[position + index]) }
        position += size
        return value
    }
}
