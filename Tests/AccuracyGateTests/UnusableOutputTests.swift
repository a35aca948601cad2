import GateTestSupport
import ModelGate
import Testing

/// A model output that is not a measurement (a NaN or infinite score, a probability of 1.7, an
/// infinite regression value) is bad data: it stops the gate naming file, row and column, or is
/// skipped and counted under `missing: skip`; it never enters a metric and never passes.
@Suite struct UnusableOutputTests {
    static let spellings = ["nan", "NaN", "inf", "-inf", "Infinity", "-Infinity", "1e999", "-1e999", "1.7", "-0.2", "1.0000001"]

    @Test(arguments: spellings)
    func aBinaryScoreThatIsNotAProbabilityStopsTheGate(cell: String) async throws {
        let workspace = try GateWorkspace(["test.csv": "label,score\n1,0.9\n0,\(cell)\n1,0.8\n0,0.1\n"])
        let result = try await workspace.run("data: test.csv\ntask: binary\nlabel: label\nscore: score\nna_values: []\nthresholds: {accuracy: \">= 0.5\"}")
        #expect(result.status == .error, "\(cell): \(result.status)")
        let error = result.oneLineError
        #expect(error.contains("test.csv") && error.contains("row 2") && error.contains("score"), "\(error)")
    }

    @Test func everyScoreNaNIsNeverAPass() async throws {
        let rows = (0..<200).map { "\($0 % 2),nan" }.joined(separator: "\n")
        let workspace = try GateWorkspace(["test.csv": "label,score\n" + rows + "\n"])
        for naValues in ["na_values: []", "na_values: [NA]"] {
            let result = try await workspace.run("data: test.csv\ntask: binary\nlabel: label\nscore: score\n\(naValues)\nthresholds: {accuracy: \">= 0.1\"}")
            #expect(result.status == .error, "\(naValues): \(result.status)")
        }
    }

    @Test func underSkipUnusableScoresAreSkippedAndCounted() async throws {
        let workspace = try GateWorkspace(["test.csv": "label,score\n1,0.9\n0,inf\n1,0.8\n0,0.1\n1,1.5\n0,0.3\n"])
        let result = try await workspace.run("data: test.csv\ntask: binary\nlabel: label\nscore: score\nmissing: skip\nmax_skipped: 50%\ndecide: point\nthresholds: {accuracy: \">= 0.5\"}")
        #expect(result.status == .pass, "\(result.error ?? "")")
        #expect(result.evidence["rows"] == 4 && result.evidence["skipped_rows"] == 2)
    }

    @Test(arguments: ["nan", "inf", "-1e999", "1.2"])
    func aMulticlassScoreOutsideZeroOneStopsTheGate(cell: String) async throws {
        let workspace = try GateWorkspace(["test.csv": "label,pa,pb\na,0.9,0.1\nb,\(cell),0.5\n"])
        let result = try await workspace.run("data: test.csv\ntask: multiclass\nlabel: label\nscores: {a: pa, b: pb}\nna_values: []")
        #expect(result.status == .error && result.oneLineError.contains("row 2"), "\(cell)")
    }

    @Test(arguments: ["inf", "-inf", "1e999"])
    func aRegressionValueOrTargetThatIsNotFiniteStopsTheGate(cell: String) async throws {
        let workspace = try GateWorkspace(["p.csv": "y,p\n1,1.5\n2,\(cell)\n", "y.csv": "y,p\n1,1.5\n\(cell),2\n"])
        for file in ["p.csv", "y.csv"] {
            let result = try await workspace.run("data: \(file)\ntask: regression\nlabel: y\nprediction: p\nthresholds: {mae: \"<= 1\"}")
            #expect(result.status == .error && result.oneLineError.contains("row 2"), "\(file) \(cell): \(result.error ?? "")")
        }
    }

    @Test func aJSONLinesScoreOutsideZeroOneStopsTheGate() async throws {
        let workspace = try GateWorkspace(["t.jsonl": "{\"y\": 1, \"s\": 0.9}\n{\"y\": 0, \"s\": 2.5}\n"])
        let result = try await workspace.run("data: t.jsonl\ntask: binary\nlabel: y\nscore: s")
        #expect(result.status == .error && result.oneLineError.contains("probability"), "\(result.error ?? "")")
    }
}

/// `missing: skip` may leave out only a small share of the rows (`max_skipped`, 1% by default):
/// metrics on the hundred rows left of a thousand describe those rows, not the test set.
@Suite struct SkippedShareTests {
    func data(rows: Int, skipped: Int) -> String {
        "label,score\n" + (0..<rows).map { $0 < skipped ? "\($0 % 2)," : "\($0 % 2),\($0 % 2 == 0 ? 0.2 : 0.8)" }.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [(1000, 900), (1000, 11), (100, 2), (10, 1)])
    func skippingMoreThanTheDefaultOnePercentIsAnError(rows: Int, skipped: Int) async throws {
        let workspace = try GateWorkspace(["test.csv": data(rows: rows, skipped: skipped)])
        let result = try await workspace.run("data: test.csv\ntask: binary\nlabel: label\nscore: score\nmissing: skip\ndecide: point\nthresholds: {accuracy: \">= 0.5\"}")
        #expect(result.status == .error, "\(skipped) of \(rows): \(result.status)")
        #expect(result.oneLineError.contains("\(skipped) of \(rows) rows") && result.oneLineError.contains("max_skipped (1%)"))
    }

    @Test(arguments: [(1000, 10), (1000, 0), (100, 1)])
    func skippingUpToTheLimitIsCounted(rows: Int, skipped: Int) async throws {
        let workspace = try GateWorkspace(["test.csv": data(rows: rows, skipped: skipped)])
        let result = try await workspace.run("data: test.csv\ntask: binary\nlabel: label\nscore: score\nmissing: skip\nthresholds: {accuracy: \">= 0.5\"}")
        #expect(result.status == .pass, "\(skipped) of \(rows): \(result.error ?? "")")
        #expect(result.evidence["skipped_rows"] == skipped)
    }

    @Test func theLimitIsTheTeamsToRaiseAsAFractionOrAPercentage() async throws {
        let workspace = try GateWorkspace(["test.csv": data(rows: 1000, skipped: 100)])
        for limit in ["0.1", "10%", "25%"] {
            let result = try await workspace.run("data: test.csv\ntask: binary\nlabel: label\nscore: score\nmissing: skip\nmax_skipped: \(limit)\nthresholds: {accuracy: \">= 0.5\"}")
            #expect(result.status == .pass, "\(limit): \(result.error ?? "")")
        }
        #expect(workspace.configError("data: t.csv\ntask: binary\nlabel: y\nscore: s\nmax_skipped: 150%")?.message
                .contains("'max_skipped' of gate 'quality' must be a share: a fraction from 0 to 1, or a percentage") == true)
        #expect(workspace.configError("data: t.csv\ntask: binary\nlabel: y\nscore: s\nmax_skipped: -0.1") != nil)
    }
}
