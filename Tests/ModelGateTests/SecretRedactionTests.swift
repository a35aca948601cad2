import Document
import Foundation
import Testing
@testable import ModelGate

/// No form of a `${NAME}` value leaves modelgate: not as written, not escaped by a report format,
/// not percent-encoded, base64 or hex, whatever field it came through.
@Suite struct SecretRedactionTests {
    /// A token, one with every character the formats escape, and one made of terminal controls.
    static let secrets = ["Tok3n-9f8e7d6c5b4a3", "p@ss w0rd/+\"<&>é~*_|`x\\y", "\u{1B}[31mred-secret\u{202E}\r\n!"]

    @Test(arguments: secrets) func everyEncodedFormOfASecretIsMaskedInsideText(secret: String) {
        let redactor = SecretRedactor(secrets: [secret])
        let check = SecretLeakCheck(secret: secret)
        var texts = check.forms
        for alignment in 0..<3 { texts += SecretLeakCheck.embeddedBase64(secret, alignment: alignment) }
        for form in texts {
            let redacted = redactor.redact("before " + form + " after")
            #expect(check.leaks(in: redacted).isEmpty, "\(form) -> \(redacted)")
            #expect(redacted.hasPrefix("before ") && redacted.hasSuffix(" after") && redacted.contains(SecretRedactor.mask))
        }
    }

    @Test func valuesShorterThanTheMinimumAreNotMaskedAndLongerOnesAre() {
        #expect(SecretRedactor(secrets: ["abc", "80", "x"]).redact("abc 80 x") == "abc 80 x")
        #expect(SecretRedactor(secrets: ["abc", "80", "x"]).secrets.isEmpty)
        #expect(SecretRedactor(secrets: ["abcd"]).redact("xabcdx") == "x***x")
    }

    @Test func aSecretContainingAnotherIsMaskedWhole() {
        let redactor = SecretRedactor(secrets: ["token", "token-and-more"])
        #expect(redactor.redact("[token-and-more] [token]") == "[***] [***]")
    }

    @Test func textWithoutTheSecretIsLeftAsItIs() {
        let redactor = SecretRedactor(secrets: ["Tok3n-9f8e7d6c5b4a3"])
        var report = sampleReport
        report.redactor = redactor
        for format in ReportFormat.allCases {
            #expect(format.reporter().render(report) == format.reporter().render(sampleReport), "\(format)")
        }
    }

    /// The output pass alone (no runner cleaned this report) masks a secret in every field a report
    /// has: a field added later is covered the same way.
    @Test(arguments: secrets) func everyReporterMasksEveryFieldOfAnUncleanedReport(secret: String) {
        var report = Self.reportHoldingEverywhere(secret)
        report.redactor = SecretRedactor(secrets: [secret])
        let check = SecretLeakCheck(secret: secret)
        for format in ReportFormat.allCases {
            for color in [false, true] {
                let output = format.reporter(color: color).render(report)
                #expect(check.leaks(in: output).isEmpty, "\(format) colour \(color) leaks \(check.leaks(in: output))")
                #expect(output.contains(SecretRedactor.mask))
            }
        }
    }

    /// Guards the test above: the report it renders holds a form of the secret in every string it
    /// has and leaves no optional empty, so a new field must be filled in to keep this green.
    @Test func theUncleanedReportHoldsTheSecretInEveryString() {
        let secret = Self.secrets[0]
        let check = SecretLeakCheck(secret: secret)
        var strings = 0
        func walk(_ value: Any, _ path: String) {
            if let text = value as? String {
                strings += 1
                #expect(!check.leaks(in: text).isEmpty, "\(path) holds no form of the secret")
                return
            }
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional { #expect(!mirror.children.isEmpty, "\(path) is nil") }
            if mirror.displayStyle == .collection { #expect(!mirror.children.isEmpty, "\(path) is empty") }
            // `origin` is where a merge read a state from, set by the merge and never rendered.
            for (index, child) in mirror.children.enumerated()
            where child.label != "redactor" && child.label != "location" && child.label != "origin" {
                walk(child.value, path + "." + (child.label ?? String(index)))
            }
        }
        walk(Self.reportHoldingEverywhere(secret), "report")
        #expect(strings > 25)
    }

    /// A report with a form of the secret in every string field, cycling through the forms.
    static func reportHoldingEverywhere(_ secret: String) -> RunReport {
        let forms = SecretLeakCheck(secret: secret).forms
        var next = 0
        func s(_ label: String) -> String {
            defer { next += 1 }
            return "\(label) \(forms[next % forms.count]) end"
        }
        var report = RunReport(
            toolVersion: s("v"), verdict: .error, startedAt: s("at"), durationSeconds: 1,
            candidate: CandidateSummary(name: s("name"), version: s("version"),
                                        artifacts: [HashedArtifact(path: s("path"), sha256: s("sha"), bytes: 1)]),
            configPath: s("config"), configSHA256: s("configsha"),
            gates: [
                GateResult(id: s("id"), type: s("type"), status: .error, blocking: true, summary: s("summary"),
                           metrics: [(s("metric"), 1)], evidence: Evidence([(s("rows"), 1)]),
                           checks: [Check(metric: s("check"), op: .greaterOrEqual, condition: s("condition"), threshold: 1,
                                          actual: 0, interval: 0...1, status: .fail,
                                          waiver: AppliedWaiver(reason: s("reason"), approvedBy: s("by"), expires: s("expires")),
                                          note: s("note"))],
                           findings: [Finding(rule: s("rule"), severity: .high,
                                              location: Finding.Location(path: s("fpath"), line: 1, column: 2, row: 3,
                                                                         field: s("field"), offset: 4),
                                              excerpt: s("excerpt"), message: s("message"))],
                           error: s("error"), log: s("log")),
            ],
            interruption: s("signal"))
        report.rules = [FindingRule(id: s("ruleid"), summary: s("rulesummary"), help: s("rulehelp"), severity: .high)]
        report.gates[0].state = GateState(Node(.object([Node.Member(key: s("key"), value: Node(.string(s("state"))))])))
        report.shard = Shard(index: 1, count: 2)
        report.mergedShards = 2
        return report
    }
}
