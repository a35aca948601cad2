import GateTestSupport
import ModelGate
import Testing

/// Multiclass scores come as one column per class or as one column of arrays ordered by `classes`;
/// both give the same metrics, including per-class ones.
@Suite struct MulticlassScoresTests {
    // Rows 4 and 6 are wrong (argmax dog for a cat, cat for a bird); every row sums to 1.
    static let columns = """
        label,p_cat,p_dog,p_bird
        cat,0.7,0.2,0.1
        dog,0.3,0.6,0.1
        bird,0.2,0.2,0.6
        cat,0.4,0.5,0.1
        dog,0.1,0.8,0.1
        bird,0.5,0.1,0.4

        """
    static let arrays = """
        label,probs
        cat,"[0.7, 0.2, 0.1]"
        dog,"[0.3, 0.6, 0.1]"
        bird,"[0.2, 0.2, 0.6]"
        cat,"[0.4, 0.5, 0.1]"
        dog,"[0.1, 0.8, 0.1]"
        bird,"[0.5, 0.1, 0.4]"

        """

    /// By hand: accuracy 4/6; one-vs-rest AUC cat 7/8, dog 1, bird 1, so the macro is 23/24.
    static let expected: [String: Double] = [
        "accuracy": 4.0 / 6.0, "roc_auc": 23.0 / 24.0,
        "precision[class=cat]": 0.5, "recall[class=cat]": 0.5,
        "precision[class=dog]": 2.0 / 3.0, "recall[class=dog]": 1,
        "precision[class=bird]": 1, "recall[class=bird]": 0.5, "f1[class=bird]": 2.0 / 3.0,
    ]

    func expectHandComputedMetrics(_ result: GateResult) {
        #expect(result.status == .pass, "\(result.error ?? "")")
        for (name, value) in Self.expected {
            #expect(close(result.metric(name), value), "\(name): \(result.metric(name) ?? .nan)")
        }
    }

    @Test func scoresMappedClassByClassToColumns() async throws {
        let workspace = try GateWorkspace(["test.csv": Self.columns])
        expectHandComputedMetrics(try await workspace.run("""
            data: test.csv
            task: multiclass
            label: label
            scores: {cat: p_cat, dog: p_dog, bird: p_bird}
            decide: point
            thresholds:
              roc_auc: ">= 0.9"
            """))
    }

    @Test func scoresAsOneArrayColumnInTheOrderOfClasses() async throws {
        let workspace = try GateWorkspace(["test.csv": Self.arrays])
        expectHandComputedMetrics(try await workspace.run("data: test.csv\ntask: multiclass\nlabel: label\nscores: probs\nclasses: [cat, dog, bird]"))
    }

    @Test func scoresAsJSONArraysInJSONLines() async throws {
        let lines = Self.arrays.split(separator: "\n").dropFirst().map { line -> String in
            let parts = line.split(separator: ",", maxSplits: 1)
            return "{\"y\": \"\(parts[0])\", \"out\": {\"probs\": \(parts[1].dropFirst().dropLast())}}"
        }
        let workspace = try GateWorkspace(["test.jsonl": lines.joined(separator: "\n") + "\n"])
        expectHandComputedMetrics(try await workspace.run("data: test.jsonl\ntask: multiclass\nlabel: y\nscores: out.probs\nclasses: [cat, dog, bird]"))
    }

    @Test func anArrayOfTheWrongLengthNamesRowColumnAndTheExpectedLength() async throws {
        let workspace = try GateWorkspace(["test.csv": "label,probs\ncat,\"[0.7, 0.2, 0.1]\"\ndog,\"[0.3, 0.7]\"\n"])
        let error = try await workspace.run("data: test.csv\ntask: multiclass\nlabel: label\nscores: probs\nclasses: [cat, dog, bird]").oneLineError
        #expect(error.contains("test.csv:row 2 (line 3), column 'probs': expected 3 scores") && error.contains("got 2"), "\(error)")
    }

    @Test func anArrayWithANonNumberNamesRowAndColumn() async throws {
        let workspace = try GateWorkspace(["test.csv": "label,probs\ncat,\"[0.7, x, 0.1]\"\n"])
        let error = try await workspace.run("data: test.csv\ntask: multiclass\nlabel: label\nscores: probs\nclasses: [cat, dog, bird]").oneLineError
        #expect(error.contains("test.csv:row 1 (line 2), column 'probs'"), "\(error)")
    }

    @Test func predictedLabelsGivePerClassMetricsWithoutScores() async throws {
        let workspace = try GateWorkspace(["test.csv": "label,prediction\n2,2\n2,1\n1,1\n0,0\n0,2\n"])
        let result = try await workspace.run("data: test.csv\ntask: multiclass\nlabel: label\nprediction: prediction")
        #expect(close(result.metric("accuracy"), 3.0 / 5.0))
        #expect(close(result.metric("precision[class=2]"), 0.5) && close(result.metric("recall[class=2]"), 0.5))
        #expect(close(result.metric("precision[class=1]"), 0.5) && close(result.metric("recall[class=1]"), 1))
        #expect(result.metric("roc_auc") == nil, "no scores, no AUC")
    }
}
