import Foundation
import Testing
@testable import ModelGate

/// Baseline and shard reports are read like the pipeline, through `DocumentReader`: a report that
/// is huge, a device or a pipe is refused before anything is read (it once took 2 GB to refuse
/// a 1 GB baseline of spaces).
@Suite(.timeLimit(.minutes(1)))
struct ReportFileTests {
    @Test func aHugeBaselineIsRefusedFromItsSize() throws {
        let workspace = Workspace()
        defer { workspace.remove() }
        let path = workspace.write("baseline.json", "")
        try #require(truncate(path, 1 << 30) == 0)
        #expect(throws: ConfigError("baseline report cannot be read: is 1 GiB, more than the 64 MiB allowed", path: path, at: .none)) {
            try BaselineReport.read(path: path)
        }
    }

    @Test func aBaselineThatIsADeviceOrAPipeIsRefused() throws {
        let workspace = Workspace()
        defer { workspace.remove() }
        let fifo = workspace.root + "/fifo.json"
        try #require(mkfifo(fifo, 0o600) == 0)
        for path in ["/dev/zero", fifo] {
            #expect(throws: ConfigError("baseline report cannot be read: is not a regular file (a pipe, device or socket)", path: path, at: .none)) {
                try BaselineReport.read(path: path)
            }
        }
    }

    @Test func aShardReportThatIsHugeOrADeviceIsRefused() throws {
        let workspace = Workspace()
        defer { workspace.remove() }
        let huge = workspace.write("shard.json", "")
        try #require(truncate(huge, 1 << 30) == 0)
        #expect(throws: ConfigError("shard report cannot be read: is 1 GiB, more than the 64 MiB allowed", path: huge, at: .none)) {
            try ShardReports.read(paths: [huge])
        }
        #expect(throws: ConfigError("shard report cannot be read: is not a regular file (a pipe, device or socket)", path: "/dev/urandom", at: .none)) {
            try ShardReports.read(paths: ["/dev/urandom"])
        }
    }
}
