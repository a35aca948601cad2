import Document
import Foundation
import Testing
@testable import ModelGate

/// Shard reports that disagree in anything the merge takes from them, or that hold what no shard
/// run writes, are refused before anything merges, naming the file (and the place in it).
@Suite struct ShardReportAgreementTests {
    /// Two shard reports of `ShardRunTests.yaml` (gates: card, skipped in shards; quality, partial),
    /// the second edited at `path`.
    func readError(editing path: [ReportStep], to value: Node.Value) async throws -> String {
        let folder = Workspace()
        defer { folder.remove() }
        let paths = try await ShardReportsTests().reports(count: 2, in: folder) { index, text in
            guard index == 2 else { return }
            text = JSONWriter.write((try! JSONReader.read(text)).setting(path, to: value))
        }
        do {
            _ = try ShardReports.read(paths: paths)
            Issue.record("accepted a shard report with \(path) = \(value)")
            return ""
        } catch {
            #expect(error.path == paths[1], "\(error)")
            return error.message
        }
    }

    @Test func shardsThatDisagreeOnTheCandidateOrTheGatesAreRefused() async throws {
        let candidate = try await readError(editing: [.key("candidate"), .key("name")], to: .string("other"))
        #expect(candidate.contains("candidate \"other 2.4.0\", but"), "\(candidate)")
        #expect(try await readError(editing: [.key("candidate"), .key("version")], to: .string("2.5.0")).contains("candidate"))
        for (field, value): (String, Node.Value) in [("id", .string("renamed")), ("type", .string("scripted")), ("blocking", .bool(false))] {
            let message = try await readError(editing: [.key("gates"), .index(1), .key(field)], to: value)
            #expect(message.contains("as gate 2"), "\(field): \(message)")
        }
        let fewer = try await readError(editing: [.key("gates")], to: .array([]))
        #expect(fewer.contains("a number of gates: \"0\""), "\(fewer)")
    }

    @Test func whatNoShardRunWritesIsRefused() async throws {
        let cases: [([ReportStep], Node.Value, String)] = [
            ([.key("verdict")], .string("pass"), "a shard report's verdict is partial or error"),
            ([.key("gates"), .index(1), .key("status")], .string("pass"), "which no gate of a shard report has"),
            ([.key("gates"), .index(1), .key("status")], .string("inconclusive"), "which no gate of a shard report has"),
            ([.key("gates"), .index(1), .key("state")], .null, "is partial but has no 'state'"),
            ([.key("gates"), .index(1), .key("state")], .array([]), "must be an object"),
            ([.key("gates"), .index(0), .key("state")], .object([]), "only a partial gate of a shard report has one"),
            ([.key("mergedShards")], .int(2), "cannot also be merged"),
            ([.key("gates"), .index(1), .key("evidence"), .key("rows")], .int(-4), "cannot be below 0"),
        ]
        for (path, value, expected) in cases {
            let message = try await readError(editing: path, to: value)
            #expect(message.contains(expected), "\(path): \(message)")
        }
    }

    @Test func valuesFromTheFilesAreShownEscaped() async throws {
        let message = try await readError(editing: [.key("tool"), .key("version")], to: .string("9.9\u{1B}[2K\rverdict: PASS"))
        #expect(message.contains("modelgate version \"9.9\\u001b[2K\\rverdict: PASS\""), "\(message)")
        #expect(!message.contains("\u{1B}") && !message.contains("\r"))
    }
}
