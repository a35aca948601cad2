/// One field read from a protobuf message: its number, where its tag starts, and its value. A
/// length-delimited value is a range of the reader's buffer, never a copy.
public struct ProtobufField: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case varint(UInt64)
        case fixed64(UInt64)
        case fixed32(UInt32)
        /// Offsets in the buffer the reader was made over.
        case bytes(Range<Int>)
    }

    public var number: Int
    /// Offset of the field's tag in the reader's buffer.
    public var offset: Int
    public var value: Value

    public init(number: Int, offset: Int, value: Value) {
        self.number = number
        self.offset = offset
        self.value = value
    }

    public var wireType: ProtobufWireType {
        switch value {
        case .varint: .varint
        case .fixed64: .fixed64
        case .fixed32: .fixed32
        case .bytes: .lengthDelimited
        }
    }

    /// The value of a varint field, or nil for another wire type.
    public var varint: UInt64? {
        if case let .varint(value) = value { return value }
        return nil
    }

    /// The range of a length-delimited field, or nil for another wire type.
    public var bytes: Range<Int>? {
        if case let .bytes(range) = value { return range }
        return nil
    }
}
