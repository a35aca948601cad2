import Foundation
import ModelFiles
import ModelGate

/// Model files as security findings: `ModelFileScanner` reads each by content (pickles, zip
/// checkpoints, `.keras`, `.npz`, `.npy`, safetensors, GGUF, ONNX), and every finding in a zip
/// names the member it is in.
struct ContainerCheck {
    var policy: PicklePolicy
    var limits: ContainerLimits

    /// `visit` sees every zip member the scan reads, inflated, while its bytes are valid.
    func findings(_ bytes: UnsafeRawBufferPointer, file: ScanTargets.File, visitingMembers visit: (ZipMemberContent) -> Void) -> [Finding] {
        // The file's folder on disk: an ONNX model's external data must stay inside it.
        let folder = (file.path as NSString).deletingLastPathComponent
        let found = ModelFileScanner(policy: policy, limits: limits).scan(bytes, folder: folder.isEmpty ? "." : folder, visitingMembers: visit)
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
