import ModelGate

// The invariants of a state read from a shard report. A shard run's state keeps them all by
// construction, so one that breaks any was edited (or damaged): the merge refuses it, and an edit
// must change every count that depends on the one it changes to get through. What no check can
// tell is an edit that is consistent everywhere; the README says so.
extension AccuracyState {
    /// The first invariant the state breaks, in words, or nil. `make` and `makeReplicate` are the
    /// gate's fresh accumulators for slices and bootstrap blocks (nil without a bootstrap).
    func violation(_ expected: StateExpectations, make: () -> Evaluator, makeReplicate: (() -> Evaluator)?) -> String? {
        if let problem = rowViolation(expected) ?? classViolation(expected.task) ?? evidenceViolation(expected.evidence, expectsSkipped: expected.skipsMissing) {
            return problem
        }
        if let problem = overall.violation(expected.scores) { return "overall, " + problem }
        for (index, slice) in slices.enumerated() {
            if let problem = slice.state.violation(expected.sliceScoreExpectation) { return "in slice \(index + 1) of \(slices.count), " + problem }
            if slice.state.rows == 0 { return "slice \(index + 1) of \(slices.count) has no rows, but a slice exists because a row has its value" }
        }
        for (index, block) in blocks.enumerated() {
            if let problem = block.violation(expected.scores) { return "in bootstrap block \(index + 1), " + problem }
        }
        if !expected.sliced, !slices.isEmpty { return "it has \(slices.count) slices, but this gate has no slice_by" }
        // Every row has a slice, and is in one bootstrap block: the parts add up to the whole.
        if expected.sliced, let problem = partsViolation(slices.map(\.state), "slices", zero: make().droppingConfusionMatrix(),
                                                           scores: expected.sliceScores) {
            return problem
        }
        if let makeReplicate, let problem = partsViolation(blocks, "bootstrap blocks", zero: makeReplicate().droppingConfusionMatrix(),
                                                          scores: true) {
            return problem
        }
        return nil
    }

    private func partsViolation(_ parts: [Evaluator], _ name: String, zero: Evaluator, scores: Bool) -> String? {
        var whole = zero.tally(scores: scores)
        // Added in pairs, then pairs of pairs: a ranking merge costs its size, so a thousand
        // slices cost log2(1000) passes over the scores rather than a thousand.
        var level = [whole] + parts.map { $0.tally(scores: scores) }
        while level.count > 1 {
            var next: [StateTally] = []
            for start in stride(from: 0, to: level.count, by: 2) {
                var pair = level[start]
                guard start + 1 == level.count || pair.add(level[start + 1]) else { return "its \(name) count more than any state can hold" }
                next.append(pair)
            }
            level = next
        }
        let sum = level[0]
        guard whole.add(overall.tally(scores: scores)) else { return "its \(name) count more than any state can hold" }
        guard sum == whole else {
            return "its \(name) do not add up to its overall counts" + Self.firstDifference(sum, whole)
        }
        return nil
    }

    /// Which part of the tallies differs, for the message.
    private static func firstDifference(_ parts: StateTally, _ whole: StateTally) -> String {
        if parts.counts != whole.counts { return " (counts \(parts.counts) against \(whole.counts))" }
        if parts.sums != whole.sums { return " (their sums differ)" }
        if parts.rankings != whole.rankings { return " (their score rankings differ)" }
        if parts.maxima != whole.maxima { return " (their extremes differ)" }
        return " (their per-class counts differ)"
    }

    /// Rows counted, skipped and joined against the files they came from.
    private func rowViolation(_ expected: StateExpectations) -> String? {
        let rows = overall.rows
        if rows + skippedRows > data.rows {
            return "it counts \(rows) rows and \(skippedRows) skipped, more than the \(data.rows) rows of its data file"
        }
        if !expected.skipsMissing, skippedRows != 0 {
            return "it skipped \(skippedRows) rows, but this gate stops at a missing value (missing: error)"
        }
        guard (join != nil) == expected.joinsPredictions, (predictions != nil) == expected.joinsPredictions else {
            return expected.joinsPredictions ? "it has no join of a predictions file, but this gate joins one" : "it joined a predictions file, which this gate has none of"
        }
        guard let join, let predictions else { return nil }
        if !expected.skipsMissing, join.unmatchedRows + join.unmatchedPredictions + join.skippedPredictionRows != 0 {
            return "it counts unmatched ids or skipped predictions, but this gate stops at those (missing: error)"
        }
        if join.unmatchedRows > skippedRows { return "it counts \(join.unmatchedRows) unmatched rows, but skipped only \(skippedRows)" }
        // Each counted row matched a prediction of its own; skipped and unmatched predictions are others.
        if rows + join.skippedPredictionRows + join.unmatchedPredictions > predictions.rows {
            return "it counts \(rows) rows with a prediction, \(join.skippedPredictionRows) skipped and \(join.unmatchedPredictions) unmatched predictions, "
                + "more than the \(predictions.rows) rows of its predictions file"
        }
        return nil
    }

    private func classViolation(_ task: AccuracyOptions.Task) -> String? {
        switch task {
        case .regression where !classes.isEmpty: return "a regression state names classes"
        case .binary where classes.count > 2: return "a binary state names \(classes.count) classes"
        case .binary where classes.count < 2 && hasNegativeRows:
            return "it counts rows of the negative class, but its class table names only the positive one"
        default: return nil
        }
    }

    private var hasNegativeRows: Bool {
        guard let binary = overall as? BinaryAccumulator else { return false }
        return binary.trueNegatives + binary.falsePositives > 0
    }

    /// The shard report's evidence for the gate says what the state counts.
    private func evidenceViolation(_ evidence: Evidence?, expectsSkipped: Bool) -> String? {
        guard let evidence else { return nil }
        for (name, value) in [("rows", overall.rows), ("file_rows", data.rows)] where evidence[name] != value {
            return "its evidence says \(name) \(evidence[name].map(String.init) ?? "(none)"), but its state counts \(value)"
        }
        if (expectsSkipped || evidence["skipped_rows"] != nil), evidence["skipped_rows"] != skippedRows {
            return "its evidence says skipped_rows \(evidence["skipped_rows"].map(String.init) ?? "(none)"), but its state counts \(skippedRows)"
        }
        return nil
    }

    /// The merged state of every shard: each row of the data file is in exactly one shard, where it
    /// is counted or skipped; each prediction too, where it matched a row or is counted as left over.
    func coverageViolation() -> String? {
        let rows = overall.rows
        if rows + skippedRows != data.rows {
            return "the shards count \(rows) rows and \(skippedRows) skipped, but the data file has \(data.rows) rows: "
                + "rows are missing from the shards or counted twice"
        }
        if let join, let predictions {
            let matched = predictions.rows - join.skippedPredictionRows - join.unmatchedPredictions
            if matched < rows || matched > rows + skippedRows - join.unmatchedRows {
                return "the shards' joins leave \(matched) of the \(predictions.rows) predictions matched, which does not fit "
                    + "\(rows) rows counted, \(skippedRows) skipped and \(join.unmatchedRows) unmatched"
            }
        }
        return nil
    }
}
