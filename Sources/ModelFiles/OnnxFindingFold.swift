/// The findings of one ONNX model, repeats of one rule on one key (an operator, a location)
/// folded into a count, so a model of a million custom nodes gives one finding per operator.
struct OnnxFindingFold {
    private var findings: [(rule: String, severity: FindingSeverity, offset: Int, message: String, fixHint: String, count: Int)] = []
    private var positions: [String: Int] = [:]
    private var dropped = 0
    static let cap = 1000

    mutating func add(_ rule: OnnxRule, offset: Int, key: String, _ message: String) {
        add(rule.rawValue, rule.severity, rule.fixHint, offset: offset, key: key, message)
    }

    mutating func add(_ rule: ContainerRule, offset: Int, key: String, _ message: String) {
        add(rule.rawValue, rule.severity, rule.fixHint, offset: offset, key: key, message)
    }

    private mutating func add(_ rule: String, _ severity: FindingSeverity, _ fixHint: String, offset: Int, key: String, _ message: String) {
        let fullKey = rule + "\u{0}" + key
        if let position = positions[fullKey] {
            findings[position].count += 1
        } else if findings.count < Self.cap {
            positions[fullKey] = findings.count
            findings.append((rule, severity, offset, message, fixHint, 1))
        } else {
            dropped += 1
        }
    }

    func all(member: String?) -> [ModelFileFinding] {
        var all = findings.map { found in
            ModelFileFinding(rule: found.rule, severity: found.severity, offset: found.offset, member: member, callable: nil,
                             message: found.message + (found.count > 1 ? " (\(found.count) times)" : ""), fixHint: found.fixHint)
        }
        if dropped > 0, let worst = findings.max(by: { $0.severity < $1.severity }) {
            all.append(ModelFileFinding(rule: worst.rule, severity: worst.severity, offset: worst.offset, member: member, callable: nil,
                                        message: "\(dropped) more ONNX findings than the \(Self.cap) reported", fixHint: worst.fixHint))
        }
        return all
    }
}
