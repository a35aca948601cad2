/// A complete response, as handed to the caller's callback. `body` points into the load
/// generator's buffers and is valid only during the callback; copy what must outlive it.
public struct LoadResponse {
    public var status: Int { head.status }
    public let head: HTTPResponseHead
    /// The body with any chunked coding removed.
    public let body: UnsafeRawBufferPointer
}
