import ModelGate
import Statistics
import Tabular

/// Turns accumulated state (of one run, or merged from shards; canonical) into the gate's outcome:
/// metrics with their intervals, per-class and per-slice metrics, gap metrics across slices,
/// per-slice checks, evidence and a summary.
struct AccuracyOutcome<Evaluator: TaskEvaluator> {
    var options: AccuracyOptions
    var state: AccuracyState<Evaluator>
    /// The metrics of each bootstrap replicate (empty without a bootstrap).
    var replicateMetrics: [[MetricResult]]
    var gatedMetrics: Set<String>
    var log: GateLog

    /// Counts in the confusion matrix are metrics, but not ones an interval makes sense for.
    static var countMetrics: Set<String> { ["tn", "fp", "fn", "tp"] }

    func outcome() throws -> GateOutcome {
        let rows = state.overall.rows
        guard rows >= options.minRows else {
            throw GateFailure("the test set has \(rows) usable rows, fewer than min_rows (\(options.minRows))"
                              + (state.skippedRows > 0 ? "; \(state.skippedRows) rows were skipped for missing values" : ""))
        }
        let read = rows + state.skippedRows
        if state.skippedRows > 0, Double(state.skippedRows) > options.maxSkipped.fraction * Double(read) {
            throw GateFailure("\(state.skippedRows) of \(read) rows (\(Share(Double(state.skippedRows) / Double(read)).optionText)) were skipped for "
                              + "missing or unusable values, more than max_skipped (\(options.maxSkipped.optionText)): the metrics "
                              + "would describe the rows that are left, not the test set")
        }
        if state.slices.count > options.maxSlices { throw options.tooManySlices(in: options.data) }
        var evidence = Evidence([("rows", rows)])
        if options.missing == .skip { evidence["skipped_rows"] = state.skippedRows }
        if let join = state.join {
            evidence["unmatched_rows"] = join.unmatchedRows
            evidence["unmatched_predictions"] = join.unmatchedPredictions
            if options.missing == .skip { evidence["skipped_prediction_rows"] = join.skippedPredictionRows }
        }

        var metrics = try overallMetrics()
        metrics += perClassMetrics()
        var checks: [CheckRequest] = []
        if options.sliceBy != nil {
            let slices = try sliceMetrics(&evidence)
            metrics += slices.metrics
            checks = slices.checks
        }
        let summary = "\(rows) rows" + (state.skippedRows > 0 ? " (\(state.skippedRows) skipped)" : "")
            + (options.sliceBy.map { ", \(state.slices.count) slices by \($0)" } ?? "")
        return GateOutcome(metrics: metrics, evidence: evidence, checks: checks, summary: summary)
    }

    /// The task's metrics on all rows; a gated metric that is undefined stops the gate with the reason.
    private func overallMetrics() throws -> [Metric] {
        var metrics: [Metric] = []
        for (index, result) in state.overall.metrics().enumerated() {
            guard let value = result.value else {
                if gatedMetrics.contains(result.name) {
                    throw GateFailure("\(result.name) is undefined: \(result.undefinedReason ?? "no value")")
                }
                log.write("\(result.name) is undefined: \(result.undefinedReason ?? "no value")")
                continue
            }
            if result.errorBound > 0 {
                log.write("\(result.name) is computed on binned scores, within ±\(result.errorBound) of the exact value")
            }
            var interval: IntervalEstimate?
            if let proportion = result.proportion {
                interval = .proportion(successes: proportion.successes, trials: proportion.trials)
            } else if !replicateMetrics.isEmpty, gatedMetrics.contains(result.name) {
                interval = state.overall.rows < Self.minimumBootstrapRows
                    ? .undetermined(reason: "a bootstrap interval needs at least \(Self.minimumBootstrapRows) rows, and the test set has \(state.overall.rows)")
                    : replicateInterval(replicateMetrics.map { $0.count > index ? $0[index].value : nil }, of: result.name)
            }
            metrics.append(Metric(result.name, value, interval: interval))
        }
        return metrics
    }

    /// Below this, resamples of a handful of rows repeat the same few values (eight perfectly
    /// separated rows give an AUC interval of [1, 1]): the percentile interval then claims a
    /// certainty the data does not have, so a check decided on intervals stays inconclusive.
    static var minimumBootstrapRows: Int { 50 }

    /// The bootstrap interval from each resample's value. A resample on which the metric is
    /// undefined (no negative row drawn: no AUC) could have had any value, so it counts at both
    /// ends of the metric's range, half each: that widens the interval (a small test set is then
    /// inconclusive) where dropping it would narrow it. An unbounded metric has no such ends; it is
    /// undefined only on resamples of a handful of rows, and then gets no interval.
    private func replicateInterval(_ values: [Double?], of name: String) -> IntervalEstimate? {
        let undefined = values.count(where: { $0 == nil })
        guard undefined > 0 else { return .replicates(values.compactMap { $0 }) }
        guard let range = Self.range(of: name) else {
            log.write("\(name) has no interval: it is undefined on \(undefined) of \(values.count) bootstrap resamples")
            return nil
        }
        log.write("\(name) is undefined on \(undefined) of \(values.count) bootstrap resamples; they count at both ends of [\(range.lowerBound), \(range.upperBound)]")
        var ends = 0
        return .replicates(values.map { value in
            if let value { return value }
            ends += 1
            return ends % 2 == 0 ? range.upperBound : range.lowerBound
        })
    }

    /// The values a metric can take, for those bounded on both sides (nil for the others).
    static func range(of metric: String) -> ClosedRange<Double>? {
        let range = AccuracyMetricRange.of(metric)
        guard range.lowerBound > -.greatestFiniteMagnitude, range.upperBound < .greatestFiniteMagnitude else { return nil }
        return range.lowerBound...range.upperBound
    }

    /// Precision, recall and F1 of each class, for multiclass tasks: `recall[class=cat]`.
    private func perClassMetrics() -> [Metric] {
        guard let multiclass = state.overall as? MulticlassAccumulator else { return [] }
        var metrics: [Metric] = []
        let names = DataLabel.shown(state.classes.map { $0.label.description })
        for metric in multiclass.perClass() {
            let name = names[metric.classID]
            metrics.append(Metric("precision[class=\(name)]", metric.precision,
                                  interval: .proportion(successes: metric.truePositives, trials: metric.predictions)))
            metrics.append(Metric("recall[class=\(name)]", metric.recall,
                                  interval: .proportion(successes: metric.truePositives, trials: metric.support)))
            metrics.append(Metric("f1[class=\(name)]", metric.f1))
        }
        if let matrix = multiclass.counts.confusionMatrix() {
            log.write("confusion matrix (rows: actual, columns: predicted; order \(names.joined(separator: ", "))):")
            for (index, row) in matrix.enumerated() where index < names.count {
                log.write("  \(names[index]): \(row.map(String.init).joined(separator: " "))")
            }
        }
        return metrics
    }
}
