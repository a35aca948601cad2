import BuiltinGates
import ChildProcess
import Foundation
import ModelGate
import Predictors
import Tabular
import Testing

/// The shipped example's model (gates/example/model/score.awk and its weights), run as the example
/// pipeline runs it: its answers must equal the test sets' committed `score` columns row by row,
/// so the model and the data make-example-data.py wrote cannot drift apart, and it must refuse a
/// request it cannot read instead of answering it.
@Suite struct ExampleModelTests {
    static let gates = BuiltinGatesTests.root.appendingPathComponent("gates").path

    /// The candidate's predictor as gates/pipeline.yml declares it, with its weights file swapped
    /// for `weights` when given (the failing example's rc1 model is scored by the same program).
    func examplePredictor(weights: String? = nil) throws -> CommandPredictor {
        // The model-card gate is a plug-in in gates/bin, found there as `modelgate run` finds it.
        let registry = GateRegistry(builtins: BuiltinGates.all, pluginDirectories: [Self.gates + "/bin"])
        let pipeline = try PipelineReader(registry: registry, environment: [:]).read(path: Self.gates + "/pipeline.yml")
        var config = try #require(pipeline.config.candidate.predictor)
        if let weights {
            let slot = try #require(config.command.firstIndex { $0.hasSuffix(".weights") })
            config.command[slot] = weights
        }
        return CommandPredictor(config: config, workingDirectory: Self.gates, timeout: .seconds(120), log: GateLog())
    }

    @Test(arguments: [
        ("example/data/test.csv", nil),
        ("example/data/test-weak.csv", "example/model/credit-risk-2.5.0-rc1.weights"),
    ])
    func modelAnswersEqualTheCommittedScores(data: String, weights: String?) async throws {
        let predictor = try examplePredictor(weights: weights)
        let reader = try CSVReader(path: Self.gates + "/" + data)
        let fields = try RequestFields(predictor.inputs, in: reader)
        let idSlot = try reader.slot("id")
        let scoreSlot = try reader.slot("score")
        var requests = PredictionRequests()
        var ids: [String] = []
        var scores: [Double] = []
        while let row = try reader.next() {
            requests.append(row, fields)
            ids.append(try #require(try row.string(idSlot)))
            scores.append(try #require(try row.double(scoreSlot)))
        }
        #expect(requests.count == 3000)
        #expect(Set(scores).count > 2000, "\(data): the scores should vary from row to row")

        let session = try await predictor.openSession()
        let answers = try await session.predict(requests)
        await session.close()
        #expect(answers.count == scores.count)
        // Both sides are six-decimal text, so equal values are equal digits.
        let differing = zip(ids, zip(answers, scores)).filter { _, pair in pair.0.prediction != .double(pair.1) }
        if let (id, (answer, score)) = differing.first {
            Issue.record("""
                \(data): the model's answers differ from the score column in \(differing.count) rows, first id \(id): \
                answered \(answer), score \(score); rerun python3 gates/example/make-example-data.py
                """)
        }
    }

    @Test(arguments: [
        (#"{"income":52000.0,"debt_ratio":0.31}"#, "score.awk: input line 2: no 'late_payments'"),
        (#"{"income":52000.0,"debt_ratio":"high","late_payments":2.0}"#, "score.awk: input line 2: 'debt_ratio' is not a number"),
        (#"{"income":52000.0,"debt_ratio":0.31,"late_payments":null}"#, "score.awk: input line 2: 'late_payments' is not a number"),
        (#"{"income":52000.0,"debt_ratio":0.31,"late_payments":[2]}"#, "score.awk: input line 2: 'late_payments' is not a plain value"),
        (#"income=52000"#, "score.awk: input line 2: not a JSON object"),
        (#"{"income":52000.0,"debt_ratio":0.31,"late_payments":2.0,"region":north}"#, "score.awk: input line 2: 'region' is not a plain value"),
    ])
    func modelRefusesARequestItCannotRead(line: String, message: String) async throws {
        // The program itself, fed a good line then the bad one: the bad one must stop it with
        // status 2 and a message naming the line, never an answer.
        let config = try #require(try examplePredictor().config.command.first.map { _ in try examplePredictor().config.command })
        let input = Array((#"{"income":52000.0,"debt_ratio":0.31,"late_payments":2.0}"# + "\n" + line + "\n").utf8)
        let outcome = try ChildProcess(executable: config[0], arguments: Array(config.dropFirst()), workingDirectory: Self.gates,
                                       timeout: .seconds(120)).runOnThisThread(stdin: input)
        #expect(outcome.termination == .exited(2), "\(line): \(outcome.termination)")
        #expect(String(decoding: outcome.stdout, as: UTF8.self).split(separator: "\n").count == 1, "\(line) was answered")
        #expect(String(decoding: outcome.stderr, as: UTF8.self).contains(message), "\(String(decoding: outcome.stderr, as: UTF8.self))")
    }
}
