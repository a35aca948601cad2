/// The requests a run sends, encoded once (by `HTTPRequestWriter`) and cycled in order: request
/// number n of the run is `requests[n % count]`, so each connection sends preencoded bytes.
public struct LoadRequests: Sendable, Equatable {
    /// All requests back to back.
    let bytes: [UInt8]
    let ranges: [Range<Int>]

    /// Complete encoded requests, sent in this order and then again from the first.
    public init(cycling requests: [[UInt8]]) throws(LoadSetupError) {
        guard !requests.isEmpty, requests.allSatisfy({ !$0.isEmpty }) else { throw .noRequests }
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for request in requests {
            ranges.append(bytes.count..<(bytes.count + request.count))
            bytes.append(contentsOf: request)
        }
        self.bytes = bytes
        self.ranges = ranges
    }

    /// One request, sent every time.
    public init(fixed request: [UInt8]) throws(LoadSetupError) {
        try self.init(cycling: [request])
    }

    public var count: Int { ranges.count }
}
