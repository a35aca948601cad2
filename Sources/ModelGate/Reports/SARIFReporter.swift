import Digest
import Document

/// SARIF 2.1.0 (OASIS): every finding of every gate as a result, for code-scanning views (GitHub
/// code scanning's upload, SonarQube's SARIF import). Rules come from the gate types' catalogs;
/// a plug-in's rule that no catalog describes gets a rule naming its gate.
///
/// GitHub requires a location with a line on every result, so a finding located by byte offset
/// (a pickle opcode) or by row and field (a CSV cell) gets line 1 (or its line) plus the offset,
/// and its row and field in the message and properties; a finding without a file is located at the
/// pipeline file, whose configuration asked for the check.
public struct SARIFReporter: Reporter {
    public init() {}

    static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    static let fingerprintName = "modelgateFinding/v1"

    public func layout(_ report: RunReport) -> String {
        JSONText.escapingInvisibles(JSONWriter.write(document(report), pretty: true)) + "\n"
    }

    func document(_ report: RunReport) -> Node {
        let findings = report.gates.flatMap { gate in gate.findings.map { (gate: gate, finding: $0) } }
        var rules: [FindingRule] = []
        var ruleIndex: [String: Int] = [:]
        for (gate, finding) in findings where ruleIndex[finding.rule] == nil {
            ruleIndex[finding.rule] = rules.count
            rules.append(report.rules.first { $0.id == finding.rule }
                ?? FindingRule(id: finding.rule, summary: "Reported by gate '\(gate.id)' (type \(gate.type))",
                               help: "The gate type '\(gate.type)' reported this finding; see `modelgate gates \(gate.type)`.",
                               severity: finding.severity))
        }
        let driver: Node.Value = object([
            ("name", .string("modelgate")),
            ("version", .string(report.toolVersion)),
            ("semanticVersion", .string(report.toolVersion)),
            ("informationUri", .string("https://github.com/modelgate/modelgate")),
            ("rules", .array(rules.map(rule))),
        ])
        let results = findings.map { result($0.finding, gate: $0.gate, ruleIndex: ruleIndex[$0.finding.rule]!, report: report) }
        let successful = !report.gates.contains { $0.status == .error } && report.interruption == nil
        let run: Node.Value = object([
            ("tool", object([("driver", driver)])),
            ("automationDetails", object([("id", .string("modelgate/\(report.candidate.name)/"))])),
            ("invocations", .array([Node(object([("executionSuccessful", .bool(successful))]))])),
            ("results", .array(results)),
        ])
        return Node(object([("$schema", .string(Self.schema)), ("version", .string("2.1.0")), ("runs", .array([Node(run)]))]))
    }

    private func rule(_ rule: FindingRule) -> Node {
        Node(object([
            ("id", .string(rule.id)),
            ("shortDescription", object([("text", .string(rule.summary))])),
            ("fullDescription", object([("text", .string(rule.help))])),
            ("help", object([("text", .string(rule.help))])),
            ("defaultConfiguration", object([("level", .string(Self.level(rule.severity)))])),
            ("properties", object([
                ("tags", .array([Node(.string("security"))])),
                ("security-severity", .string(Self.securitySeverity(rule.severity))),
            ])),
        ]))
    }

    private func result(_ finding: Finding, gate: GateResult, ruleIndex: Int, report: RunReport) -> Node {
        let place = finding.location
        var region: [(String, Node.Value)] = [("startLine", .int(max(place.line ?? 1, 1)))]
        if let column = place.column, column >= 1 { region.append(("startColumn", .int(column))) }
        if let offset = place.offset, offset >= 0 { region.append(("byteOffset", .int(offset))) }
        // Masked before encoding: an encoded secret would no longer read as one to the output pass.
        let uri = place.path ?? report.configPath
        var text = finding.message
        if let row = place.row { text += " (row \(row)\(place.field.map { ", field \($0)" } ?? ""))" }
        else if let field = place.field { text += " (field \(field))" }
        if let excerpt = finding.excerpt { text += ": \(excerpt)" }
        var properties: [(String, Node.Value)] = [("gate", .string(gate.id)), ("severity", .string(finding.severity.rawValue))]
        if let row = place.row { properties.append(("row", .int(row))) }
        if let field = place.field { properties.append(("field", .string(field))) }
        let location: Node.Value = object([
            ("physicalLocation", object([
                ("artifactLocation", object([("uri", .string(Self.uri(report.redactor.redact(uri))))])),
                ("region", object(region)),
            ])),
        ])
        return Node(object([
            ("ruleId", .string(finding.rule)),
            ("ruleIndex", .int(ruleIndex)),
            ("level", .string(Self.level(finding.severity))),
            ("message", object([("text", .string(text))])),
            ("locations", .array([Node(location)])),
            ("partialFingerprints", object([(Self.fingerprintName, .string(Self.fingerprint(finding, gate: gate.id)))])),
            ("properties", object(properties)),
        ]))
    }

    /// The same finding in the same place gets the same fingerprint on every run, whatever else
    /// changed in the report, so re-uploads update alerts instead of adding new ones.
    static func fingerprint(_ finding: Finding, gate: String) -> String {
        let place = finding.location
        let numbers: [Int?] = [place.line, place.column, place.row, place.offset]
        var parts: [String] = [gate, finding.rule, place.path ?? "", place.field ?? "", finding.excerpt ?? ""]
        parts += numbers.map { $0.map(String.init) ?? "" }
        let digest = SHA256.hex(SHA256.hash(Array(parts.joined(separator: "\u{1F}").utf8)))
        return String(digest.prefix(32)) + ":1"
    }

    /// SARIF levels: errors block, warnings warn, notes inform.
    static func level(_ severity: Finding.Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low, .info: return "note"
        }
    }

    /// GitHub's security-severity scale (critical > 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9).
    static func securitySeverity(_ severity: Finding.Severity) -> String {
        switch severity {
        case .critical: return "9.5"
        case .high: return "8.0"
        case .medium: return "5.5"
        case .low: return "2.0"
        case .info: return "0.0"
        }
    }

    /// A path as a relative URI reference: separators and the secret mask's `*` kept, everything
    /// else outside the unreserved set percent-encoded (RFC 3986), so a space or a `#` in a file
    /// name cannot change its meaning.
    static func uri(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let unreserved = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                || [UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"), UInt8(ascii: "*")].contains(byte)
            if unreserved {
                out.append(Character(UnicodeScalar(byte)))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    private func object(_ members: [(String, Node.Value)]) -> Node.Value {
        .object(members.map { Node.Member(key: $0.0, value: Node($0.1)) })
    }
}
