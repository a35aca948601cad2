import GateTestSupport
import ModelGate
import Testing

/// Data the gate cannot read stops it (status error, exit 3) with one line that says where:
/// file, row or line, and column. It never passes, and never prints the bad cell in full.
@Suite struct MalformedDataTests {
    static let binaryScore = "data: test.csv\ntask: binary\nlabel: label\nscore: score"

    @Test func aNonNumericScoreNamesFileRowAndColumnAndMasksTheValue() async throws {
        let workspace = try GateWorkspace(["test.csv": "label,score\n1,0.9\n0,abc\n"])
        let report = try await workspace.report(Self.binaryScore)
        #expect(report.verdict == .error && report.verdict.exitCode == .couldNotRun)
        let error = report.gates[0].oneLineError
        #expect(error.contains("test.csv:row 2 (line 3), column 'score': expected a number"), "\(error)")
        #expect(!error.contains("abc"), "the cell is shown masked: \(error)")
    }

    @Test func aMissingLabelNamesRowAndColumn() async throws {
        let workspace = try GateWorkspace(["test.csv": "label,score\n1,0.9\n,0.2\n"])
        let error = try await workspace.run(Self.binaryScore).oneLineError
        #expect(error.contains("test.csv:row 2 (line 3), column 'label': missing value"), "\(error)")
        #expect(error.contains("missing: skip"), "says how to skip instead: \(error)")
    }

    @Test func anUnterminatedQuoteAtTheEndOfTheFileIsAnError() async throws {
        let workspace = try GateWorkspace(["test.csv": "label,score\n1,0.9\n0,\"0.2\n"])
        let result = try await workspace.run(Self.binaryScore)
        #expect(result.status == .error)
        let error = result.oneLineError
        #expect(error.contains("test.csv:row 2 (line 3)") && error.contains("quote"), "\(error)")
    }

    @Test func aRowWithTooFewFieldsNamesItsRow() async throws {
        let workspace = try GateWorkspace(["test.csv": "label,score\n1,0.9\n0\n1,0.7\n"])
        let error = try await workspace.run(Self.binaryScore).oneLineError
        #expect(error.contains("test.csv:row 2 (line 3)") && error.contains("expected 2 fields"), "\(error)")
    }

    @Test func aJSONLinesLineThatIsNotJSONNamesLineAndColumn() async throws {
        let workspace = try GateWorkspace(["test.jsonl": "{\"label\": 1, \"score\": 0.9}\n{label: 0}\n"])
        let error = try await workspace.run("data: test.jsonl\ntask: binary\nlabel: label\nscore: score").oneLineError
        #expect(error.hasPrefix(workspace.root + "/test.jsonl:line 2, column 2:"), "\(error)")
    }

    @Test func aColumnNotInTheHeaderIsNamedWithTheColumnsThatExist() async throws {
        let workspace = try GateWorkspace(["test.csv": "label,score\n1,0.9\n"])
        let error = try await workspace.run("data: test.csv\ntask: binary\nlabel: label\nscore: probability").oneLineError
        #expect(error.contains("test.csv:line 1: no column 'probability'"), "\(error)")
        #expect(error.contains("'label', 'score'"), "lists the columns there are: \(error)")
    }

    @Test func aPathNoJSONLineHasIsAMissingValueAtTheFirstRow() async throws {
        let workspace = try GateWorkspace(["test.jsonl": "{\"label\": 1, \"output\": {\"p\": 0.9}}\n"])
        let error = try await workspace.run("data: test.jsonl\ntask: binary\nlabel: label\nscore: output.score").oneLineError
        #expect(error.contains("test.jsonl:row 1 (line 1), field 'output.score': missing value"), "\(error)")
    }

    @Test func aMissingDataFileIsAnErrorNotAPass() async throws {
        let workspace = try GateWorkspace([:])
        let error = try await workspace.run(Self.binaryScore).oneLineError
        #expect(error.contains("test.csv: cannot open"), "\(error)")
    }
}
