import Document

/// The JSON document a plug-in reads on stdin.
struct PluginRequest {
    var gateID: String
    var type: String
    var options: Node
    var candidate: CandidateConfig
    var workdir: String
    var scratch: String

    var document: Node {
        var candidateMembers: [Node.Member] = [
            .init(key: "name", value: Node(.string(candidate.name))),
            .init(key: "version", value: Node(.string(candidate.version))),
            .init(key: "artifacts", value: Node(.array(candidate.artifacts.map { Node(.string($0.path)) }))),
        ]
        if let predictor = candidate.predictor {
            candidateMembers.append(.init(key: "predictor", value: predictor.options))
        }
        return Node(.object([
            .init(key: "protocol", value: Node(.int(ExternalGate.protocolVersion))),
            .init(key: "gate", value: Node(.object([
                .init(key: "id", value: Node(.string(gateID))),
                .init(key: "type", value: Node(.string(type))),
                .init(key: "options", value: options),
            ]))),
            .init(key: "candidate", value: Node(.object(candidateMembers))),
            .init(key: "workdir", value: Node(.string(workdir))),
            .init(key: "scratch", value: Node(.string(scratch))),
        ]))
    }
}

/// Reads a plug-in's stdout: one GateResult object (DESIGN.md's `gates[]` entry without id/type).
/// Anything else is the plug-in's fault and an error, with a message that says what was wrong.
enum PluginResponse {
    static func parse(_ bytes: [UInt8], plugin: String) throws -> GateOutcome {
        let document: Node
        do throws(DocumentError) {
            document = try JSONReader.read(bytes)
        } catch {
            let what = bytes.isEmpty ? "printed nothing" : "printed invalid JSON (\(error.message) at \(error.location))"
            throw GateFailure("plug-in \(plugin) \(what); it must print one JSON GateResult on stdout")
        }
        guard document.objectValue != nil else {
            throw GateFailure("plug-in \(plugin) printed \(document.kindDescription), not a JSON GateResult object")
        }
        func fail(_ message: String) -> GateFailure { GateFailure("plug-in \(plugin): \(message)") }

        guard let statusText = document["status"]?.stringValue, let status = GateStatus(rawValue: statusText),
              [.pass, .fail, .error, .inconclusive].contains(status) else {
            throw fail("'status' must be one of pass, fail, error, inconclusive")
        }
        if status == .error {
            throw GateFailure(document["error"]?.stringValue.map { "plug-in \(plugin) reported an error: \($0)" }
                              ?? "plug-in \(plugin) reported status error")
        }
        var outcome = GateOutcome(evidence: Evidence(), status: status,
                                  summary: document["summary"]?.stringValue ?? "")
        for member in document["metrics"]?.objectValue ?? [] {
            guard let value = member.value.numberValue else { throw fail("metric '\(member.key)' must be a number") }
            outcome.metrics.append(Metric(member.key, value))
        }
        for member in document["evidence"]?.objectValue ?? [] {
            guard case .int(let count) = member.value.value, count >= 0 else {
                throw fail("evidence '\(member.key)' must be a whole number")
            }
            outcome.evidence[member.key] = count
        }
        for item in document["checks"]?.arrayValue ?? [] {
            outcome.checks.append(try check(item, fail: fail))
        }
        for item in document["findings"]?.arrayValue ?? [] {
            outcome.findings.append(try finding(item, fail: fail))
        }
        return outcome
    }

    /// A plug-in's check is decided again by the engine from its op, threshold and actual value,
    /// so waivers and reports treat it like any other check.
    private static func check(_ node: Node, fail: (String) -> GateFailure) throws -> CheckRequest {
        guard let name = node["metric"]?.stringValue, let opText = node["op"]?.stringValue,
              let op = Condition.Operator(rawValue: opText), let threshold = node["threshold"]?.numberValue,
              let actual = node["actual"]?.numberValue else {
            throw fail("each check needs 'metric', 'op' (>=, >, <=, <, ==, !=), 'threshold' and 'actual'")
        }
        var interval: IntervalEstimate?
        if let bounds = node["interval"]?.arrayValue {
            guard bounds.count == 2, let low = bounds[0].numberValue, let high = bounds[1].numberValue, low <= high else {
                throw fail("check '\(name)': 'interval' must be [low, high]")
            }
            interval = .fixed(low...high)
        }
        let condition = Condition(op: op, bound: .value(threshold), text: "\(op.rawValue) \(Self.format(threshold))")
        return CheckRequest(name: name, metric: Metric(name, actual, interval: interval), condition: condition)
    }

    private static func finding(_ node: Node, fail: (String) -> GateFailure) throws -> Finding {
        guard let rule = node["rule"]?.stringValue, let message = node["message"]?.stringValue,
              let severityText = node["severity"]?.stringValue, let severity = Finding.Severity(rawValue: severityText) else {
            throw fail("each finding needs 'rule', 'severity' (info, low, medium, high, critical) and 'message'")
        }
        var location = Finding.Location()
        if let place = node["location"] {
            location.path = place["path"]?.stringValue
            location.field = place["field"]?.stringValue
            func int(_ key: String) -> Int? { if case .int(let i)? = place[key]?.value { return i } else { return nil } }
            location.line = int("line"); location.column = int("column"); location.row = int("row"); location.offset = int("offset")
        }
        return Finding(rule: rule, severity: severity, location: location, excerpt: node["excerpt"]?.stringValue, message: message)
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
