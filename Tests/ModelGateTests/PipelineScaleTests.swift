import Document
import Foundation
import Testing
@testable import ModelGate

/// Reading and checking a pipeline is linear in its size: big hostile files cost seconds, not hours.
@Suite struct PipelineScaleTests {
    /// `count` gates, each needing the one before it, and a waiver for every tenth: each per-gate
    /// check (unique ids, needs, waiver targets) runs thousands of times.
    static func pipelineText(gates count: Int) -> String {
        var text = header
        for i in 0..<count {
            text += i == 0 ? "  - {id: g0, type: scripted}\n" : "  - {id: g\(i), type: scripted, needs: g\(i - 1)}\n"
        }
        text += "waivers:\n"
        for i in stride(from: 0, to: count, by: 10) {
            text += "  - {gate: g\(i), check: f1, reason: r, approved_by: me, expires: 2030-01-01}\n"
        }
        return text
    }

    /// CPU time of this thread: what the reading itself cost, whatever else the machine is doing.
    static func cpuSeconds<T>(_ work: () throws -> T) rethrows -> (T, Double) {
        func now() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
        let start = now()
        let result = try work()
        return (result, now() - start)
    }

    @Test func twentyThousandGatesReadInTimeLinearInTheirNumber() throws {
        let small = Self.pipelineText(gates: 5_000)
        let large = Self.pipelineText(gates: 20_000)
        let (smallPipeline, smallSeconds) = try Self.cpuSeconds { try pipeline(small) }
        let (largePipeline, largeSeconds) = try Self.cpuSeconds { try pipeline(large) }
        #expect(smallPipeline.gates.count == 5_000)
        #expect(largePipeline.gates.count == 20_000 && largePipeline.config.waivers.count == 2_000)
        // Thread CPU time counts this test's own work only, so a busy machine does not move it.
        // Linear reading takes about 1 s for 20k gates in a debug build and 4x the time of 5k;
        // the quadratic reader this guards against took over 60 s and 16x.
        #expect(largeSeconds < 10, "20k gates took \(largeSeconds) s of CPU")
        #expect(largeSeconds < smallSeconds * 10, "5k gates took \(smallSeconds) s, 20k gates \(largeSeconds) s")
    }

    @Test func aMegabyteLongUnknownKeyIsRefusedAtOnceAndShownCut() throws {
        // Suggesting a near key compares lengths first: a huge key is near no key, whatever its text.
        let key = String(repeating: "t", count: 1 << 20)
        let (error, seconds) = Self.cpuSeconds { configError(header + "  - {id: q, type: scripted}\n\(key): 1\n") }
        #expect(error?.message == "unknown key '\(String(repeating: "t", count: 57))...' in the pipeline file; expected one of: candidate, gates, version, waivers")
        #expect(seconds < 5, "took \(seconds) s of CPU")
    }
}
