import GateTestSupport
import ModelGate
import Testing

/// `missing: skip` leaves out rows with a missing value, counts them, and computes every metric
/// on the rows that remain, exactly as if the others had never been in the file.
@Suite struct MissingValueTests {
    static let options = "task: binary\nlabel: label\nscore: score\nmissing: skip\nmax_skipped: 100%"

    @Test func skippedRowsAreCountedAndLeftOutOfEveryMetric() async throws {
        let workspace = try GateWorkspace([
            "with-gaps.csv": "label,score,region\n1,0.9,a\n0,,a\n1,0.8,b\n,0.3,b\n0,0.1,a\n1,0.4,\n1,0.4,b\n0,0.6,b\n",
            "remaining.csv": "label,score,region\n1,0.9,a\n1,0.8,b\n0,0.1,a\n1,0.4,b\n0,0.6,b\n",
        ])
        let skipped = try await workspace.run("data: with-gaps.csv\nslice_by: region\n" + Self.options)
        let remaining = try await workspace.run("data: remaining.csv\nslice_by: region\n" + Self.options)
        #expect(skipped.status == .pass, "\(skipped.error ?? "")")
        #expect(skipped.evidence["rows"] == 5 && skipped.evidence["skipped_rows"] == 3)
        #expect(remaining.evidence["skipped_rows"] == 0)
        #expect(skipped.metrics.map(\.name) == remaining.metrics.map(\.name))
        #expect(skipped.metrics.map(\.value) == remaining.metrics.map(\.value))
        // Scores above 0.5 are positive: tp 2, fn 1, fp 1, tn 1; five of six pairs ranked right.
        #expect(close(skipped.metric("accuracy"), 3.0 / 5.0) && close(skipped.metric("roc_auc"), 5.0 / 6.0))
        #expect(skipped.summary.contains("3 skipped"))
    }

    @Test func withoutSkipTheFirstMissingValueStopsTheGate() async throws {
        let workspace = try GateWorkspace(["test.csv": "label,score\n1,0.9\n0,\n"])
        let result = try await workspace.run("data: test.csv\ntask: binary\nlabel: label\nscore: score")
        #expect(result.status == .error && result.oneLineError.contains("row 2"))
    }

    @Test func skippingEveryRowIsAnErrorThatSaysSo() async throws {
        let workspace = try GateWorkspace(["test.csv": "label,score\n1,\n,0.3\n"])
        let error = try await workspace.run("data: test.csv\n" + Self.options).oneLineError
        #expect(error.contains("0 usable rows") && error.contains("2 rows were skipped"), "\(error)")
    }
}

/// Missing cells spelled as data people write them (`NA`, `nan`, `NULL`...) are missing for
/// labels, predictions and scores alike, as pandas reads them; never a class or a NaN score.
@Suite struct MissingValueSpellingTests {
    static let spelled = "label,score,prediction\n1,0.9,1\nNA,0.3,0\n0,nan,0\n1,0.8,NULL\n0,0.1,0\n1,0.6,1\n0,N/A,0\n"
    static let clean = "label,score,prediction\n1,0.9,1\n0,0.1,0\n1,0.6,1\n"

    @Test func spelledMissingCellsAreSkippedAndCountedLikeEmptyOnes() async throws {
        let workspace = try GateWorkspace(["spelled.csv": Self.spelled, "clean.csv": Self.clean])
        let options = "task: binary\nlabel: label\nscore: score\nprediction: prediction\nmissing: skip\nmax_skipped: 100%"
        let spelled = try await workspace.run("data: spelled.csv\n" + options)
        let clean = try await workspace.run("data: clean.csv\n" + options)
        #expect(spelled.status == .pass, "\(spelled.error ?? "")")
        #expect(spelled.evidence["rows"] == 3 && spelled.evidence["skipped_rows"] == 4)
        #expect(spelled.metrics.map(\.name) == clean.metrics.map(\.name))
        #expect(spelled.metrics.map(\.value) == clean.metrics.map(\.value))
        #expect(spelled.metrics.allSatisfy { !$0.value.isNaN })
    }

    @Test func aSpelledMissingLabelStopsTheGateNamingRowAndColumn() async throws {
        let workspace = try GateWorkspace(["test.csv": "label,score\n1,0.9\nNA,0.3\n"])
        let result = try await workspace.run("data: test.csv\ntask: binary\nlabel: label\nscore: score")
        #expect(result.status == .error)
        #expect(result.oneLineError.contains("row 2") && result.oneLineError.contains("label"), "\(result.oneLineError)")
    }

    @Test func aMulticlassLabelNAIsNeverAClass() async throws {
        let workspace = try GateWorkspace(["test.csv": "label,prediction\ncat,cat\nNA,dog\ndog,dog\n<NA>,cat\n"])
        let result = try await workspace.run("data: test.csv\ntask: multiclass\nlabel: label\nprediction: prediction\nmissing: skip\nmax_skipped: 100%")
        #expect(result.evidence["skipped_rows"] == 2)
        #expect(!result.metrics.contains { $0.name.contains("NA") }, "\(result.metrics.map(\.name))")
    }

    @Test func anEmptyListMakesOnlyEmptyCellsMissing() async throws {
        let workspace = try GateWorkspace(["test.csv": "label,prediction\ncat,cat\nNA,NA\ndog,dog\n"])
        let result = try await workspace.run("data: test.csv\ntask: multiclass\nlabel: label\nprediction: prediction\nna_values: []")
        #expect(result.evidence["rows"] == 3)
        #expect(result.metrics.contains { $0.name == "recall[class=NA]" }, "\(result.metrics.map(\.name))")
    }

    @Test func aTeamsOwnSpellingIsMissingAndTheDefaultNoLonger() async throws {
        let workspace = try GateWorkspace(["test.csv": "label,score\n1,0.9\n0,?\n1,0.7\n0,0.2\n"])
        let result = try await workspace.run("data: test.csv\ntask: binary\nlabel: label\nscore: score\nmissing: skip\nmax_skipped: 100%\nna_values: ['?']")
        #expect(result.evidence["skipped_rows"] == 1 && result.evidence["rows"] == 3)
    }
}
