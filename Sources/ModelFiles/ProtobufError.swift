/// Why a protobuf message cannot be read, at a byte offset of the reader's buffer.
public enum ProtobufError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The buffer ends inside a varint.
    case truncatedVarint(offset: Int)
    /// A varint longer than ten bytes, or whose tenth byte sets bits past the 64th.
    case overlongVarint(offset: Int)
    /// A tag whose field number is 0 or past 2^29 - 1.
    case badFieldNumber(offset: Int)
    /// Wire types 6 and 7 do not exist; 3 and 4 (groups) are refused.
    case unsupportedWireType(offset: Int, wireType: UInt8)
    /// A fixed-width value or a declared length runs past the end of the enclosing message.
    case pastEnd(offset: Int, needed: UInt64, available: Int)
    /// Messages nested deeper than the reader's bound.
    case tooDeep(offset: Int, limit: Int)

    public var offset: Int {
        switch self {
        case let .truncatedVarint(offset), let .overlongVarint(offset), let .badFieldNumber(offset),
             let .unsupportedWireType(offset, _), let .pastEnd(offset, _, _), let .tooDeep(offset, _):
            offset
        }
    }

    /// A break that no protobuf parser reads past (data ends, a length past it, a wire type that
    /// does not exist), as opposed to what Google's parser accepts and this reader refuses.
    public var isStructural: Bool {
        switch self {
        case .truncatedVarint, .pastEnd: true
        case let .unsupportedWireType(_, wireType): wireType > 5
        case .overlongVarint, .badFieldNumber, .tooDeep: false
        }
    }

    public var description: String {
        switch self {
        case .truncatedVarint: "the data ends inside a varint"
        case .overlongVarint: "a varint longer than 64 bits"
        case .badFieldNumber: "a field number of 0 or past 2^29 - 1"
        case let .unsupportedWireType(_, wireType):
            wireType == 3 || wireType == 4 ? "a group (wire type \(wireType)), which is not read" : "wire type \(wireType), which does not exist"
        case let .pastEnd(_, needed, available): "a field needs \(needed) bytes where \(available) remain"
        case let .tooDeep(_, limit): "messages nested more than \(limit) deep"
        }
    }
}
