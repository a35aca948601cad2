/// How a protobuf field's value is laid out after its tag (the tag's low three bits).
public enum ProtobufWireType: UInt8, Sendable {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    /// Groups (3 and 4) are deprecated and unused by ONNX; the reader refuses them rather than
    /// matching start and end tags across a hostile file.
    case startGroup = 3
    case endGroup = 4
    case fixed32 = 5
}
