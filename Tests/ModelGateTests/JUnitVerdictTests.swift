import Testing
@testable import ModelGate

/// A JUnit view shows a blocked run red even when no gate or check failed: an interrupted run
/// whose gates were skipped, or an error verdict with nothing to blame.
@Suite struct JUnitVerdictTests {
    func report(_ verdict: Verdict, gates: [GateStatus], interruption: String? = nil) -> RunReport {
        RunReport(toolVersion: "test", verdict: verdict, startedAt: "2026-12-05T00:00:00Z", durationSeconds: 1,
                  candidate: CandidateSummary(name: "m", version: "1", artifacts: []), configPath: "p.yml", configSHA256: "0",
                  gates: gates.enumerated().map { GateResult(id: "g\($0.offset)", type: "t", status: $0.element, blocking: true, summary: "s") },
                  interruption: interruption)
    }

    @Test(arguments: [
        (Verdict.error, [GateStatus.skipped, .skipped], String?("SIGINT")), (.error, [.skipped], String?.none), (.error, [], String?.none),
        (.inconclusive, [.pass], String?.none),
    ])
    func aBlockingVerdictWithoutFailuresIsAnError(verdict: Verdict, gates: [GateStatus], interruption: String?) {
        let xml = JUnitReporter().render(report(verdict, gates: gates, interruption: interruption))
        #expect(xml.contains("errors=\"1\""), "\(xml)")
        #expect(xml.contains("<testcase classname=\"modelgate\" name=\"verdict\""), "\(xml)")
        if let interruption { #expect(xml.contains("interrupted (\(interruption))")) }
    }

    @Test func aPassOrARunWithItsOwnFailuresGetsNoExtraCase() {
        let verdictCase = "<testcase classname=\"modelgate\" name=\"verdict\""
        #expect(!JUnitReporter().render(report(.pass, gates: [.pass])).contains(verdictCase))
        let failed = JUnitReporter().render(report(.fail, gates: [.fail]))
        #expect(!failed.contains(verdictCase) && failed.contains("failures=\"1\""))
    }
}
