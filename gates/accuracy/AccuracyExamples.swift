import ModelGate

/// The accuracy gate's worked examples: documentation in `modelgate gates accuracy` and the
/// README, and tests (every example runs and must end as it says). Values are exact fractions.
enum AccuracyExamples {
    static let all: [GateExample] = [binaryScores, multiclassLabels, regression, slices, joinedPredictions, missingValue, unmatchedIDs,
                                     tinyTestSet, metricOfAnotherTask, labelAsScore, thresholdThatCannotFail]

    static let tinyTestSet = GateExample(
        "Three right answers out of three do not pass by luck: inconclusive",
        yaml: """
        id: quality
        type: accuracy
        data: test.csv
        task: binary
        label: defaulted
        prediction: predicted
        thresholds:
          accuracy: ">= 0.95"
        """,
        files: ["test.csv": "defaulted,predicted\n1,1\n0,0\n1,1\n"],
        expect: .inconclusive, metrics: ["accuracy": 1])

    static let metricOfAnotherTask = GateExample(
        "A threshold on a metric the task does not report is refused",
        yaml: """
        id: species
        type: accuracy
        data: predictions.csv
        task: multiclass
        label: label
        prediction: prediction
        thresholds:
          pr_auc: ">= 0.8"
        """,
        files: ["predictions.csv": "label,prediction\ncat,cat\ndog,dog\n"],
        rejectedSaying: "does not report a metric 'pr_auc' as configured")

    static let labelAsScore = GateExample(
        "The label column read as the model's score is refused",
        yaml: """
        id: quality
        type: accuracy
        data: test.csv
        task: binary
        label: defaulted
        score: defaulted
        thresholds:
          roc_auc: ">= 0.9"
        """,
        files: ["test.csv": "defaulted,score\n1,0.9\n0,0.2\n"],
        rejectedSaying: "'score' reads the model's output from 'defaulted', the same column as 'label'")

    static let thresholdThatCannotFail = GateExample(
        "A threshold that no value can fail is refused",
        yaml: """
        id: quality
        type: accuracy
        data: test.csv
        task: binary
        label: defaulted
        score: score
        thresholds:
          accuracy: "< 150%"
        """,
        files: ["test.csv": "defaulted,score\n1,0.9\n0,0.2\n"],
        rejectedSaying: "threshold for 'accuracy' decides nothing")

    static let binaryScores = GateExample(
        "Binary classification from scores",
        yaml: """
        id: quality
        type: accuracy
        data: test.csv
        task: binary
        label: defaulted
        score: score
        decide: point
        thresholds:
          accuracy: ">= 0.8"
          roc_auc: ">= 0.85"
        """,
        files: ["test.csv": "id,defaulted,score\n1,1,0.9\n2,0,0.2\n3,1,0.7\n4,0,0.4\n5,1,0.35\n6,0,0.1\n"],
        expect: .pass, metrics: ["accuracy": 5.0 / 6.0, "roc_auc": 8.0 / 9.0, "recall": 2.0 / 3.0, "precision": 1.0])

    static let multiclassLabels = GateExample(
        "Multiclass with string labels, failing its threshold",
        yaml: """
        id: species
        type: accuracy
        data: predictions.csv
        task: multiclass
        label: label
        prediction: prediction
        decide: point
        thresholds:
          accuracy: ">= 0.8"
        """,
        files: ["predictions.csv": "label,prediction\ncat,cat\ncat,dog\ndog,dog\nbird,bird\nbird,cat\ndog,dog\n"],
        expect: .fail, metrics: ["accuracy": 4.0 / 6.0, "recall[class=cat]": 0.5, "precision[class=dog]": 2.0 / 3.0])

    static let regression = GateExample(
        "Regression from JSON Lines, by dotted path",
        yaml: """
        id: price
        type: accuracy
        data: predictions.jsonl
        task: regression
        label: truth.price
        prediction: output.price
        decide: point
        thresholds:
          mae: "<= 0.6"
          max_error: "< 1"
        """,
        files: ["predictions.jsonl": """
        {"truth": {"price": 1.0}, "output": {"price": 1.5}}
        {"truth": {"price": 2.0}, "output": {"price": 1.5}}
        {"truth": {"price": 3.0}, "output": {"price": 3.5}}

        """],
        expect: .pass, metrics: ["mae": 0.5, "mse": 0.25, "max_error": 0.5])

    static let slices = GateExample(
        "Per-slice thresholds and the gap between slices",
        yaml: """
        id: fairness
        type: accuracy
        data: test.csv
        task: binary
        label: label
        prediction: prediction
        slice_by: region
        min_slice_rows: 2
        slice_thresholds:
          recall: ">= 0.5"
        thresholds:
          recall_gap: "<= 0.25"
        """,
        files: ["test.csv": """
        region,label,prediction
        north,1,1
        north,1,1
        north,0,0
        south,1,1
        south,1,0
        south,0,1
        east,1,0

        """],
        expect: .fail, metrics: ["recall[region=north]": 1.0, "recall[region=south]": 0.5, "recall_gap": 0.5])

    static let missingValue = GateExample(
        "A missing score stops the gate (exit 3), naming file, row and column",
        yaml: """
        id: quality
        type: accuracy
        data: test.csv
        task: binary
        label: label
        score: score
        """,
        files: ["test.csv": "label,score\n1,0.9\n0,\n"],
        expect: .error)

    static let joinedPredictions = GateExample(
        "Predictions in a separate file, joined to the labels by id",
        yaml: """
        id: quality
        type: accuracy
        data: labels.csv
        predictions: scores.jsonl
        id_column: customer
        task: binary
        label: defaulted
        score: score
        decide: point
        thresholds:
          accuracy: ">= 0.8"
        """,
        files: [
            "labels.csv": "customer,defaulted\nc1,1\nc2,0\nc3,1\nc4,0\nc5,1\n",
            "scores.jsonl": """
            {"customer": "c3", "score": 0.7}
            {"customer": "c1", "score": 0.9}
            {"customer": "c5", "score": 0.35}
            {"customer": "c4", "score": 0.4}
            {"customer": "c2", "score": 0.2}

            """,
        ],
        expect: .pass, metrics: ["accuracy": 4.0 / 5.0, "recall": 2.0 / 3.0, "roc_auc": 5.0 / 6.0])

    static let unmatchedIDs = GateExample(
        "Ids without a match stop the gate (exit 3), with the counts on both sides",
        yaml: """
        id: quality
        type: accuracy
        data: labels.csv
        predictions: predictions.csv
        id_column: id
        task: binary
        label: label
        prediction: prediction
        """,
        files: ["labels.csv": "id,label\n1,1\n2,0\n3,1\n",
                "predictions.csv": "id,prediction\n1,1\n2,0\n4,1\n"],
        expect: .error)
}
