import Document
import Foundation
import Testing
@testable import ModelGate

/// What `JSONReporter` writes, `JSONReportReader` reads back equal: every field, status and number.
@Suite struct JSONReportRoundTripTests {
    /// The writer keeps durations to the millisecond; a report that already does round-trips exactly.
    static func millisecondDurations(_ report: RunReport) -> RunReport {
        var copy = report
        copy.durationSeconds = (report.durationSeconds * 1000).rounded() / 1000
        copy.gates = report.gates.map { gate in
            var gate = gate
            gate.durationSeconds = (gate.durationSeconds * 1000).rounded() / 1000
            return gate
        }
        return copy
    }

    func roundTrip(_ report: RunReport, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let text = JSONReporter().render(report)
        let read = try JSONReportReader().parse(Array(text.utf8), path: "r.json")
        #expect(read == Self.millisecondDurations(report), sourceLocation: sourceLocation)
        #expect(JSONReporter().render(read) == text, "written again, the report reads the same", sourceLocation: sourceLocation)
    }

    /// Everything the sample report lacks: an interruption, a merge, every place of a finding, notes,
    /// inconclusive and waived checks, text that needs escaping, numbers at the edges of their ranges.
    static let everyField: RunReport = {
        var report = RunReport(
            toolVersion: "1.2.3-beta+sha.ab12", verdict: .inconclusive, startedAt: "2026-11-25T10:00:00Z", durationSeconds: 0.001,
            candidate: CandidateSummary(name: "naïve model \u{1B}[31m", version: "", artifacts: [
                HashedArtifact(path: "a b/model.onnx", sha256: String(repeating: "0", count: 64), bytes: 0),
                HashedArtifact(path: "weights.bin", sha256: String(repeating: "f", count: 64), bytes: Int.max),
            ]),
            configPath: "C:\\pipelines\\p.yml", configSHA256: String(repeating: "1a", count: 32),
            gates: [
                GateResult(id: "q", type: "accuracy", status: .inconclusive, blocking: true, durationSeconds: 3600.25,
                           summary: "line one\nline two\t\"quoted\"",
                           metrics: [("accuracy", 0), ("f1", 1), ("r2", -3.5), ("p95_ms", 0), ("tiny", Double.leastNonzeroMagnitude),
                                     ("huge", 1.7976931348623157e308), ("f1[region=north \u{2603}]", 0.5)],
                           evidence: Evidence([("rows", 0), ("skipped_rows", Int.max), ("rows[region=north]", 12)]),
                           checks: [
                               Check(metric: "f1", op: .greater, condition: "> baseline - 0.01", threshold: -0.25, actual: 1,
                                     interval: 0.99...1, status: .inconclusive, note: "Holm-adjusted: 3 checks"),
                               Check(metric: "p95_ms", op: .notEqual, condition: "!= 5", threshold: 5, actual: 0,
                                     status: .fail, waiver: AppliedWaiver(reason: "known <slow> & fine", approvedBy: "", expires: "2026-01-01"),
                                     note: "the waiver expired on 2026-01-01"),
                               Check(metric: "accuracy", op: .equal, condition: "== 0", threshold: 0, actual: 0, interval: 0...0,
                                     status: .waived, waiver: AppliedWaiver(reason: "r", approvedBy: "a", expires: "2099-12-31")),
                           ]),
                GateResult(id: "scan", type: "gdpr", status: .warn, blocking: false, summary: "2 findings",
                           evidence: Evidence([("files_scanned", 1)]),
                           findings: [
                               Finding(rule: "pii.email", severity: .critical,
                                       location: Finding.Location(path: "d.csv", line: 1, column: 0, row: 0, field: "e", offset: 0),
                                       excerpt: "j***@e***.com", message: "m"),
                               Finding(rule: "r", severity: .info, location: Finding.Location(), message: ""),
                           ], log: "stderr\u{0}with a NUL"),
                GateResult(id: "later", type: "custom", status: .skipped, blocking: true,
                           summary: "not run: the run was interrupted (SIGTERM)"),
            ],
            interruption: "SIGTERM")
        report.mergedShards = 10_000
        return report
    }()

    @Test func theSampleReportReadsBackEqual() throws {
        try roundTrip(sampleReport)
    }

    @Test func everyFieldOfTheSchemaReadsBackEqual() throws {
        try roundTrip(Self.everyField)
    }

    @Test func theGoldenReportReadsBackAsTheReportThatWroteIt() throws {
        let url = ReporterTests.goldenFolder.appendingPathComponent("report.json")
        let golden = try String(contentsOf: url, encoding: .utf8)
        let read = try JSONReportReader().read(path: url.path, maxBytes: 1 << 20)
        #expect(read == Self.millisecondDurations(sampleReport))
        #expect(JSONReporter().render(read) == golden)
    }

    @Test func reportsOfRealRunsReadBackEqual() async throws {
        // A whole run, each shard of a split (with its gates' states) and their merge.
        try roundTrip(try await run(ShardRunTests.yaml, registry: shardingRegistry))
        let parsed = try pipeline(ShardRunTests.yaml, registry: shardingRegistry)
        let folder = Workspace()
        defer { folder.remove() }
        var paths: [String] = []
        for index in 1...3 {
            let options = RunOptions(today: "2026-11-25", mode: .shard(Shard(index: index, count: 3)!))
            let report = await PipelineRunner(toolVersion: "test", options: options).run(parsed, artifacts: [])
            #expect(report.gates.contains { $0.state != nil })
            try roundTrip(report)
            paths.append(folder.write("s\(index).json", JSONReporter().render(report)))
        }
        let merged = await PipelineRunner(toolVersion: "test", options: RunOptions(today: "2026-11-25", mode: .merge(try ShardReports.read(paths: paths))))
            .run(parsed, artifacts: [])
        #expect(merged.mergedShards == 3)
        try roundTrip(merged)
    }

    @Test func aReportOfAnyRoleReadsAsABaselineWithItsMetrics() throws {
        let text = JSONReporter().render(Self.everyField)
        let baseline = try BaselineReport.parse(Array(text.utf8), path: "b.json")
        #expect(baseline.metrics["q"]?["r2"] == -3.5)
        #expect(baseline.metrics["q"]?["f1[region=north \u{2603}]"] == 0.5)
        #expect(baseline.metrics["scan"] == [:])
        #expect(baseline.metrics.count == 3)
    }
}
