import Foundation
import ModelFiles
import ModelGate

/// Containers (zip checkpoints, `.keras`, `.npz`, `.npy`, safetensors, GGUF, ONNX) as security findings:
/// `ModelFileScanner` reads each by content, and every finding names the member it is in.
struct ContainerCheck {
    var policy: PicklePolicy
    var limits: ContainerLimits

    func findings(_ file: ScanTargets.File) throws -> [Finding] {
        let found: [ModelFileFinding]
        do {
            found = try ModelFileScanner(policy: policy, limits: limits).scanFile(atPath: file.path)
        } catch {
            throw GateFailure("cannot read '\(file.name)': \(error)")
        }
        return found.map { finding in
            let place = finding.member.map { "in member '\($0)' (offset \(finding.offset) of the member): " } ?? ""
            return Finding(rule: finding.rule, severity: PickleCheck.severity(finding.severity),
                           location: Finding.Location(path: file.name, offset: finding.member == nil ? finding.offset : nil),
                           excerpt: finding.callable,
                           message: place + finding.message + ". Fix: " + finding.fixHint)
        }
    }

    /// Every container rule, for the descriptor and SARIF.
    static var rules: [FindingRule] {
        ContainerRule.allCases.map { rule in
            FindingRule(id: rule.rawValue, summary: rule.rationale.components(separatedBy: ". ").first ?? rule.rawValue,
                        help: rule.rationale + " Fix: " + rule.fixHint, severity: PickleCheck.severity(rule.severity))
        } + OnnxRule.allCases.map { rule in
            FindingRule(id: rule.rawValue, summary: rule.summary,
                        help: rule.rationale + " Fix: " + rule.fixHint, severity: PickleCheck.severity(rule.severity))
        }
    }
}
