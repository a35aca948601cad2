@testable import LatencyGate
import Testing

@Suite struct LatencyTallyTests {
    @Test func windowsOneAfterAnotherAverageTheirThroughputOverTime() throws {
        var first = LoadTally()
        for _ in 0..<100 { first.recordSuccess(nanoseconds: 1_000_000) }
        first.finish(elapsedNanoseconds: 1_000_000_000)
        var second = LoadTally()
        for _ in 0..<300 { second.recordSuccess(nanoseconds: 2_000_000) }
        second.finish(elapsedNanoseconds: 1_000_000_000)
        var total = first
        try total.addSequential(second)
        #expect(total.succeeded == 400)
        #expect(abs(total.throughput - 200) < 1e-9)
        var concurrent = first
        try concurrent.addConcurrent(second)
        #expect(abs(concurrent.throughput - 400) < 1e-9)
    }
}
