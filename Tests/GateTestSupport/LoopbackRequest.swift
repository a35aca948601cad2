/// One request as the loopback test server received it, for tests that check request shapes.
public struct LoopbackRequest: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    public var method: String
    public var target: String
    /// In the order received, names as sent.
    public var fields: [Field]
    public var body: [UInt8]

    /// The first field with this name, compared without regard to ASCII case.
    public func header(_ name: String) -> String? {
        fields.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
