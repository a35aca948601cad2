import ModelFiles
import Foundation
import ModelGate

/// The pickle analysis of `Sources/ModelFiles` as security findings: every global a pickle would
/// import or call, judged against the allowlist (or the denylist), located by byte offset.
struct PickleCheck {
    var policy: PicklePolicy

    /// Findings for bytes judged as a pickle whatever they hold (`ModelFileScanner` clears a text
    /// file that merely looks like an old pickle; the gate sends binary look-alikes here).
    func findings(_ bytes: UnsafeRawBufferPointer, file: ScanTargets.File) -> [Finding] {
        PickleScanner(policy: policy).scan(bytes).findings.map { finding in
            Finding(rule: finding.rule.rawValue, severity: Self.severity(finding.severity),
                    location: Finding.Location(path: file.name, offset: finding.offset),
                    excerpt: finding.callable,
                    message: finding.message + (finding.occurrences > 1 ? " (\(finding.occurrences) times)" : "") + ". Fix: " + finding.fixHint)
        }
    }

    static func severity(_ severity: FindingSeverity) -> Finding.Severity {
        switch severity {
        case .low: return .low
        case .medium: return .medium
        case .high: return .high
        case .critical: return .critical
        }
    }

    /// Every pickle rule, for the descriptor and SARIF.
    static var rules: [FindingRule] {
        PickleRule.allCases.map { rule in
            FindingRule(id: rule.rawValue, summary: rule.rationale.components(separatedBy: ". ").first ?? rule.rawValue,
                        help: rule.rationale + " Fix: " + rule.fixHint, severity: defaultSeverity(rule))
        }
    }

    private static func defaultSeverity(_ rule: PickleRule) -> Finding.Severity {
        switch rule {
        case .dangerousGlobal, .dynamicImport, .indirectCall, .globalMutation: return .critical
        case .unlistedGlobal, .extensionCode, .malformed, .limitExceeded: return .high
        case .trailingData: return .medium
        }
    }
}
