/// The caps that keep a response parser's memory bounded whatever the server sends.
///
/// Every cap is checked as bytes arrive, so an over-long line or an endless header section fails
/// at the first byte past the cap instead of growing a buffer.
public struct HTTPParserLimits: Sendable, Equatable {
    /// Longest line, its CRLF included: the status line, a header or trailer line, a chunk-size
    /// line. 8 KiB, as the buffers of common servers and proxies.
    public var maxLineLength: Int
    /// Most header fields in one response head (and, separately, in one trailer section). 100.
    public var maxFieldCount: Int
    /// Most bytes in one head, from the status line to the blank line (and, separately, in one
    /// trailer section). 64 KiB.
    public var maxHeadBytes: Int
    /// Most body bytes of one response, after removing the chunked coding. 64 MiB: predictions,
    /// not downloads.
    public var maxBodyBytes: Int

    public init(maxLineLength: Int = 8 * 1024, maxFieldCount: Int = 100,
                maxHeadBytes: Int = 64 * 1024, maxBodyBytes: Int = 64 * 1024 * 1024) {
        // A cap below these could not hold "HTTP/1.1 200 \r\n"; clamping keeps the parser total.
        self.maxLineLength = max(maxLineLength, 16)
        self.maxFieldCount = max(maxFieldCount, 0)
        self.maxHeadBytes = max(maxHeadBytes, 18)
        self.maxBodyBytes = max(maxBodyBytes, 0)
    }
}
