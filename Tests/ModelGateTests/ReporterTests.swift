import Document
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ModelGate

/// A report that uses every feature a reporter shows, built by hand so goldens never drift with clocks.
let sampleReport = RunReport(
    toolVersion: "0.1.0", verdict: .fail, startedAt: "2026-11-25T10:00:00Z", durationSeconds: 12.3456,
    candidate: CandidateSummary(name: "credit-risk", version: "2.4.0", artifacts: [
        HashedArtifact(path: "models/model.onnx", sha256: String(repeating: "ab", count: 32), bytes: 2048),
    ]),
    configPath: "gates/pipeline.yml", configSHA256: String(repeating: "0f", count: 32),
    gates: [
        GateResult(id: "quality", type: "accuracy", status: .fail, blocking: true, durationSeconds: 1.5,
                   summary: "1 of 3 checks passed", metrics: [("f1", 0.8734), ("roc_auc", 0.91)],
                   evidence: Evidence([("rows", 20000), ("skipped_rows", 3)]),
                   checks: [
                       Check(metric: "f1", op: .greaterOrEqual, condition: ">= 0.85", threshold: 0.85, actual: 0.8734,
                             interval: 0.861...0.885, status: .pass),
                       Check(metric: "roc_auc", op: .greaterOrEqual, condition: ">= baseline - 0.01", threshold: 0.92,
                             actual: 0.91, status: .fail),
                       Check(metric: "f1[slice=north]", op: .greaterOrEqual, condition: ">= 0.85", threshold: 0.85,
                             actual: 0.84, status: .waived,
                             waiver: AppliedWaiver(reason: "few rows <north>", approvedBy: "jane", expires: "2026-12-31")),
                   ]),
        GateResult(id: "pii", type: "gdpr", status: .warn, blocking: false, durationSeconds: 0.25,
                   summary: "1 finding", evidence: Evidence([("bytes_scanned", 1_000_000)]),
                   findings: [Finding(rule: "pii.email", severity: .high,
                                      location: Finding.Location(path: "data/test.csv", row: 17, field: "email"),
                                      excerpt: "j***@e***.com", message: "e-mail address | in a cell")]),
        GateResult(id: "plugin", type: "custom", status: .error, blocking: true, durationSeconds: 0.01,
                   summary: "plug-in crashed", error: "plug-in ./x exited with status 2", log: "Traceback & <stuff>\n"),
        GateResult(id: "latency", type: "latency", status: .skipped, blocking: true, summary: "not run: needs 'plugin', which ended error"),
    ])

@Suite struct ReporterTests {
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Compares with the saved output; `UPDATE_GOLDEN=1 swift test` rewrites the files after a deliberate change.
    func expectGolden(_ text: String, _ name: String) throws {
        let url = Self.goldenFolder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldenFolder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(text == golden, "\(name) differs from its golden file; if the change is intended, run UPDATE_GOLDEN=1 swift test")
    }

    @Test func consoleReportMatchesGolden() throws {
        try expectGolden(ConsoleReporter(color: false).render(sampleReport), "report.console.txt")
    }

    @Test func consoleColourOnlyWhenAsked() {
        #expect(!ConsoleReporter(color: false).render(sampleReport).contains("\u{1B}["))
        #expect(ConsoleReporter(color: true).render(sampleReport).contains("\u{1B}[1;31mverdict: FAIL"))
    }

    @Test func jsonReportMatchesGolden() throws {
        try expectGolden(JSONReporter().render(sampleReport), "report.json")
    }

    @Test func junitReportMatchesGolden() throws {
        try expectGolden(JUnitReporter().render(sampleReport), "report.junit.xml")
    }

    @Test func markdownReportMatchesGolden() throws {
        try expectGolden(MarkdownReporter().render(sampleReport), "report.md")
    }

    @Test func junitReportIsWellFormedWithOneTestcasePerGateAndCheck() throws {
        let xml = JUnitReporter().render(sampleReport)
        #if canImport(FoundationXML) || os(macOS)
        let document = try XMLDocument(data: Data(xml.utf8))
        let suites = try document.nodes(forXPath: "/testsuites/testsuite")
        #expect(suites.count == 1)
        let cases = try document.nodes(forXPath: "/testsuites/testsuite/testcase")
        #expect(cases.count == 4 + 3)
        #expect(try document.nodes(forXPath: "//testcase/failure").count == 2)
        #expect(try document.nodes(forXPath: "//testcase/error").count == 1)
        #expect(try document.nodes(forXPath: "//testcase/skipped").count == 1)
        let suite = suites[0] as! XMLElement
        #expect(suite.attribute(forName: "tests")?.stringValue == "7")
        #expect(suite.attribute(forName: "failures")?.stringValue == "2")
        #endif
    }

    @Test func junitEscapesWhatXMLForbids() {
        let text = JUnitReporter.xml("a<b & \"c\"\u{0001}")
        #expect(text == "a&lt;b &amp; &quot;c&quot;\u{FFFD}")
    }

    @Test func jsonReportFollowsTheSchemaOfDesign() throws {
        let document = try JSONReader.read(Array(JSONReporter().render(sampleReport).utf8))
        try ReportSchema.validate(document)
    }

    @Test func jsonReportReadsBackAsABaseline() throws {
        let baseline = try BaselineReport.parse(Array(JSONReporter().render(sampleReport).utf8), path: "r.json")
        #expect(baseline.metrics["quality"] == ["f1": 0.8734, "roc_auc": 0.91])
    }

    @Test func markdownIsCutToItsLimitWithANote() {
        var report = sampleReport
        report.gates = (0..<2000).map { GateResult(id: "gate\($0)", type: "t", status: .pass, blocking: true, summary: "fine") }
        let text = MarkdownReporter(limit: 4000).render(report)
        #expect(text.utf8.count <= 4000)
        #expect(text.contains("more lines left out to fit the size limit"))
        #expect(MarkdownReporter().render(report).utf8.count <= MarkdownReporter.defaultLimit)
    }

    @Test func markdownEscapesTablePipes() {
        #expect(MarkdownReporter().render(sampleReport).contains("e-mail address \\| in a cell"))
    }

    @Test func humanNumbersAreShortAndExact() {
        #expect(HumanNumber.format(0.87341234) == "0.8734")
        #expect(HumanNumber.format(0.85) == "0.85")
        #expect(HumanNumber.format(20000) == "20000")
        #expect(HumanNumber.format(0.00012) == "0.00012")
        #expect(HumanNumber.format(.nan) == "NaN")
    }
}

/// The JSON report schema of DESIGN.md, as a checker: required keys, their types, allowed values.
enum ReportSchema {
    struct Violation: Error, CustomStringConvertible { var description: String }

    static func validate(_ report: Node) throws {
        try require(report, ["schemaVersion": .int, "tool": .object, "verdict": .string, "startedAt": .string,
                             "durationSeconds": .number, "candidate": .object, "config": .object, "gates": .array], at: "report")
        try oneOf(report["verdict"], ["pass", "fail", "error", "inconclusive"], at: "verdict")
        try require(report["tool"]!, ["name": .string, "version": .string], at: "tool")
        try require(report["candidate"]!, ["name": .string, "version": .string, "artifacts": .array], at: "candidate")
        for artifact in report["candidate"]!["artifacts"]!.arrayValue! {
            try require(artifact, ["path": .string, "sha256": .string, "bytes": .int], at: "artifact")
        }
        try require(report["config"]!, ["path": .string, "sha256": .string], at: "config")
        for gate in report["gates"]!.arrayValue! {
            try require(gate, ["id": .string, "type": .string, "status": .string, "blocking": .bool,
                               "durationSeconds": .number, "summary": .string], at: "gate")
            try oneOf(gate["status"], ["pass", "fail", "warn", "error", "inconclusive", "skipped"], at: "gate.status")
            for member in gate["metrics"]?.objectValue ?? [] where member.value.numberValue == nil && !member.value.isNull {
                throw Violation(description: "metric \(member.key) is not a number")
            }
            for member in gate["evidence"]?.objectValue ?? [] {
                guard case .int = member.value.value else { throw Violation(description: "evidence \(member.key) is not an integer") }
            }
            for check in gate["checks"]?.arrayValue ?? [] {
                try require(check, ["metric": .string, "op": .string, "threshold": .number, "actual": .number, "status": .string], at: "check")
                try oneOf(check["status"], ["pass", "fail", "inconclusive", "waived"], at: "check.status")
                try oneOf(check["op"], [">=", ">", "<=", "<", "==", "!="], at: "check.op")
                if let interval = check["interval"] {
                    guard let bounds = interval.arrayValue, bounds.count == 2, bounds.allSatisfy({ $0.numberValue != nil }) else {
                        throw Violation(description: "check.interval is not [low, high]")
                    }
                }
            }
            for finding in gate["findings"]?.arrayValue ?? [] {
                try require(finding, ["rule": .string, "severity": .string, "location": .object, "message": .string], at: "finding")
                try oneOf(finding["severity"], ["info", "low", "medium", "high", "critical"], at: "finding.severity")
            }
            if let error = gate["error"], !error.isNull, error.stringValue == nil { throw Violation(description: "gate.error is not a string") }
        }
    }

    enum Kind { case int, number, string, bool, object, array }

    static func require(_ node: Node, _ keys: [String: Kind], at place: String) throws {
        for (key, kind) in keys {
            guard let value = node[key] else { throw Violation(description: "\(place) lacks '\(key)'") }
            let ok: Bool
            switch (kind, value.value) {
            case (.int, .int), (.number, .int), (.number, .double), (.string, .string), (.bool, .bool), (.object, .object), (.array, .array): ok = true
            default: ok = false
            }
            if !ok { throw Violation(description: "\(place).\(key) has the wrong type") }
        }
    }

    static func oneOf(_ node: Node?, _ values: [String], at place: String) throws {
        guard let text = node?.stringValue, values.contains(text) else { throw Violation(description: "\(place) is not one of \(values)") }
    }
}
