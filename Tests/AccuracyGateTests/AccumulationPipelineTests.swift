import Foundation
import GateTestSupport
import ModelGate
import Testing

/// The scan adds rows on a worker thread: a scan that stops at an error must stop its worker too.
@Suite(.serialized) struct AccumulationPipelineTests {
    /// Threads of this process, from /proc (Linux); nil elsewhere.
    static var threadCount: Int? {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task"))?.count
    }

    @Test func scansThatFailMidwayLeaveNoThreadBehind() async throws {
        // The bad value comes after several batches, so the worker is busy when the scan fails.
        let rows = (0..<40_000).map { "\($0 % 2),0.\($0 % 97)" }.joined(separator: "\n")
        let workspace = try GateWorkspace(["test.csv": "label,score\n" + rows + "\n1,abc\n"])
        let config = "data: test.csv\ntask: binary\nlabel: label\nscore: score"
        _ = try await workspace.run(config)
        let before = Self.threadCount
        for _ in 0..<20 {
            let error = try await workspace.run(config).oneLineError
            #expect(error.contains("row 40001"), "\(error)")
        }
        // Suites running in parallel start and end threads of their own (gate queues, whose idle
        // Dispatch threads linger a few seconds; child supervisors), so one quiet moment within 10 s
        // is enough; 20 leaked workers would never leave one.
        if let before, var after = Self.threadCount {
            let end = ContinuousClock.now + .seconds(10)
            while after > before + 2, ContinuousClock.now < end {
                try await Task.sleep(for: .milliseconds(100))
                after = Self.threadCount ?? after
            }
            #expect(after <= before + 2, "threads before: \(before), after 20 failed scans: \(after)")
        }
    }
}
