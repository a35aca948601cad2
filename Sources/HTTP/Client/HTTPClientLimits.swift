/// How long a transport waits, and how much it accepts.
public struct HTTPClientLimits: Sendable, Equatable {
    /// From the start of a connect to the connection being open.
    public var connectTimeout: Duration
    /// From the request's first byte sent to the response's last byte received: a server that
    /// sends slowly cannot stretch it.
    public var readTimeout: Duration
    /// Caps on the response head and body (64 MiB of body by default).
    public var parser: HTTPParserLimits

    public init(connectTimeout: Duration = .seconds(10), readTimeout: Duration = .seconds(60),
                parser: HTTPParserLimits = HTTPParserLimits()) {
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.parser = parser
    }
}

extension Duration {
    /// The duration in seconds, for messages and poll arithmetic.
    var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
