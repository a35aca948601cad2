import GateTestSupport
import ModelGate
import Testing

/// `modelgate validate` refuses a threshold on a metric the configured gate cannot report (its
/// task, scores and slices decide which), and a condition that no possible value can pass or fail.
@Suite struct ThresholdValidationTests {
    let workspace: GateWorkspace
    init() throws { workspace = try GateWorkspace([:]) }

    static let binary = "data: t.csv\ntask: binary\nlabel: y\nscore: s"
    static let binaryLabelsOnly = "data: t.csv\ntask: binary\nlabel: y\nprediction: p"
    static let multiclass = "data: t.csv\ntask: multiclass\nlabel: y\nprediction: p"
    static let regression = "data: t.csv\ntask: regression\nlabel: y\nprediction: p"

    /// The error for these options plus one threshold; nil when they are valid.
    func thresholdError(_ options: String, _ metric: String, _ condition: String) -> ConfigError? {
        workspace.configError(options + "\nthresholds:\n  \(metric): \"\(condition)\"")
    }

    @Test(arguments: [
        (multiclass, "pr_auc"), (multiclass, "f1"), (multiclass, "tp"), (multiclass, "roc_auc"), (regression, "accuracy"),
        (binary, "f1_macro"), (binary, "r2"), (binaryLabelsOnly, "roc_auc"), (binaryLabelsOnly, "log_loss"),
        (binary, "f1_gap"), (binary, "demographic_parity_difference"), (regression, "f1[class=a]"),
    ])
    func aMetricTheConfiguredGateDoesNotReportIsRefusedWithTheValidNames(options: String, metric: String) throws {
        let error = try #require(thresholdError(options, metric, ">= 0.5"), "\(metric) was accepted")
        let line = options.split(separator: "\n").count + GateWorkspace.firstOptionLine + 1
        #expect(error.description.contains("pipeline.yml:\(line):7: error: "), "\(error)")
        #expect(error.message.contains("does not report a metric '\(metric)'"), "\(error)")
        #expect(error.message.contains("(it reports: "), "\(error)")
    }

    @Test(arguments: [
        (multiclass, "f1[class=cat]"), (multiclass, "f1_macro"), (binary, "roc_auc"), (binary, "pr_auc"),
        (regression, "r2"), (binaryLabelsOnly, "accuracy"),
        (binary + "\nslice_by: region", "f1_gap"), (binary + "\nslice_by: region", "demographic_parity_difference"),
        (regression + "\nslice_by: region", "mae_gap"), (binary + "\nslice_by: region", "recall[region=north]"),
        ("data: t.csv\ntask: multiclass\nlabel: y\nscores: {a: pa, b: pb}", "roc_auc"),
    ])
    func aMetricTheGateReportsIsAccepted(options: String, metric: String) {
        #expect(thresholdError(options, metric, ">= 0.5") == nil, "\(thresholdError(options, metric, ">= 0.5")?.description ?? "")")
    }

    @Test func gapsOfMetricsOfAnotherTaskAreRefused() {
        #expect(thresholdError(Self.regression + "\nslice_by: region", "f1_gap", "<= 0.1") != nil)
        #expect(thresholdError(Self.multiclass + "\nslice_by: region", "demographic_parity_difference", "<= 0.1") != nil)
    }

    @Test(arguments: [
        ("accuracy", "< 150%"), ("accuracy", ">= -1e300"), ("accuracy", ">= 0"), ("accuracy", "> 1"), ("accuracy", "<= 1"),
        ("accuracy", "== 2"), ("accuracy", "!= 5"), ("accuracy", "> -0.5"), ("recall", "< 0"), ("log_loss", ">= 0"),
        ("log_loss", "< 0"), ("mcc", ">= -1"), ("mcc", "> 1"), ("tp", ">= 0"), ("roc_auc", "<= 100%"),
        ("accuracy", ">= 1e300"), ("brier", ">= baseline * 1e300"),
    ])
    func aConditionThatCannotDecideIsRefused(metric: String, condition: String) throws {
        let error = try #require(thresholdError(Self.binary, metric, condition), "\(metric): \(condition) was accepted")
        #expect(error.message.contains("threshold for '\(metric)' decides nothing"), "\(error)")
    }

    @Test(arguments: [
        ("r2", ">= -1e300"), ("mae", "< 0"), ("max_error", "<= -1"), ("rmse", ">= 0"),
    ])
    func regressionConditionsThatCannotDecideAreRefused(metric: String, condition: String) throws {
        let error = try #require(thresholdError(Self.regression, metric, condition), "\(metric): \(condition) was accepted")
        #expect(error.message.contains("decides nothing"), "\(error)")
    }

    @Test(arguments: [
        ("accuracy", ">= 0.9"), ("accuracy", "== 1"), ("accuracy", "> 0"), ("accuracy", "< 1"), ("mcc", "> -1"),
        ("mcc", ">= -0.5"), ("log_loss", "<= 0.35"), ("tp", ">= 10"), ("f1", ">= baseline - 0.01"),
    ])
    func aConditionThatCanGoEitherWayIsAccepted(metric: String, condition: String) {
        let validated = condition.contains("baseline")
            ? workspace.configError(Self.binary + "\nthresholds:\n  \(metric): \"\(condition)\"", hasBaseline: true)
            : thresholdError(Self.binary, metric, condition)
        #expect(validated == nil, "\(validated?.description ?? "")")
    }

    @Test func regressionR2MayBeAnyNegativeNumberButNotAboveOne() {
        #expect(thresholdError(Self.regression, "r2", ">= -5") == nil)
        #expect(thresholdError(Self.regression, "r2", "> 1") != nil)
    }

    @Test func sliceThresholdsThatCannotDecideAreRefused() {
        let options = Self.binary + "\nslice_by: region\nslice_thresholds:\n  recall: \">= 0\""
        #expect(workspace.configError(options)?.message.contains("decides nothing") == true)
    }
}
