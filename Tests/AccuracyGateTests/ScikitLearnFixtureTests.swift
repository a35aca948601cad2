import Testing
@testable import AccuracyGate

/// Every metric against the value scikit-learn computed for the same rows (see the fixtures).
@Suite struct ScikitLearnFixtureTests {
    @Test(arguments: MetricFixture.names(task: "binary"))
    func binaryMetricsMatchScikitLearn(_ name: String) throws {
        let fixture = try MetricFixture.load(name)
        expectMetricsMatchScikitLearn(fixture.binaryAccumulator().metrics(), fixture)
    }

    @Test(arguments: MetricFixture.names(task: "multiclass"))
    func multiclassMetricsMatchScikitLearn(_ name: String) throws {
        let fixture = try MetricFixture.load(name)
        let accumulator = fixture.multiclassAccumulator()
        expectMetricsMatchScikitLearn(accumulator.metrics(), fixture)
        expectPerClassMatches(accumulator, fixture)
    }

    @Test(arguments: MetricFixture.names(task: "regression"))
    func regressionMetricsMatchScikitLearn(_ name: String) throws {
        let fixture = try MetricFixture.load(name)
        expectMetricsMatchScikitLearn(fixture.regressionAccumulator().metrics(), fixture)
    }

    @Test func fixturesCoverEveryMetricOfEveryTask() throws {
        for (task, names) in [("binary", BinaryAccumulator.metricNames), ("multiclass", MulticlassAccumulator.metricNames),
                              ("regression", RegressionAccumulator.metricNames)] {
            let covered = try MetricFixture.names(task: task).reduce(into: Set<String>()) { seen, name in
                seen.formUnion(try MetricFixture.load(name).expected.keys)
            }
            #expect(Set(names).isSubset(of: covered), "\(task) metrics without a fixture: \(Set(names).subtracting(covered))")
        }
    }
}

/// Within 1e-9, relative for large values; nil expected means the metric must be undefined.
func expectMetricsMatchScikitLearn(_ results: [MetricResult], _ fixture: MetricFixture,
                                   sourceLocation: SourceLocation = #_sourceLocation) {
    for (name, expected) in fixture.expected.sorted(by: { $0.key < $1.key }) {
        guard let result = results[named: name] else {
            Issue.record("\(fixture.case): no metric \(name)", sourceLocation: sourceLocation)
            continue
        }
        if let expected {
            let found = result.value.map { "\($0)" } ?? "undefined (\(result.undefinedReason ?? ""))"
            #expect(result.value.map { agreesWithScikitLearn($0, expected) } == true,
                    "\(fixture.case): \(name) = \(found), scikit-learn \(expected)", sourceLocation: sourceLocation)
            #expect(result.errorBound == 0, "\(fixture.case): \(name) should be exact", sourceLocation: sourceLocation)
        } else {
            #expect(result.value == nil && result.undefinedReason != nil,
                    "\(fixture.case): \(name) = \(String(describing: result.value)), scikit-learn: undefined",
                    sourceLocation: sourceLocation)
        }
    }
}

func agreesWithScikitLearn(_ actual: Double, _ expected: Double) -> Bool {
    abs(actual - expected) <= 1e-9 * max(1, abs(expected))
}

private func expectPerClassMatches(_ accumulator: MulticlassAccumulator, _ fixture: MetricFixture) {
    let ids = fixture.classIDs
    let perClass = Dictionary(uniqueKeysWithValues: accumulator.perClass().map { ($0.classID, $0) })
    #expect(perClass.count == fixture.per_class!.count, "\(fixture.case): classes present")
    for expected in fixture.per_class! {
        guard let id = ids[expected.class], let actual = perClass[id] else {
            Issue.record("\(fixture.case): no per-class metrics for \(expected.class)")
            continue
        }
        #expect(agreesWithScikitLearn(actual.precision, expected.precision), "\(fixture.case) \(expected.class): precision")
        #expect(agreesWithScikitLearn(actual.recall, expected.recall), "\(fixture.case) \(expected.class): recall")
        #expect(agreesWithScikitLearn(actual.f1, expected.f1), "\(fixture.case) \(expected.class): f1")
        #expect(actual.support == expected.support, "\(fixture.case) \(expected.class): support")
    }
    let matrix = accumulator.counts.confusionMatrix()!
    for (row, label) in fixture.classes!.enumerated() {
        for (column, prediction) in fixture.classes!.enumerated() {
            let cells = ids[label].flatMap { actual in ids[prediction].map { matrix[actual][$0] } } ?? 0
            #expect(cells == fixture.confusion_matrix![row][column], "\(fixture.case): matrix[\(label)][\(prediction)]")
        }
    }
}
