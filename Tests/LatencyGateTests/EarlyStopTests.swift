import ModelGate
import Testing
@testable import LatencyGate

/// `abort_on_fail` stops only when a threshold is certainly lost for every way the rest of the
/// planned requests could go.
@Suite struct EarlyStopTests {
    static let ms: UInt64 = 1_000_000

    @Test func aPercentileIsLostWhenMoreRequestsExceedItThanItLetsThrough() throws {
        // p99 of at most 100 requests: the 99th ranked value is within limit if at most one exceeds it.
        var judge = try #require(EarlyStop(limits: [ThresholdLimit(metric: "p99_ms", op: .lessOrEqual, value: 50)],
                                           errorBudget: Share(1), planned: 100))
        judge.observe(latencyNanoseconds: 80 * Self.ms)
        #expect(!judge.exhausted)
        judge.observe(latencyNanoseconds: 10 * Self.ms)
        #expect(!judge.exhausted)
        judge.observe(latencyNanoseconds: 80 * Self.ms)
        #expect(judge.exhausted)
        #expect(judge.reason?.contains("p99_ms") == true)
    }

    @Test func latenciesWithinTheHistogramsResolutionOfTheLimitDoNotCount() throws {
        var judge = try #require(EarlyStop(limits: [ThresholdLimit(metric: "p50_ms", op: .lessOrEqual, value: 100)],
                                           errorBudget: Share(1), planned: 2))
        // 100.5 ms may be reported as 100 ms by its bucket: never a reason to stop.
        for _ in 0..<5 { judge.observe(latencyNanoseconds: 100 * Self.ms + Self.ms / 2) }
        #expect(!judge.exhausted)
        judge.observe(latencyNanoseconds: 200 * Self.ms)
        #expect(!judge.exhausted)
        judge.observe(latencyNanoseconds: 200 * Self.ms)
        #expect(judge.exhausted)
    }

    @Test func maxIsLostAtTheFirstSlowerRequest() throws {
        var judge = try #require(EarlyStop(limits: [ThresholdLimit(metric: "max_ms", op: .less, value: 20)],
                                           errorBudget: Share(1), planned: 1000))
        judge.observe(latencyNanoseconds: 19 * Self.ms)
        #expect(!judge.exhausted)
        judge.observe(latencyNanoseconds: 20 * Self.ms)
        #expect(judge.exhausted)
    }

    @Test func theErrorBudgetIsSpentWhenFailuresAloneExceedItsShareOfThePlannedRequests() throws {
        var judge = try #require(EarlyStop(limits: [], errorBudget: Share(0.05), planned: 100))
        for _ in 0..<5 { judge.observeFailure() }
        #expect(!judge.exhausted)
        judge.observeFailure()
        #expect(judge.exhausted)
        #expect(judge.reason?.contains("max_error_rate") == true)
    }

    @Test func aStrictErrorRateAllowsOneFailureFewer() throws {
        var judge = try #require(EarlyStop(limits: [ThresholdLimit(metric: "error_rate", op: .less, value: 0.05)],
                                           errorBudget: Share(1), planned: 100))
        for _ in 0..<4 { judge.observeFailure() }
        #expect(!judge.exhausted)
        judge.observeFailure()
        #expect(judge.exhausted)
    }

    @Test func lowerBoundsAndThroughputNeverStopALoad() throws {
        var judge = try #require(EarlyStop(limits: [ThresholdLimit(metric: "p50_ms", op: .greaterOrEqual, value: 1),
                                                    ThresholdLimit(metric: "throughput_rps", op: .greaterOrEqual, value: 1e6)],
                                           errorBudget: Share(1), planned: 10))
        for _ in 0..<10 { judge.observe(latencyNanoseconds: 1) }
        #expect(!judge.exhausted)
    }
}
