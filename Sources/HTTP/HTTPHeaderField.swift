/// Where one header field's name and value sit in `HTTPResponseHead.bytes` (value without its
/// surrounding whitespace).
public struct HTTPHeaderField: Sendable, Equatable {
    public var name: Range<Int>
    public var value: Range<Int>
}
