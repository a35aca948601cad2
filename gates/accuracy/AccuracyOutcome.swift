import ModelGate
import Statistics
import Tabular

/// Turns a scan's accumulators into the gate's outcome: metrics with their intervals, per-class and
/// per-slice metrics, gap metrics across slices, per-slice checks, evidence and a summary.
struct AccuracyOutcome<Evaluator: TaskEvaluator> {
    var options: AccuracyOptions
    var scan: ScanResult<Evaluator>
    var gatedMetrics: Set<String>
    var log: GateLog

    /// Counts in the confusion matrix are metrics, but not ones an interval makes sense for.
    static var countMetrics: Set<String> { ["tn", "fp", "fn", "tp"] }

    func outcome() throws -> GateOutcome {
        let rows = scan.overall.rows
        guard rows >= options.minRows else {
            throw GateFailure("the test set has \(rows) usable rows, fewer than min_rows (\(options.minRows))"
                              + (scan.skippedRows > 0 ? "; \(scan.skippedRows) rows were skipped for missing values" : ""))
        }
        var evidence = Evidence([("rows", rows)])
        if options.missing == .skip { evidence["skipped_rows"] = scan.skippedRows }

        var metrics = try overallMetrics()
        metrics += perClassMetrics()
        var checks: [CheckRequest] = []
        if options.sliceBy != nil {
            let slices = try sliceMetrics(&evidence)
            metrics += slices.metrics
            checks = slices.checks
        }
        let summary = "\(rows) rows" + (scan.skippedRows > 0 ? " (\(scan.skippedRows) skipped)" : "")
            + (options.sliceBy.map { ", \(scan.slices.count) slices by \($0)" } ?? "")
        return GateOutcome(metrics: metrics, evidence: evidence, checks: checks, summary: summary)
    }

    /// The task's metrics on all rows; a gated metric that is undefined stops the gate with the reason.
    private func overallMetrics() throws -> [Metric] {
        let replicateMetrics = scan.replicates.map { $0.metrics() }
        var metrics: [Metric] = []
        for (index, result) in scan.overall.metrics().enumerated() {
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
                let values = replicateMetrics.compactMap { $0.count > index ? $0[index].value : nil }
                if values.count == replicateMetrics.count { interval = .replicates(values) }
            }
            metrics.append(Metric(result.name, value, interval: interval))
        }
        return metrics
    }

    /// Precision, recall and F1 of each class, for multiclass tasks: `recall[class=cat]`.
    private func perClassMetrics() -> [Metric] {
        guard let multiclass = scan.overall as? MulticlassAccumulator else { return [] }
        var metrics: [Metric] = []
        for metric in multiclass.perClass() {
            let name = scan.labels.labels[metric.classID].description
            metrics.append(Metric("precision[class=\(name)]", metric.precision,
                                  interval: .proportion(successes: metric.truePositives, trials: metric.predictions)))
            metrics.append(Metric("recall[class=\(name)]", metric.recall,
                                  interval: .proportion(successes: metric.truePositives, trials: metric.support)))
            metrics.append(Metric("f1[class=\(name)]", metric.f1))
        }
        if let matrix = multiclass.counts.confusionMatrix() {
            let names = scan.labels.labels.map(\.description)
            log.write("confusion matrix (rows: actual, columns: predicted; order \(names.joined(separator: ", "))):")
            for (index, row) in matrix.enumerated() where index < names.count {
                log.write("  \(names[index]): \(row.map(String.init).joined(separator: " "))")
            }
        }
        return metrics
    }
}
