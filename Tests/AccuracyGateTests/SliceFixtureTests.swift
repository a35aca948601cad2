import Foundation
import GateTestSupport
import ModelGate
import Testing

/// One slice case written by Tests/Scripts/make-accuracy-fixtures.py: rows with a `group` column,
/// scikit-learn's metrics per group, and the gaps and fairness differences over the judged groups.
struct SliceFixture: Decodable {
    struct Slice: Decodable {
        var name: String
        var rows: Int
        var judged: Bool
        /// nil: scikit-learn gives NaN or refuses the group's rows, so the gate reports no value.
        var metrics: [String: Double?]
    }

    struct Rows: Decodable {
        var group: [String]
        var label: [MetricFixture.Label]
        var prediction: [MetricFixture.Label]?
        var score: [Double]?
        var scores: [[Double]]?
    }

    var `case`: String
    var task: String
    var classes: [MetricFixture.Label]
    var slice_by: String
    var min_slice_rows: Int
    var rows: Rows
    var slices: [Slice]
    /// The metrics on all rows, `<metric>_gap` for every per-group metric, and (binary) the fairness differences.
    var expected: [String: Double?]

    static func load(_ name: String) throws -> SliceFixture {
        let data = try Data(contentsOf: MetricFixture.directory.appendingPathComponent(name + ".json"))
        return try JSONDecoder().decode(SliceFixture.self, from: data)
    }

    /// The per-group metric names (every group has the same), sorted.
    var metricNames: [String] { slices[0].metrics.keys.sorted() }

    /// Metrics every judged group defines: these can be checked per slice (an undefined one stops the gate).
    var definedInJudgedSlices: [String] {
        metricNames.filter { name in slices.filter(\.judged).allSatisfy { $0.metrics[name].flatMap { $0 } != nil } }
    }

    var scoreColumns: [String] { classes.map { "p_\($0.text)" } }

    /// The rows as a CSV file: group, label, then the prediction, score or one column per class score.
    var csv: String {
        var header = [slice_by, "label"]
        if rows.prediction != nil { header.append("prediction") }
        if rows.score != nil { header.append("score") }
        if rows.scores != nil { header += scoreColumns }
        var lines = [header.joined(separator: ",")]
        for index in rows.group.indices {
            var fields = [rows.group[index], rows.label[index].text]
            if let prediction = rows.prediction { fields.append(prediction[index].text) }
            if let score = rows.score { fields.append("\(score[index])") }
            if let scores = rows.scores { fields += scores[index].map { "\($0)" } }
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The gate's options: a slice threshold on every metric the judged groups define, and one on
    /// every gap and fairness difference, so every value is reported and checked. `!= 0.123456789`
    /// is a real condition (validate refuses one no value could fail) that these values all pass.
    func options(sliceThresholds: [String]? = nil) -> String {
        var lines = ["data: test.csv", "task: \(task)", "label: label"]
        if rows.prediction != nil { lines.append("prediction: prediction") }
        if rows.score != nil { lines.append("score: score") }
        if rows.scores != nil {
            let mapping = zip(classes, scoreColumns).map { "\($0.text): \($1)" }.joined(separator: ", ")
            lines.append("scores: {\(mapping)}")
        }
        lines += ["slice_by: \(slice_by)", "min_slice_rows: \(min_slice_rows)", "slice_thresholds:"]
        lines += (sliceThresholds ?? definedInJudgedSlices).map { "  \($0): \"!= 0.123456789\"" }
        lines.append("thresholds:")
        lines += gatedNames.map { "  \($0): \"!= 0.123456789\"" }
        return lines.joined(separator: "\n")
    }

    /// Gaps and fairness differences: every expected value that is not a metric on all rows.
    var gatedNames: [String] {
        expected.keys.filter { !metricNames.contains($0) }.sorted()
    }

    func sliceMetric(_ metric: String, _ slice: String) -> String { "\(metric)[\(slice_by)=\(slice)]" }
}

extension MetricFixture.Label {
    /// As a CSV field: integral numbers without a fraction (labels 0/1, not 0.0/1.0).
    var text: String {
        switch self {
        case let .number(value): return value == value.rounded() ? String(Int(value)) : "\(value)"
        case let .text(value): return value
        }
    }
}

/// The gate's per-slice metrics, gaps and fairness differences against scikit-learn's values for
/// the same rows, run through the real gate (CSV, options, slices, checks).
@Suite struct SliceFixtureTests {
    static let cases = ["slices_binary", "slices_multiclass"]

    func run(_ fixture: SliceFixture, options: String? = nil) async throws -> GateResult {
        let workspace = try GateWorkspace(["test.csv": fixture.csv])
        return try await workspace.run(options ?? fixture.options())
    }

    @Test(arguments: cases)
    func everyReportedValueMatchesScikitLearn(_ name: String) async throws {
        let fixture = try SliceFixture.load(name)
        let result = try await run(fixture)
        #expect(result.error == nil, "\(name): \(result.error ?? "")")
        #expect(result.status == .pass, "\(name): \(result.summary)")

        func expectAgrees(_ metric: String, _ expected: Double?) {
            let actual = result.metric(metric)
            if let expected {
                #expect(actual.map { agreesWithScikitLearn($0, expected) } == true,
                        "\(name): \(metric) = \(actual.map { "\($0)" } ?? "not reported"), scikit-learn \(expected)")
            } else {
                #expect(actual == nil, "\(name): \(metric) = \(String(describing: actual)), scikit-learn: undefined")
            }
        }
        // Overall metrics, gaps over the judged groups, fairness differences.
        for (metric, expected) in fixture.expected.sorted(by: { $0.key < $1.key }) {
            expectAgrees(metric, expected)
        }
        // Every group's metrics, the small group's too.
        var sliceNames: Set<String> = []
        for slice in fixture.slices {
            for (metric, expected) in slice.metrics.sorted(by: { $0.key < $1.key }) {
                expectAgrees(fixture.sliceMetric(metric, slice.name), expected)
                if expected != nil { sliceNames.insert(fixture.sliceMetric(metric, slice.name)) }
            }
        }
        let reported = Set(result.metrics.map(\.name).filter { $0.contains("[\(fixture.slice_by)=") })
        #expect(reported == sliceNames, """
            \(name): reported per group but not expected: \(reported.subtracting(sliceNames)); \
            expected but not reported: \(sliceNames.subtracting(reported))
            """)
        // Each gated value was checked against the value it reports.
        for check in result.checks {
            #expect(check.actual == result.metric(check.metric), "\(name): check \(check.metric)")
        }
    }

    @Test(arguments: cases)
    func smallGroupsAreReportedButNotJudged(_ name: String) async throws {
        let fixture = try SliceFixture.load(name)
        let small = fixture.slices.filter { !$0.judged }
        let judged = fixture.slices.filter(\.judged)
        #expect(small.count == 1 && judged.count >= 3, "\(name): the fixture should have one small group")
        let result = try await run(fixture)

        for slice in fixture.slices {
            #expect(result.evidence["rows[\(fixture.slice_by)=\(slice.name)]"] == slice.rows, "\(name): rows of \(slice.name)")
        }
        #expect(result.evidence["slices"] == fixture.slices.count)
        #expect(result.evidence["slices_judged"] == judged.count)
        for slice in small {
            #expect(result.metric(fixture.sliceMetric("accuracy", slice.name)) != nil, "\(name): \(slice.name) is reported")
            #expect(result.log?.contains("slice \(fixture.slice_by)=\(slice.name) has \(slice.rows) rows") == true)
        }

        let expectedChecks = Set(judged.flatMap { slice in fixture.definedInJudgedSlices.map { fixture.sliceMetric($0, slice.name) } })
            .union(fixture.gatedNames)
        let checked = Set(result.checks.map(\.metric))
        #expect(checked == expectedChecks, """
            \(name): unexpected checks \(checked.subtracting(expectedChecks)), \
            missing \(expectedChecks.subtracting(checked))
            """)
        #expect(result.checks.count == expectedChecks.count, "\(name): one check each")
    }

    @Test func fairnessDifferencesAreBinaryOnly() async throws {
        let binary = try SliceFixture.load("slices_binary")
        #expect(binary.expected["demographic_parity_difference"]??.isFinite == true)
        #expect(binary.expected["equal_opportunity_difference"]??.isFinite == true)
        let multiclass = try SliceFixture.load("slices_multiclass")
        let result = try await run(multiclass)
        #expect(result.error == nil)
        #expect(result.metric("demographic_parity_difference") == nil && result.metric("equal_opportunity_difference") == nil)
    }

    /// The binary case's group d is judged but has no positives: equal opportunity leaves it out, the
    /// recall gap does not, and a per-slice threshold on its undefined roc_auc stops the gate.
    @Test func aJudgedGroupWithoutPositives() async throws {
        let fixture = try SliceFixture.load("slices_binary")
        let withoutPositives = try #require(fixture.slices.first { $0.judged && $0.metrics["tp"]! == 0 && $0.metrics["fn"]! == 0 })
        #expect(withoutPositives.metrics["roc_auc"]! == nil)
        #expect(fixture.expected["recall_gap"]!! != fixture.expected["equal_opportunity_difference"]!!)

        let result = try await run(fixture, options: fixture.options(sliceThresholds: fixture.metricNames))
        #expect(result.oneLineError.contains("roc_auc is undefined in slice group=\(withoutPositives.name)"))
    }
}
