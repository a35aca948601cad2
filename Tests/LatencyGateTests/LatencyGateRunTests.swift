import Foundation
import GateTestSupport
import ModelGate
import Testing
@testable import LatencyGate

/// The gate run end to end against a real predictor process: counts, delays, failures by kind,
/// early stops and time limits. Timing assertions use lower bounds the predictor's own sleeps
/// guarantee and upper bounds far above them, so a busy machine cannot break them.
@Suite struct LatencyGateRunTests {
    @Test func everyMeasuredRequestIsCountedOnceAndRowsCycleInFileOrder() async throws {
        let space = try LatencyWorkspace(script: "while IFS= read -r line; do echo \"$line\" >> seen.log; echo 0.5; done\n")
        let result = try await space.run("""
            data: rows.csv
            concurrency: 3
            requests: 30
            """)
        #expect(result.status == .pass, "\(result.error ?? result.summary)")
        #expect(result.evidence["requests"] == 30)
        #expect(result.evidence["errors"] == 0)
        let seen = try String(contentsOfFile: space.root + "/seen.log", encoding: .utf8).split(separator: "\n")
        #expect(seen.count == 30)
        // Rows are sent in file order, cycling: 30 requests over 4 rows send rows 1 and 2 eight times.
        let values = seen.map { line in Double(line.split(separator: ":").last!.dropLast()) }
        #expect(values.filter { $0 == 1 }.count == 8, "\(seen.prefix(4))")
        #expect(values.filter { $0 == 4 }.count == 7)
    }

    @Test func warmupRequestsAreSentButNotCounted() async throws {
        let space = try LatencyWorkspace(script: "while IFS= read -r line; do echo \"$line\" >> seen.log; echo 0.5; done\n")
        let result = try await space.run("""
            data: rows.csv
            requests: 10
            warmup: 2s
            """)
        #expect(result.status == .pass, "\(result.error ?? result.summary)")
        #expect(result.evidence["requests"] == 10)
        let seen = try String(contentsOfFile: space.root + "/seen.log", encoding: .utf8).split(separator: "\n")
        #expect(seen.count > 10)
    }

    @Test func latenciesAreAtLeastThePredictorsDelay() async throws {
        let space = try LatencyWorkspace(script: "while IFS= read -r line; do sleep 0.2; echo 0.5; done\n")
        let result = try await space.run("""
            data: rows.csv
            concurrency: 2
            requests: 6
            request_timeout: 10m
            """)
        #expect(result.status == .pass, "\(result.error ?? result.summary)")
        let p50 = try #require(result.metric("p50_ms"))
        let max = try #require(result.metric("max_ms"))
        #expect(p50 >= 200 * (1 - 1.0 / 128))
        #expect(p50 < 10_000)
        #expect(max >= p50)
        // Two in flight, each 0.2 s or more: at most about ten per second.
        #expect(try #require(result.metric("throughput_rps")) <= 10.5)
    }

    @Test func aStallShowsInTheLatencyOfTheRequestsItKeptWaiting() async throws {
        // The first request stalls 1 s; an open loop at 20/s with one predictor in flight keeps
        // intending requests during the stall, and each counts its wait from its intended start.
        let space = try LatencyWorkspace(script: """
            while IFS= read -r line; do
              if [ ! -e stalled ]; then : > stalled; sleep 1; fi
              echo 0.5
            done

            """)
        let result = try await space.run("""
            data: rows.csv
            rate: 20
            max_connections: 1
            requests: 20
            request_timeout: 10m
            """)
        #expect(result.status == .pass, "\(result.error ?? result.summary)")
        // Measured from send time only the stalled request would be slow; from intended start,
        // the ~19 requests due during the stall waited 0.05 to 0.95 s: p50 is over 0.3 s.
        #expect(try #require(result.metric("p50_ms")) >= 300)
        #expect(try #require(result.metric("max_ms")) >= 1000 * (1 - 1.0 / 128))
    }

    @Test func aPredictorThatNeverAnswersTimesOutAndIsCountedAsTimeouts() async throws {
        // Never answering within the gate's own time limit: the request timeout must end each call.
        let space = try LatencyWorkspace(script: "while IFS= read -r line; do sleep 3600; done\n")
        let result = try await space.run("""
            data: rows.csv
            requests: 2
            request_timeout: 300ms
            timeout: 2h
            """)
        #expect(result.status == .fail)
        #expect(result.evidence["errors_timeout"] == 2)
        #expect(result.metric("error_rate") == 1)
        #expect(result.checks.contains { $0.metric == "error_budget" && $0.status == .fail })
    }

    @Test func everyRequestFailingIsNamedAsSuchWhenALatencyIsGated() async throws {
        let space = try LatencyWorkspace(script: "while IFS= read -r line; do echo oops; done\n")
        let result = try await space.run("""
            data: rows.csv
            requests: 5
            thresholds:
              p95_ms: "<= 100"
            """)
        #expect(result.status == .error)
        #expect(result.error?.contains("every one of the 5 measured requests failed (5 invalid_response)") == true, "\(result.error ?? "")")
    }

    @Test func abortOnFailStopsOnceTheErrorRateCanNoLongerBeMet() async throws {
        let space = try LatencyWorkspace(script: "while IFS= read -r line; do echo oops; done\n")
        let result = try await space.run("""
            data: rows.csv
            requests: 200
            abort_on_fail: true
            max_error_rate: 1%
            thresholds:
              error_rate: "<= 1%"
            """)
        #expect(result.status == .fail)
        // 1% of 200 allows 2 failures: the third ends the load.
        #expect(result.evidence["requests"] == 3)
        #expect(result.log?.contains("abort_on_fail: stopped the load") == true)
    }

    @Test func theGatesTimeLimitStopsALongLoad() async throws {
        // An hour of load: only the gate's time limit can end this test.
        let space = try LatencyWorkspace(script: LatencyWorkspace.prompt)
        let result = try await space.run("""
            data: rows.csv
            rate: 5
            duration: 1h
            timeout: 1s
            """)
        #expect(result.status == .error)
        #expect(result.error?.contains("time limit") == true || result.error?.contains("timed out") == true, "\(result.error ?? "")")
    }

    @Test func repeatsGiveIntervalsAcrossWindows() async throws {
        let space = try LatencyWorkspace(script: LatencyWorkspace.prompt)
        let result = try await space.run("""
            data: rows.csv
            requests: 4
            repeats: 5
            decide: interval
            confidence: 0.9
            thresholds:
              p50_ms: "<= 60000"
            """)
        #expect(result.evidence["windows"] == 5)
        #expect(result.evidence["requests"] == 20)
        let check = try #require(result.checks.first { $0.metric == "p50_ms" })
        let interval = try #require(check.interval)
        #expect(interval.lowerBound <= check.actual * 1.5 && interval.upperBound > 0)
        #expect(result.status == .pass, "\(result.error ?? result.summary)")
    }

    @Test func aCapacitySearchReportsZeroWhenTheFirstStepBreaks() async throws {
        let space = try LatencyWorkspace(script: LatencyWorkspace.prompt)
        let result = try await space.run("""
            body: '{"x": 1}'
            mode: capacity
            objective: {p95_ms: "<= 0.001"}
            start_rate: 5
            max_rate: 10
            step_duration: 500ms
            thresholds:
              capacity_rps: ">= 5"
            """)
        #expect(result.status == .fail)
        #expect(result.metric("capacity_rps") == 0)
        #expect(result.metrics.contains { $0.name.hasSuffix("[rate=5]") })
        #expect(result.evidence["steps"] == 1)
        #expect(result.log?.contains("capacity step 5/s") == true)
    }
}

extension GateResult {
    func metric(_ name: String) -> Double? { metrics.first { $0.name == name }?.value }
}

/// A persistent command predictor: one process per slot for the whole gate, so latencies are
/// answers, not process start-ups.
@Suite struct PersistentPredictorLatencyTests {
    @Test func aPersistentPredictorServesEveryRequestOfItsSlotFromOneProcess() async throws {
        let space = try LatencyWorkspace(script: "echo $$ >> pids.log\nwhile IFS= read -r line; do echo 0.5; done\n")
        space.workspace.candidate = "{name: m, version: '1', predictor: {type: command, command: [sh, predict.sh], inputs: [x], persistent: true}}"
        let result = try await space.run("data: rows.csv\nconcurrency: 2\nrequests: 60\nrepeats: 2")
        #expect(result.status == .pass, "\(result.error ?? result.summary)")
        #expect(result.evidence["requests"] == 120)
        let pids = try String(contentsOfFile: space.root + "/pids.log", encoding: .utf8).split(separator: "\n")
        #expect(pids.count == 2, "one process per slot, kept across windows: \(pids)")
        #expect(result.log?.contains("starts a process per request") != true)
    }

    @Test func aPerBatchPredictorIsMeasuredButTheLogSaysWhatThatCosts() async throws {
        let space = try LatencyWorkspace(script: LatencyWorkspace.prompt)
        space.workspace.candidate = "{name: m, version: '1', predictor: {type: command, command: [sh, predict.sh], inputs: [x]}}"
        let result = try await space.run("data: rows.csv\nrequests: 3")
        #expect(result.status == .pass, "\(result.error ?? result.summary)")
        #expect(result.log?.contains("set 'persistent: true'") == true)
    }
}
