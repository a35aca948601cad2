/// One located problem: a dangerous pickle global, an e-mail address in a CSV cell, a secret.
public struct Finding: Sendable, Equatable {
    public enum Severity: String, Sendable, CaseIterable, Comparable {
        case info, low, medium, high, critical

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// Where the problem is; fields that do not apply stay nil.
    public struct Location: Sendable, Equatable {
        public var path: String?
        public var line: Int?
        public var column: Int?
        public var row: Int?
        public var field: String?
        public var offset: Int?

        public init(path: String? = nil, line: Int? = nil, column: Int? = nil, row: Int? = nil,
                    field: String? = nil, offset: Int? = nil) {
            self.path = path
            self.line = line
            self.column = column
            self.row = row
            self.field = field
            self.offset = offset
        }
    }

    public var rule: String
    public var severity: Severity
    public var location: Location
    /// Already masked by the gate (`j***@e***.com`): never the full value.
    public var excerpt: String?
    public var message: String

    public init(rule: String, severity: Severity, location: Location, excerpt: String? = nil, message: String) {
        self.rule = rule
        self.severity = severity
        self.location = location
        self.excerpt = excerpt
        self.message = message
    }
}
