import Document
import ModelGate

/// The team's declaration of the personal data it holds: per field (a column, or a JSON path),
/// why (purpose), on which lawful basis (GDPR Art. 6), for how long (retention in days), whether it
/// is pseudonymised, and for special-category data (Art. 9) the condition that allows it.
///
/// ```yaml
/// version: 1
/// fields:
///   email:
///     purpose: account contact
///     lawful_basis: contract
///     retention_days: 730
///     pseudonymised: false
///   diagnosis:
///     special_category: health
///     art9_condition: explicit_consent
///     purpose: treatment outcome model
///     lawful_basis: consent
///     retention_days: 365
/// ```
///
/// The file is read with the project's YAML reader; a key or value it does not know is an error at
/// its line and column. A field that leaves out its purpose or lawful basis is read, and the gate
/// reports it (a declaration may be incomplete; the gate says what is missing).
struct DataDeclaration: Sendable {
    struct Field: Sendable {
        var name: String
        var purpose: String?
        var lawfulBasis: LawfulBasis?
        var retentionDays: Int?
        var pseudonymised: Bool
        var specialCategory: SpecialCategory?
        var article9Condition: Article9Condition?
        var location: SourceLocation
    }

    var path: String
    var fields: [String: Field]

    static let fieldKeys = ["purpose", "lawful_basis", "retention_days", "pseudonymised", "special_category", "art9_condition"]

    init(path: String, displayPath: String) throws(ConfigError) {
        let node: Node
        do {
            node = try DocumentReader.read(contentsOf: path)
        } catch {
            throw ConfigError(error.message, path: displayPath, at: error.location)
        }
        func fail(_ message: String, _ at: Node) -> ConfigError { ConfigError(message, path: displayPath, at: at.location) }
        guard let members = node.objectValue else { throw fail("a data declaration is a mapping with 'version: 1' and 'fields'", node) }
        for member in members where !["version", "fields"].contains(member.key) {
            throw ConfigError("unknown key '\(member.key)' in the data declaration; it has 'version' and 'fields'", path: displayPath, at: member.keyLocation)
        }
        guard let version = node["version"], case .int(1) = version.value else {
            throw fail("the data declaration needs 'version: 1'", node["version"] ?? node)
        }
        guard let fieldsNode = node["fields"], let fieldMembers = fieldsNode.objectValue else {
            throw fail("'fields' must map each personal field (a column or JSON path) to what the team declares of it", node["fields"] ?? node)
        }
        var fields: [String: Field] = [:]
        for member in fieldMembers {
            guard let entries = member.value.objectValue else {
                throw fail("field '\(member.key)' must be a mapping (purpose, lawful_basis, retention_days, ...)", member.value)
            }
            var field = Field(name: member.key, pseudonymised: false, location: member.keyLocation)
            for entry in entries {
                let value = entry.value
                switch entry.key {
                case "purpose":
                    guard let text = value.stringValue, !text.isEmpty else { throw fail("'purpose' must be a non-empty string", value) }
                    field.purpose = text
                case "lawful_basis":
                    guard let basis = value.stringValue.flatMap(LawfulBasis.init(rawValue:)) else {
                        throw fail("'lawful_basis' must be one of the bases of Art. 6(1): \(LawfulBasis.allCases.map(\.rawValue).joined(separator: ", "))", value)
                    }
                    field.lawfulBasis = basis
                case "retention_days":
                    guard case .int(let days) = value.value, days >= 0 else { throw fail("'retention_days' must be a whole number of days, 0 or more", value) }
                    field.retentionDays = days
                case "pseudonymised":
                    guard let flag = value.boolValue else { throw fail("'pseudonymised' must be true or false", value) }
                    field.pseudonymised = flag
                case "special_category":
                    guard let category = value.stringValue.flatMap(SpecialCategory.init(rawValue:)) else {
                        throw fail("'special_category' must be one of Art. 9(1)'s: \(SpecialCategory.allCases.map(\.rawValue).joined(separator: ", "))", value)
                    }
                    field.specialCategory = category
                case "art9_condition":
                    guard let condition = value.stringValue.flatMap(Article9Condition.init(rawValue:)) else {
                        throw fail("'art9_condition' must be one of Art. 9(2)'s: \(Article9Condition.allCases.map(\.rawValue).joined(separator: ", "))", value)
                    }
                    field.article9Condition = condition
                default:
                    throw ConfigError("unknown key '\(entry.key)' for field '\(member.key)'; known: \(Self.fieldKeys.joined(separator: ", "))",
                                      path: displayPath, at: entry.keyLocation)
                }
            }
            fields[member.key] = field
        }
        self.path = displayPath
        self.fields = fields
    }

    /// An empty declaration: every personal field found is undeclared.
    init() {
        path = ""
        fields = [:]
    }
}
