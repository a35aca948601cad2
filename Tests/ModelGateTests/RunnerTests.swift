import Dispatch
import Testing
@testable import ModelGate

@Suite struct RunnerTests {
    @Test func passingChecksAllowTheDeployment() async throws {
        let report = try await run(header + "  - {id: q, type: scripted, metrics: {f1: 0.9}, thresholds: {f1: '>= 0.85'}}\n")
        #expect(report.verdict == .pass)
        #expect(report.verdict.exitCode == .allowed)
        #expect(report.gates[0].status == .pass)
        #expect(report.gates[0].checks[0].status == .pass)
        #expect(report.gates[0].checks[0].actual == 0.9 && report.gates[0].checks[0].threshold == 0.85)
    }

    @Test func aFailingBlockingCheckBlocksWithExitOne() async throws {
        let report = try await run(header + "  - {id: q, type: scripted, metrics: {f1: 0.8}, thresholds: {f1: '>= 0.85'}}\n")
        #expect(report.verdict == .fail)
        #expect(report.verdict.exitCode.rawValue == 1)
        #expect(report.gates[0].summary == "scripted")
    }

    @Test func aNonBlockingFailureWarnsAndDoesNotBlock() async throws {
        let report = try await run(header + """
          - {id: q, type: scripted, metrics: {f1: 0.8}, thresholds: {f1: '>= 0.85'}, blocking: false}
          - {id: r, type: scripted}
        """)
        #expect(report.gates[0].status == .warn)
        #expect(report.verdict == .pass)
    }

    @Test func aGateThatThrowsIsAnErrorWithExitThree() async throws {
        let report = try await run(header + "  - {id: q, type: scripted, throw: 'data file is truncated'}\n")
        #expect(report.gates[0].status == .error)
        #expect(report.gates[0].error == "data file is truncated")
        #expect(report.verdict == .error && report.verdict.exitCode.rawValue == 3)
    }

    @Test func measuringNothingIsAnErrorNotAPass() async throws {
        let report = try await run(header + "  - {id: q, type: scripted, rows: 0}\n")
        #expect(report.gates[0].status == .error)
        #expect(report.verdict == .error)
    }

    @Test func aThresholdOnAMetricTheGateDidNotReportIsAnError() async throws {
        let report = try await run(header + "  - {id: q, type: scripted, thresholds: {f1: '>= 0.5'}}\n")
        #expect(report.gates[0].status == .error)
        #expect(report.gates[0].error?.contains("did not report metric 'f1'") == true)
    }

    // The tests timing a run run on a queue of their own (`onOwnQueue`): their clock then measures
    // the run, not waits for a cooperative-pool thread that other suites' CPU-bound tests hold.
    @Test func anOverrunningGateIsStoppedAndIsAnError() async throws {
        let (report, elapsed) = try await onOwnQueue {
            let clock = ContinuousClock.now
            let report = try await run(header + "  - {id: q, type: scripted, sleep: 60s, timeout: 200ms}\n  - {id: r, type: scripted}\n")
            return (report, ContinuousClock.now - clock)
        }
        #expect(elapsed < .seconds(30))
        #expect(report.gates[0].status == .error)
        #expect(report.gates[0].error?.hasPrefix("timed out after 200ms") == true)
        #expect(report.gates[1].status == .pass, "the run goes on after a timeout")
        #expect(report.verdict == .error)
    }

    @Test func aGateIgnoringCancellationStillCannotHoldTheRun() async throws {
        let (report, elapsed) = try await onOwnQueue {
            let clock = ContinuousClock.now
            let report = try await run(header + "  - {id: q, type: scripted, hang: 60s, timeout: 100ms}\n")
            return (report, ContinuousClock.now - clock)
        }
        #expect(elapsed < .seconds(30))
        #expect(report.gates[0].status == .error)
        #expect(report.gates[0].error?.contains("did not stop within 5s") == true, "the report does not claim it stopped")
    }

    @Test func needsSkipAGateWhoseDependencyFailed() async throws {
        let report = try await run(header + """
          - {id: a, type: scripted, metrics: {x: 0}, thresholds: {x: '> 0'}}
          - {id: b, type: scripted, needs: a}
          - {id: c, type: scripted}
        """)
        #expect(report.gates[1].status == .skipped)
        #expect(report.gates[1].summary == "not run: needs 'a', which ended fail")
        #expect(report.gates[2].status == .pass)
        #expect(report.verdict == .fail)
    }

    @Test func onlyAndSkipSelectGates() async throws {
        let yaml = header + "  - {id: a, type: scripted, throw: boom}\n  - {id: b, type: scripted, needs: a}\n"
        let only = try await run(yaml, options: RunOptions(only: ["b"], today: "2026-11-25"))
        #expect(only.gates.map(\.status) == [.skipped, .pass])
        #expect(only.verdict == .pass)
        let skip = try await run(yaml, options: RunOptions(skip: ["a", "b"], today: "2026-11-25"))
        #expect(skip.verdict == .error, "a run where no blocking gate ran vouches for nothing")
    }

    @Test func aValidWaiverLetsAFailingCheckThroughAndSaysWho() async throws {
        let report = try await run(header + """
          - {id: q, type: scripted, metrics: {f1: 0.8}, thresholds: {f1: '>= 0.85'}}
        waivers:
          - {gate: q, check: f1, reason: relabelling, approved_by: jane, expires: 2026-11-25}
        """)
        #expect(report.gates[0].checks[0].status == .waived)
        #expect(report.gates[0].checks[0].waiver == AppliedWaiver(reason: "relabelling", approvedBy: "jane", expires: "2026-11-25"))
        #expect(report.gates[0].status == .pass)
        #expect(report.verdict == .pass)
    }

    @Test func anExpiredWaiverNoLongerAppliesAndSaysSo() async throws {
        let report = try await run(header + """
          - {id: q, type: scripted, metrics: {f1: 0.8}, thresholds: {f1: '>= 0.85'}}
        waivers:
          - {gate: q, check: f1, reason: relabelling, approved_by: jane, expires: 2026-11-24}
        """)
        #expect(report.gates[0].checks[0].status == .fail)
        #expect(report.gates[0].checks[0].note == "waiver approved by jane expired on 2026-11-24 and no longer applies")
        #expect(report.verdict == .fail)
    }

    @Test func baselineConditionsCompareWithTheBaselineReport() async throws {
        let baseline = BaselineReport(path: "b.json", metrics: ["q": ["f1": 0.90, "p95_ms": 100]])
        let options = RunOptions(baseline: baseline, today: "2026-11-25")
        let report = try await run(header + """
          - {id: q, type: scripted, metrics: {f1: 0.895, p95_ms: 111}, thresholds: {f1: '>= baseline - 0.01', p95_ms: '<= baseline * 1.10'}}
        """, options: options)
        #expect(report.gates[0].checks.map(\.status) == [.pass, .fail])
        #expect(abs(report.gates[0].checks[1].threshold - 110) < 1e-9)
    }

    @Test func aBaselineWithoutTheMetricIsAnError() async throws {
        let options = RunOptions(baseline: BaselineReport(path: "b.json", metrics: ["q": [:]]), today: "2026-11-25")
        let report = try await run(header + "  - {id: q, type: scripted, metrics: {f1: 0.9}, thresholds: {f1: '>= baseline'}}\n", options: options)
        #expect(report.gates[0].status == .error)
        #expect(report.gates[0].error == "the baseline report has no metric 'f1' for gate 'q'")
    }

    @Test func aBaselineWithoutTheGateNamesTheMissingMetric() async throws {
        let options = RunOptions(baseline: BaselineReport(path: "b.json", metrics: ["other": ["f1": 0.9]]), today: "2026-11-25")
        let report = try await run(header + "  - {id: q, type: scripted, metrics: {f1: 0.9}, thresholds: {f1: '>= baseline'}}\n", options: options)
        #expect(report.gates[0].error == "the baseline report has no metric 'f1' for gate 'q'")
    }

    @Test func intervalDecisionsPassFailOrStayInconclusive() async throws {
        // Wilson 95% for 900/1000 is about [0.880, 0.917].
        func status(_ threshold: String) async throws -> GateStatus {
            let report = try await run(header + "  - {id: q, type: scripted, decide: interval, successes: {accuracy: [900, 1000]}, thresholds: {accuracy: '\(threshold)'}}\n")
            return report.gates[0].status
        }
        #expect(try await status(">= 0.87") == .pass)
        #expect(try await status(">= 0.90") == .inconclusive)
        #expect(try await status(">= 0.93") == .fail)
        #expect(try await status("<= 0.93") == .pass)
    }

    @Test func intervalModeSaysWhichChecksItDecidedOnThePointValue() async throws {
        let report = try await run(header + "  - {id: q, type: scripted, decide: interval, metrics: {gap: 0.1}, successes: {a: [95, 100]}, thresholds: {gap: '<= 0.2', a: '!= 0.5'}}\n")
        let checks = report.gates[0].checks
        #expect(checks.map(\.status) == [.pass, .pass])
        #expect(checks[0].note == "decided on the point value: the gate gives no interval for this metric")
        #expect(checks[1].note == "decided on the point value: != has no interval decision")
    }

    @Test func inconclusiveBlocksWithExitFour() async throws {
        let report = try await run(header + "  - {id: q, type: scripted, decide: interval, successes: {accuracy: [90, 100]}, thresholds: {accuracy: '>= 0.88'}}\n")
        #expect(report.verdict == .inconclusive)
        #expect(report.verdict.exitCode.rawValue == 4)
        #expect(report.gates[0].checks[0].note?.contains("straddles") == true)
    }

    @Test func holmAdjustmentMakesManyChecksDemandMoreEvidence() async throws {
        // Alone, 920/1000 >= 0.90 clears the 95% interval (lower bound ~0.903); among 20 checks,
        // Holm asks it to clear at α/20 and it can no longer.
        let one = try await run(header + "  - {id: q, type: scripted, decide: interval, successes: {a: [920, 1000]}, thresholds: {a: '>= 0.90'}}\n")
        #expect(one.gates[0].checks[0].status == .pass)
        let names = (0..<20).map { "m\($0)" }
        let successes = names.map { "\($0): [920, 1000]" }.joined(separator: ", ")
        let thresholds = names.map { "\($0): '>= 0.90'" }.joined(separator: ", ")
        let many = try await run(header + "  - {id: q, type: scripted, decide: interval, successes: {\(successes)}, thresholds: {\(thresholds)}}\n")
        #expect(many.gates[0].checks.allSatisfy { $0.status == .inconclusive })
    }

    @Test func holmStillDecidesChecksWithOverwhelmingEvidence() async throws {
        let names = (0..<20).map { "m\($0)" }
        let successes = names.map { "\($0): [990, 1000]" }.joined(separator: ", ")
        let thresholds = names.map { "\($0): '>= 0.90'" }.joined(separator: ", ")
        let many = try await run(header + "  - {id: q, type: scripted, decide: interval, successes: {\(successes)}, thresholds: {\(thresholds)}}\n")
        #expect(many.gates[0].checks.allSatisfy { $0.status == .pass })
    }

    @Test func secretsNeverReachTheReport() async throws {
        let report = try await run(header + "  - {id: q, type: scripted, summary: 'using ${TOKEN}', throw: 'auth failed for ${TOKEN}'}\n",
                                   environment: ["TOKEN": "hunter2-abcdef"])
        #expect(report.gates[0].error == "auth failed for ***")
        #expect(report.gates[0].log == "scripted gate ran with summary using ***\n")
        for format in ReportFormat.allCases {
            #expect(!format.reporter().render(report).contains("hunter2"), "\(format)")
        }
    }

    @Test func anInterruptedRunEndsInErrorAndSkipsTheRest() async throws {
        let control = RunControl()
        // On a queue of its own, like a signal source: a Task's sleep would wait for a pool thread.
        DispatchQueue(label: "test.interrupt").asyncAfter(deadline: .now() + 0.2) { control.interrupt("SIGINT") }
        let (report, elapsed) = try await onOwnQueue {
            let clock = ContinuousClock.now
            let report = try await run(header + "  - {id: a, type: scripted, sleep: 60s}\n  - {id: b, type: scripted}\n", control: control)
            return (report, ContinuousClock.now - clock)
        }
        #expect(elapsed < .seconds(30))
        #expect(report.verdict == .error)
        #expect(report.interruption == "SIGINT")
        #expect(report.gates[0].status == .error)
        #expect(report.gates[1].status == .skipped)
    }

    @Test func verdictRanksFailAboveErrorAboveInconclusive() {
        func result(_ status: GateStatus, blocking: Bool = true) -> GateResult {
            GateResult(id: "x", type: "t", status: status, blocking: blocking, summary: "")
        }
        #expect(PipelineRunner.verdict([result(.error), result(.fail)], interrupted: false) == .fail)
        #expect(PipelineRunner.verdict([result(.inconclusive), result(.error)], interrupted: false) == .error)
        #expect(PipelineRunner.verdict([result(.pass), result(.inconclusive)], interrupted: false) == .inconclusive)
        #expect(PipelineRunner.verdict([result(.pass), result(.warn, blocking: false)], interrupted: false) == .pass)
        #expect(PipelineRunner.verdict([result(.pass)], interrupted: true) == .error)
        #expect(PipelineRunner.verdict([result(.skipped)], interrupted: false) == .error)
    }
}
