import GateTestSupport
import ModelGate
import Testing

/// Mistakes in the gate's options are caught by `modelgate validate`, before anything runs, and
/// point at the line and column the user wrote. Option lines start at line 6, column 5.
@Suite struct OptionValidationTests {
    let workspace: GateWorkspace

    init() throws { workspace = try GateWorkspace([:]) }

    func expectError(_ options: String, at line: Int, _ column: Int, saying words: String,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        guard let error = workspace.configError(options) else {
            Issue.record("no configuration error for:\n\(options)", sourceLocation: sourceLocation)
            return
        }
        #expect(error.description.hasPrefix("\(workspace.root)/pipeline.yml:\(line):\(column): error: "),
                "\(error)", sourceLocation: sourceLocation)
        #expect(error.message.contains(words), "\(error)", sourceLocation: sourceLocation)
    }

    @Test func anUnknownTaskListsTheTasks() {
        expectError("data: t.csv\ntask: ranking\nlabel: y\nprediction: p", at: 7, 11,
                    saying: "'task' of gate 'quality' must be one of binary, multiclass, regression, got \"ranking\"")
    }

    @Test func aBinaryTaskWithoutPredictionOrScorePointsAtTheGate() {
        expectError("data: t.csv\ntask: binary\nlabel: y", at: 4, 5, saying: "needs 'prediction'")
    }

    @Test func perClassScoresOnABinaryTaskPointAtScores() {
        expectError("data: t.csv\ntask: binary\nlabel: y\nscores: {a: pa, b: pb}", at: 9, 13,
                    saying: "'scores' is for multiclass tasks")
    }

    @Test func aScoreOnAMulticlassTaskPointsAtScore() {
        expectError("data: t.csv\ntask: multiclass\nlabel: y\nprediction: p\nscore: s", at: 10, 12,
                    saying: "'score' is for binary tasks")
    }

    @Test func aDelimiterOfTwoCharactersIsRefused() {
        expectError("data: t.csv\ndelimiter: ';;'\ntask: binary\nlabel: y\nprediction: p", at: 7, 16,
                    saying: "'delimiter' must be one character")
    }

    @Test func sliceThresholdsWithoutSliceByAreRefused() {
        expectError("data: t.csv\ntask: binary\nlabel: y\nprediction: p\nslice_thresholds: {f1: \">= 0.5\"}", at: 10, 23,
                    saying: "'slice_thresholds' needs 'slice_by'")
    }

    @Test func aSliceThresholdOnAMetricTheTaskLacksPointsAtTheMetric() {
        expectError("data: t.csv\ntask: regression\nlabel: y\nprediction: p\nslice_by: region\nslice_thresholds:\n  f1: \">= 0.5\"",
                    at: 12, 7, saying: "slice threshold on 'f1', which a regression task does not report")
    }

    @Test func aSliceThresholdThatIsNotAConditionPointsAtIt() {
        expectError("data: t.csv\ntask: binary\nlabel: y\nprediction: p\nslice_by: region\nslice_thresholds:\n  f1: high",
                    at: 12, 11, saying: "threshold for 'f1' must be a condition")
    }

    @Test func classesWithoutScoresAreRefused() {
        expectError("data: t.csv\ntask: multiclass\nlabel: y\nprediction: p\nclasses: [a, b]", at: 10, 14,
                    saying: "give 'scores' too")
    }

    @Test func anArrayColumnOfScoresNeedsClasses() {
        expectError("data: t.csv\ntask: multiclass\nlabel: y\nscores: probs", at: 9, 13, saying: "'classes' must list the classes")
    }

    @Test func aFileNameThatDoesNotTellTheFormatNeedsFormat() {
        expectError("data: t.txt\ntask: binary\nlabel: y\nprediction: p", at: 6, 11, saying: "set 'format'")
    }

    @Test func anUnknownMissingPolicyIsRefused() {
        expectError("data: t.csv\ntask: binary\nlabel: y\nprediction: p\nmissing: drop", at: 10, 14,
                    saying: "'missing' of gate 'quality' must be one of error, skip, got \"drop\"")
    }

    @Test func aPositiveClassMustBeOneValue() {
        expectError("data: t.csv\ntask: binary\nlabel: y\nprediction: p\npositive: [1, 2]", at: 10, 15,
                    saying: "'positive' must be one label")
    }

    @Test func aPredictionsFileNeedsItsIdColumn() {
        expectError("data: t.csv\npredictions: p.csv\ntask: binary\nlabel: y\nscore: s", at: 7, 18,
                    saying: "set 'id_column'")
    }

    @Test func anIdColumnWithoutAPredictionsFileIsTheShardKey() throws {
        let workspace = try GateWorkspace([:])
        let error = workspace.configError("data: t.csv\nid_column: id\ntask: binary\nlabel: y\nscore: s")
        #expect(error == nil, "\(error?.description ?? "")")
    }

    @Test func scoreColumnsMustNameDistinctClasses() {
        expectError("data: t.csv\ntask: multiclass\nlabel: y\nscores: {1: a, 1.0: b}", at: 9, 13,
                    saying: "names a class twice")
    }

    @Test func aMisspelledChoiceSuggestsTheNearestWord() {
        expectError("data: t.csv\ntask: binray\nlabel: y\nprediction: p", at: 7, 11, saying: "did you mean 'binary'?")
    }

    @Test func numbersOutsideTheirDeclaredRangeAreRefused() {
        expectError("data: t.csv\ntask: binary\nlabel: y\nprediction: p\nmin_rows: 0", at: 10, 15, saying: "must be at least 1, got 0")
        expectError("data: t.csv\ntask: binary\nlabel: y\nprediction: p\nbootstrap: 10001", at: 10, 16, saying: "must be 0 to 10000")
        expectError("data: t.csv\ntask: binary\nlabel: y\nprediction: p\nseed: -1", at: 10, 11, saying: "must be at least 0")
    }

    @Test func nonFiniteNumbersAreNeverSettings() {
        for value in [".inf", "-.inf", ".nan"] {
            expectError("data: t.csv\ntask: binary\nlabel: y\nscore: s\nthreshold: \(value)", at: 10, 16,
                        saying: "'threshold' of gate 'quality' must be a finite number")
        }
    }

    @Test func aListWithANestedItemIsRefusedNotFiltered() {
        expectError("data: t.csv\ntask: multiclass\nlabel: y\nscores: probs\nclasses: [a, [b], c]", at: 10, 14,
                    saying: "'classes' of gate 'quality' must be a list of strings")
        expectError("data: t.csv\ntask: binary\nlabel: y\nscore: s\nna_values: [NA, {x: 1}]", at: 10, 16,
                    saying: "'na_values' of gate 'quality' must be a list of strings")
    }

    @Test func aSensibleGateReadsWithoutError() {
        #expect(workspace.configError("data: t.csv\ntask: binary\nlabel: y\nscore: s\npositive: true\nslice_by: r\nslice_thresholds: {recall: \">= 0.5\"}") == nil)
    }
}
