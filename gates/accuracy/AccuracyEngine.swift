import Document
import Foundation
import ModelGate
import Predictors
import Tabular

/// The accuracy gate's work for one task, behind one face: the task's accumulator type is chosen
/// once (in `AccuracyGate.init`), and everything below is written once, generically.
protocol AccuracyEngine: Sendable {
    func run(_ context: GateContext) async throws -> GateOutcome
    func measure(_ context: GateContext, shard: Shard) async throws -> ShardMeasurement
    func merge(_ states: [GateState], _ context: GateContext) async throws -> GateOutcome
}

struct TaskEngine<Evaluator: TaskEvaluator>: AccuracyEngine {
    let options: AccuracyOptions
    /// A fresh accumulator for all rows and for each slice.
    let make: @Sendable () -> Evaluator
    /// A fresh accumulator for a bootstrap block (a coarser score ranking: see `AccuracyGate`).
    let makeReplicate: @Sendable () -> Evaluator

    /// Classes whose ids do not depend on the rows: the scored ones (all of a binary task's).
    private var fixedClassCount: Int {
        options.task == .binary ? 2 : options.classScoreCount ?? 0
    }

    func run(_ context: GateContext) async throws -> GateOutcome {
        try outcome(of: try await scan(context, shard: nil), context)
    }

    func measure(_ context: GateContext, shard: Shard) async throws -> ShardMeasurement {
        let state = try await scan(context, shard: shard)
        var evidence = Evidence([("rows", state.overall.rows)])
        if options.missing == .skip { evidence["skipped_rows"] = state.skippedRows }
        evidence["file_rows"] = state.data.rows
        return ShardMeasurement(state: try Self.encode(state), evidence: evidence,
                                summary: "\(state.overall.rows) of the file's \(state.data.rows) rows measured")
    }

    func merge(_ states: [GateState], _ context: GateContext) async throws -> GateOutcome {
        let replicate = needsBootstrap(context) ? makeReplicate : nil
        let fixedClasses = ClassLabels(options).table.labels
        var merger: AccuracyStateMerger<Evaluator>?
        let sliceScores = !slicedMetrics(context.gatedMetrics).isDisjoint(with: scoreMetrics)
        for (index, state) in states.enumerated() {
            let expected = StateExpectations(options: options, sliceScores: sliceScores, evidence: state.origin?.evidence)
            let shard = try Self.decode(state, name: state.origin?.description ?? "shard \(index + 1)")
                .validated(fixedClasses: fixedClasses, expected: expected, make: make, makeReplicate: replicate,
                           name: state.origin?.description ?? "shard \(index + 1)")
            if merger == nil {
                merger = try AccuracyStateMerger(first: shard, isBinary: options.task == .binary)
            } else {
                try merger!.add(shard, shard: index + 1)
            }
        }
        guard let merger else { throw GateFailure("no shard states to merge") }
        let merged = merger.merged
        if let problem = merged.coverageViolation() { throw GateFailure(problem) }
        return try outcome(of: merged, context)
    }

    /// One pass over the test set (or a shard's share of it), reading predictions from columns, a
    /// joined file or the candidate's predictor.
    private func scan(_ context: GateContext, shard: Shard?) async throws -> AccuracyState<Evaluator> {
        let replicate = needsBootstrap(context) ? makeReplicate : nil
        let sliceScores = !slicedMetrics(context.gatedMetrics).isDisjoint(with: scoreMetrics)
        let path = context.resolve(options.data)
        do {
            guard options.usePredictor else {
                let scan = TestSetScan(options: options, path: path, predictionsPath: options.predictions.map { context.resolve($0.path) })
                return try scan.run(make: make, makeReplicate: replicate, sliceScores: sliceScores, shard: shard)
            }
            return try await PredictorScan(options: options, path: path, predictor: try CandidatePredictor.make(context))
                .run(make: make, makeReplicate: replicate, sliceScores: sliceScores, shard: shard)
        } catch let error as TabularError {
            throw GateFailure(error.description)
        }
    }

    /// The outcome of all the rows, from their state in canonical order.
    private func outcome(of state: AccuracyState<Evaluator>, _ context: GateContext) throws -> GateOutcome {
        let state = state.canonical(fixedClassCount: fixedClassCount)
        var replicates: [[MetricResult]] = []
        if !state.blocks.isEmpty {
            replicates = try BlockBootstrap(resamples: options.bootstrapResamples, seed: options.seed)
                .replicateMetrics(blocks: state.blocks, make: makeReplicate)
        }
        return try AccuracyOutcome(options: options, state: state, replicateMetrics: replicates,
                                   gatedMetrics: context.gatedMetrics, log: context.log).outcome()
    }

    /// Whether a gated metric needs bootstrap replicates (it is neither a proportion nor a count).
    private func needsBootstrap(_ context: GateContext) -> Bool {
        let taskMetrics = Set(AccuracyOptions.metricNames(for: options.task))
        return options.bootstrapResamples > 0 && context.gatedMetrics.contains {
            taskMetrics.contains($0) && !AccuracyGate.proportionMetrics.contains($0)
                && !AccuracyOutcome<Evaluator>.countMetrics.contains($0)
        }
    }

    /// The base metrics judged per slice: slice thresholds, gaps, and thresholds on one slice.
    private func slicedMetrics(_ gated: Set<String>) -> Set<String> {
        guard let column = options.sliceBy else { return [] }
        var names = Set(options.sliceThresholds.map(\.metric))
        for name in gated {
            if name.hasSuffix("_gap") { names.insert(String(name.dropLast(4))) }
            if let bracket = name.range(of: "[\(column)=") { names.insert(String(name[..<bracket.lowerBound])) }
        }
        return names
    }

    // A state travels as JSON inside the shard's report. Non-finite numbers are spelled as strings,
    // since JSON has none.
    private static func encode(_ state: AccuracyState<Evaluator>) throws -> GateState {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return GateState(try JSONReader.read([UInt8](try encoder.encode(state))))
    }

    private static func decode(_ state: GateState, name: String) throws -> AccuracyState<Evaluator> {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return try decoder.decode(AccuracyState<Evaluator>.self, from: Data(JSONWriter.write(state.document, pretty: false).utf8))
        } catch let error as DecodingError {
            throw GateFailure("the state of \(name) cannot be read: \(Self.describe(error))")
        }
    }

    /// A decoding error in a sentence: what was wrong, and where in the state.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "" : " at \(keys)"
        }
        switch error {
        case .typeMismatch(let type, let context): return "expected \(type)\(path(context))"
        case .valueNotFound(let type, let context): return "missing \(type) value\(path(context))"
        case .keyNotFound(let key, let context): return "missing '\(key.stringValue)'\(path(context))"
        case .dataCorrupted(let context): return context.debugDescription + path(context)
        @unknown default: return String(describing: error)
        }
    }
}
