import GateTestSupport
import ModelGate
import Testing

/// Predictions in a separate file, joined to the test set by an id column: the join gives the same
/// metrics as one file would; every row needs exactly one prediction, and anything else is counted
/// and stops the gate (or is skipped and counted with `missing: skip`).
@Suite struct PredictionsJoinTests {
    static let together = "id,region,label,score\na1,n,1,0.9\na2,n,0,0.6\na3,s,1,0.4\na4,s,0,0.2\na5,s,1,0.7\na6,n,0,0.1\n"
    static let labels = "id,region,label\na1,n,1\na2,n,0\na3,s,1\na4,s,0\na5,s,1\na6,n,0\n"
    /// The same scores, in another order, as JSON Lines.
    static let scores = """
        {"id": "a5", "score": 0.7}
        {"id": "a1", "score": 0.9}
        {"id": "a6", "score": 0.1}
        {"id": "a3", "score": 0.4}
        {"id": "a2", "score": 0.6}
        {"id": "a4", "score": 0.2}

        """
    static let binary = "task: binary\nlabel: label\nscore: score\nslice_by: region\nmin_slice_rows: 1\nthresholds:\n  f1_gap: \"<= 0.99\""
    static let joined = "data: labels.csv\npredictions: scores.jsonl\nid_column: id\n" + binary

    @Test func joinedPredictionsGiveTheMetricsOfOneFile() async throws {
        let workspace = try GateWorkspace(["together.csv": Self.together, "labels.csv": Self.labels, "scores.jsonl": Self.scores])
        let joined = try await workspace.run(Self.joined)
        let together = try await workspace.run("data: together.csv\n" + Self.binary)
        #expect(joined.status == .pass, "\(joined.error ?? "")")
        #expect(joined.metrics.map(\.name) == together.metrics.map(\.name))
        #expect(joined.metrics.map(\.value) == together.metrics.map(\.value))
        #expect(joined.evidence["rows"] == 6 && joined.evidence["unmatched_rows"] == 0 && joined.evidence["unmatched_predictions"] == 0)
    }

    @Test func unmatchedIdsOnBothSidesAreAnErrorWithBothCounts() async throws {
        let workspace = try GateWorkspace([
            "labels.csv": Self.labels + "a7,n,1\na8,s,0\n",
            "scores.jsonl": Self.scores + "{\"id\": \"z1\", \"score\": 0.5}\n",
        ])
        let report = try await workspace.report(Self.joined)
        #expect(report.verdict.exitCode == .couldNotRun)
        let error = report.gates[0].oneLineError
        #expect(error.contains("labels.csv to \(workspace.root)/scores.jsonl on 'id'"), "\(error)")
        #expect(error.contains("2 rows have no prediction (the first: row 7, id \"a7\")"), "\(error)")
        #expect(error.contains("1 prediction matches no row (the first: id \"z1\")"), "\(error)")
    }

    @Test func aRowWithoutAPredictionIsAnErrorEvenWhenEveryPredictionMatched() async throws {
        let workspace = try GateWorkspace(["labels.csv": Self.labels + "a7,n,1\n", "scores.jsonl": Self.scores])
        let error = try await workspace.run(Self.joined).oneLineError
        #expect(error.contains("1 row has no prediction") && error.contains("0 predictions match no row"), "\(error)")
    }

    @Test func skippingCountsUnmatchedIdsAndJoinsTheRest() async throws {
        let workspace = try GateWorkspace([
            "labels.csv": "id,region,label\nx0,n,1\n" + Self.labels.dropFirst("id,region,label\n".count) + "a7,n,1\n",
            "scores.jsonl": Self.scores + "{\"id\": \"z1\", \"score\": 0.5}\n",
            "together.csv": Self.together,
        ])
        let skipped = try await workspace.run(Self.joined + "\nmissing: skip\nmax_skipped: 100%")
        let together = try await workspace.run("data: together.csv\n" + Self.binary)
        #expect(skipped.status == .pass, "\(skipped.error ?? "")")
        #expect(skipped.evidence["rows"] == 6 && skipped.evidence["skipped_rows"] == 2)
        #expect(skipped.evidence["unmatched_rows"] == 2 && skipped.evidence["unmatched_predictions"] == 1)
        #expect(skipped.metrics.map(\.value) == together.metrics.map(\.value))
    }

    @Test func aRepeatedIdInThePredictionsNamesItsRow() async throws {
        let workspace = try GateWorkspace(["labels.csv": Self.labels, "scores.jsonl": Self.scores + "{\"id\": \"a1\", \"score\": 0.3}\n"])
        let error = try await workspace.run(Self.joined + "\nmissing: skip\nmax_skipped: 100%").oneLineError
        #expect(error.contains("scores.jsonl:row 7 (line 7), field 'id': id \"a1\" appears more than once"), "\(error)")
    }

    @Test func aRepeatedIdInTheDataNamesItsRow() async throws {
        let workspace = try GateWorkspace(["labels.csv": Self.labels + "a2,s,1\n", "scores.jsonl": Self.scores])
        let error = try await workspace.run(Self.joined).oneLineError
        #expect(error.contains("labels.csv:row 7 (line 8), column 'id': id \"a2\" appears more than once in the data"), "\(error)")
    }

    @Test func aLongIdIsMaskedInMessages() async throws {
        let workspace = try GateWorkspace(["labels.csv": Self.labels + "jane.doe@example.com,n,1\n", "scores.jsonl": Self.scores])
        let error = try await workspace.run(Self.joined).oneLineError
        #expect(error.contains("id \"jane***\"") && !error.contains("example"), "\(error)")
    }

    @Test func aMissingIdIsAnErrorOrSkippedAndCounted() async throws {
        let workspace = try GateWorkspace(["labels.csv": Self.labels, "scores.jsonl": Self.scores + "{\"id\": null, \"score\": 0.3}\n"])
        let error = try await workspace.run(Self.joined).oneLineError
        #expect(error.contains("scores.jsonl:row 7 (line 7), field 'id': missing id"), "\(error)")
        let skipped = try await workspace.run(Self.joined + "\nmissing: skip\nmax_skipped: 100%")
        #expect(skipped.status == .pass && skipped.evidence["skipped_prediction_rows"] == 1 && skipped.evidence["rows"] == 6)
    }

    @Test func aMissingPredictionSkipsItsRowWithoutLeavingItUnmatched() async throws {
        let workspace = try GateWorkspace(["labels.csv": Self.labels,
                                           "scores.jsonl": Self.scores.replacingOccurrences(of: "0.9", with: "null")])
        let error = try await workspace.run(Self.joined).oneLineError
        #expect(error.contains("scores.jsonl:row 2 (line 2), field 'score': missing value"), "\(error)")
        let skipped = try await workspace.run(Self.joined + "\nmissing: skip\nmax_skipped: 100%")
        #expect(skipped.evidence["rows"] == 5 && skipped.evidence["skipped_rows"] == 1)
        #expect(skipped.evidence["unmatched_rows"] == 0 && skipped.evidence["unmatched_predictions"] == 0)
    }

    @Test func idsCompareAsTheTextTheyAreWritten() async throws {
        // The CSV cell 7 and the JSON number 7 are the same id.
        let workspace = try GateWorkspace(["labels.csv": "id,label\n7,1\n8,0\n",
                                           "scores.jsonl": "{\"id\": 8, \"score\": 0.3}\n{\"id\": 7, \"score\": 0.8}\n"])
        let result = try await workspace.run("data: labels.csv\npredictions: scores.jsonl\nid_column: id\ntask: binary\nlabel: label\nscore: score")
        #expect(result.status == .pass && result.metric("accuracy") == 1, "\(result.error ?? "")")
    }

    @Test func aColumnMissingFromThePredictionsFileNamesThatFile() async throws {
        let workspace = try GateWorkspace(["labels.csv": Self.labels, "preds.csv": "id,p\na1,0.9\n"])
        let error = try await workspace.run("data: labels.csv\npredictions: preds.csv\nid_column: id\ntask: binary\nlabel: label\nscore: score").oneLineError
        #expect(error.contains("preds.csv:line 1: no column 'score'") && error.contains("'id', 'p'"), "\(error)")
    }

    @Test func multiclassScoreArraysAndPredictedLabelsJoin() async throws {
        let workspace = try GateWorkspace([
            "labels.csv": "id,label\n1,cat\n2,dog\n3,bird\n4,cat\n",
            "out.jsonl": """
                {"id": 4, "label": "dog", "probs": [0.4, 0.5, 0.1]}
                {"id": 1, "label": "cat", "probs": [0.7, 0.2, 0.1]}
                {"id": 3, "label": "bird", "probs": [0.2, 0.2, 0.6]}
                {"id": 2, "label": "dog", "probs": [0.3, 0.6, 0.1]}

                """,
        ])
        let result = try await workspace.run("""
            data: labels.csv
            predictions: out.jsonl
            id_column: id
            task: multiclass
            label: label
            prediction: label
            scores: probs
            classes: [cat, dog, bird]
            """)
        #expect(result.status == .pass, "\(result.error ?? "")")
        #expect(close(result.metric("accuracy"), 3.0 / 4.0) && close(result.metric("recall[class=cat]"), 0.5))
        #expect(close(result.metric("precision[class=dog]"), 0.5) && result.metric("roc_auc") != nil)
    }

    @Test func regressionPredictionsJoinFromAFileOfTheDataFormat() async throws {
        // No extension tells the predictions' format, so it is the data's (CSV, ';' here).
        let workspace = try GateWorkspace(["truth.csv": "id;y\nr1;1.0\nr2;2.0\nr3;4.0\n", "model.out": "id;yhat\nr3;3.0\nr1;1.5\nr2;2.0\n"])
        let result = try await workspace.run("data: truth.csv\ndelimiter: ';'\npredictions: model.out\nid_column: id\ntask: regression\nlabel: y\nprediction: yhat")
        #expect(close(result.metric("mae"), 0.5) && close(result.metric("max_error"), 1), "\(result.error ?? "")")
    }
}
