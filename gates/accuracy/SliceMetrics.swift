import ModelGate

/// Per-slice metrics, per-slice checks, and the gaps between slices (`f1_gap` = max − min over the
/// slices with at least `min_slice_rows` rows; smaller slices are reported but not judged).
extension AccuracyOutcome {
    static var fairnessMetrics: [String] { ["demographic_parity_difference", "equal_opportunity_difference"] }

    func sliceMetrics(_ evidence: inout Evidence) throws -> (metrics: [Metric], checks: [CheckRequest]) {
        let column = options.sliceBy ?? ""
        let gapBases = Set(gatedMetrics.filter { $0.hasSuffix("_gap") }.map { String($0.dropLast(4)) })
            .union(options.sliceThresholds.map(\.metric))
        // Also any metric a threshold names for one slice, like `recall[region=south]`.
        let gatedInSlices = gatedMetrics.compactMap { name -> String? in
            guard name.hasSuffix("]"), let open = name.firstIndex(of: "["),
                  name[name.index(after: open)...].hasPrefix(column + "=") else { return nil }
            return String(name[..<open])
        }
        let shown = gapBases.union(["accuracy"]).union(gatedInSlices)
        var metrics: [Metric] = []
        var checks: [CheckRequest] = []
        var judged: [(name: String, results: [MetricResult], rows: Int)] = []

        // Slice values are data: one that looks like personal data is shown masked (DataLabel).
        let names = DataLabel.shown(state.slices.map { $0.name.label.description })
        for (slice, name) in zip(state.slices, names) {
            let rows = slice.state.rows
            let results = slice.state.metrics()
            let key = "\(column)=\(name)"
            evidence["rows[\(key)]"] = rows
            for result in results where shown.contains(result.name) {
                guard let value = result.value else { continue }
                metrics.append(Metric("\(result.name)[\(key)]", value, interval: Self.interval(result)))
            }
            guard rows >= options.minSliceRows else {
                log.write("slice \(key) has \(rows) rows, fewer than min_slice_rows (\(options.minSliceRows)): reported, not judged")
                continue
            }
            judged.append((name, results, rows))
            for (metric, condition) in options.sliceThresholds {
                guard let result = results[named: metric], let value = result.value else {
                    throw GateFailure("\(metric) is undefined in slice \(key): \(results[named: metric]?.undefinedReason ?? "no value")")
                }
                checks.append(CheckRequest(name: "\(metric)[\(key)]",
                                           metric: Metric("\(metric)[\(key)]", value, interval: Self.interval(result)),
                                           condition: condition))
            }
        }
        evidence["slices"] = state.slices.count
        evidence["slices_judged"] = judged.count

        for base in gapBases.sorted() {
            let values = judged.compactMap { $0.results[named: base]?.value }
            if let gap = try Self.spread(values, name: "\(base)_gap", judged: judged.count, gated: gatedMetrics, log: log) {
                metrics.append(Metric("\(base)_gap", gap))
            }
        }
        if options.task == .binary {
            // Fairlearn's definitions: the spread of the selection rate (predicted positive) and of the
            // true-positive rate (recall) across groups.
            let selectionRates = judged.map { slice -> Double in
                let predictedPositive = (slice.results[named: "tp"]?.value ?? 0) + (slice.results[named: "fp"]?.value ?? 0)
                return predictedPositive / Double(slice.rows)
            }
            let recalls = judged.compactMap { slice -> Double? in
                let positives = (slice.results[named: "tp"]?.value ?? 0) + (slice.results[named: "fn"]?.value ?? 0)
                return positives > 0 ? slice.results[named: "recall"]?.value : nil
            }
            for (name, values) in zip(Self.fairnessMetrics, [selectionRates, recalls]) {
                if let spread = try Self.spread(values, name: name, judged: judged.count, gated: gatedMetrics, log: log) {
                    metrics.append(Metric(name, spread))
                }
            }
        }
        return (metrics, checks)
    }

    /// max − min; a spread over fewer than two slices is undefined, which stops the gate if gated.
    static func spread(_ values: [Double], name: String, judged: Int, gated: Set<String>, log: GateLog) throws -> Double? {
        guard values.count >= 2, let low = values.min(), let high = values.max() else {
            let reason = "\(name) is undefined: it needs at least two judged slices with a value, found \(values.count) (of \(judged) judged)"
            if gated.contains(name) { throw GateFailure(reason) }
            log.write(reason)
            return nil
        }
        return high - low
    }

    static func interval(_ result: MetricResult) -> IntervalEstimate? {
        result.proportion.map { .proportion(successes: $0.successes, trials: $0.trials) }
    }
}
