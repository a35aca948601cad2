import GateTestSupport
import ModelGate
import Testing

/// Slice and class values are data: slicing by an e-mail column never prints an address, and a
/// column with more values than `max_slices` is refused rather than turned into names.
@Suite struct SliceLabelPrivacyTests {
    static let emails = (0..<6).map { "person\($0)@example.com" }

    @Test func aSliceColumnOfAddressesPrintsNone() async throws {
        let rows = (0..<60).map { "\($0 % 2),\($0 % 2),\(Self.emails[$0 % 6])" }.joined(separator: "\n")
        let workspace = try GateWorkspace(["test.csv": "label,prediction,email\n" + rows + "\n"])
        let report = try await workspace.report("data: test.csv\ntask: binary\nlabel: label\nprediction: prediction\nslice_by: email\nmin_slice_rows: 5\nthresholds: {f1_gap: \"<= 0.5\"}")
        let names = report.gates[0].metrics.map(\.name) + report.gates[0].evidence.entries.map(\.name)
        #expect(names.contains { $0.contains("email=p***@e***.com") }, "\(names)")
        let rendered = JSONReporter().render(report) + ConsoleReporter(color: false).render(report) + MarkdownReporter().render(report)
        for address in Self.emails { #expect(!rendered.contains(address)) }
        #expect(Set(names).count == names.count, "masked names stay distinct")
    }

    @Test func multiclassClassesThatLookPersonalAreMasked() async throws {
        let rows = (0..<12).map { "\(Self.emails[$0 % 3]),\(Self.emails[$0 % 3])" }.joined(separator: "\n")
        let workspace = try GateWorkspace(["test.csv": "label,prediction\n" + rows + "\n"])
        let report = try await workspace.report("data: test.csv\ntask: multiclass\nlabel: label\nprediction: prediction\ndecide: point\nthresholds: {accuracy: \">= 0.5\"}")
        let rendered = JSONReporter().render(report)
        for address in Self.emails { #expect(!rendered.contains(address)) }
        #expect(report.gates[0].status == .pass)
    }

    @Test(arguments: [(101, ""), (11, "\nmax_slices: 10"), (1000, "")])
    func aSliceColumnWithMoreValuesThanMaxSlicesIsRefused(values: Int, option: String) async throws {
        let rows = (0..<max(values, 200)).map { "\($0 % 2),\($0 % 2),id-\($0 % values)" }.joined(separator: "\n")
        let workspace = try GateWorkspace(["test.csv": "label,prediction,customer\n" + rows + "\n"])
        let result = try await workspace.run("data: test.csv\ntask: binary\nlabel: label\nprediction: prediction\nslice_by: customer" + option)
        #expect(result.status == .error)
        #expect(result.oneLineError.contains("max_slices") && !result.oneLineError.contains("id-"), "\(result.error ?? "")")
    }

    @Test func slicesUpToTheLimitAreKept() async throws {
        let rows = (0..<200).map { "\($0 % 2),\($0 % 2),g\($0 % 10)" }.joined(separator: "\n")
        let workspace = try GateWorkspace(["test.csv": "label,prediction,group\n" + rows + "\n"])
        let result = try await workspace.run("data: test.csv\ntask: binary\nlabel: label\nprediction: prediction\nslice_by: group\nmax_slices: 10\nmin_slice_rows: 5\nthresholds: {f1_gap: \"<= 0.5\"}")
        #expect(result.evidence["slices"] == 10, "\(result.error ?? "")")
    }
}
