import Foundation
import GateTestSupport
import ModelGate
import Tabular
import Testing
@testable import AccuracyGate

/// Predictions from the candidate's `command` predictor: a real process per batch, answers paired
/// with rows in order, and every way a predictor can misbehave an error rather than a pass.
@Suite struct PredictorTests {
    /// 7 rows; the "model" answers x as the positive class's score.
    static let data = "x,label,group\n0.9,1,a\n0.2,0,a\n0.7,1,b\n0.4,0,b\n0.35,1,a\n0.1,0,b\n0.8,0,a\n"

    /// Runs one accuracy gate with `predictor` as the candidate's predictor section.
    func run(predictor script: String, predictorOptions: String = "inputs: [x, group]\n    batch_size: 3",
             gate: String, data: String = PredictorTests.data, after: (String) -> Void = { _ in }) async throws -> GateResult {
        let folder = NSTemporaryDirectory() + "modelgate-predictor-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(data.utf8).write(to: URL(fileURLWithPath: folder + "/test.csv"))
        try Data(("#!/bin/sh\n" + script).utf8).write(to: URL(fileURLWithPath: folder + "/predict.sh"))
        chmod(folder + "/predict.sh", 0o755)
        let gateLines = gate.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
        let pipeline = """
        version: 1
        candidate:
          name: m
          version: '1'
          predictor:
            type: command
            command: [./predict.sh]
            \(predictorOptions)
        gates:
          - id: quality
            type: accuracy
        \(gateLines)

        """
        try Data(pipeline.utf8).write(to: URL(fileURLWithPath: folder + "/pipeline.yml"))
        let parsed = try PipelineReader(registry: GateRegistry(builtins: [AccuracyGate.self]), environment: [:])
            .read(path: folder + "/pipeline.yml")
        let result = await PipelineRunner(toolVersion: "test", options: RunOptions()).run(parsed, artifacts: []).gates[0]
        after(folder)
        return result
    }

    /// Answers x: the number after "x": in each input line.
    static let echoScore = #"awk -F'"x":' '{ split($2, a, /[,}]/); print a[1] }'"# + "\n"

    @Test func scoresFromThePredictorGiveTheSameMetricsAsAScoreColumn() async throws {
        let viaPredictor = try await run(predictor: Self.echoScore, gate: """
            data: test.csv
            task: binary
            label: label
            use_predictor: true
            slice_by: group
            min_slice_rows: 1
            decide: point
            slice_thresholds: {f1: ">= 0.01"}
            thresholds: {roc_auc: ">= 0.01", log_loss: "<= 10"}
            """)
        let viaColumn = try await run(predictor: "exit 1\n", gate: """
            data: test.csv
            task: binary
            label: label
            score: x
            slice_by: group
            min_slice_rows: 1
            decide: point
            slice_thresholds: {f1: ">= 0.01"}
            thresholds: {roc_auc: ">= 0.01", log_loss: "<= 10"}
            """)
        #expect(viaPredictor.status == .pass, "\(viaPredictor.error ?? "")")
        #expect(viaPredictor.evidence["rows"] == 7)
        #expect(!viaPredictor.metrics.isEmpty)
        #expect(viaPredictor.metrics.map(\.name) == viaColumn.metrics.map(\.name))
        #expect(viaPredictor.metrics.map(\.value) == viaColumn.metrics.map(\.value))
    }

    @Test func aPersistentPredictorGivesTheSameResultFromOneProcess() async throws {
        // x from each line, in a shell loop (which reads line by line, as a persistent predictor must);
        // each start of the program adds a line to starts.log.
        let script = #"echo $$ >> starts.log; while read -r line; do x=${line#*'"x":'}; echo "${x%%,*}"; done"# + "\n"
        let gate = """
            data: test.csv
            task: binary
            label: label
            use_predictor: true
            slice_by: group
            min_slice_rows: 1
            decide: point
            slice_thresholds: {f1: ">= 0.01"}
            thresholds: {roc_auc: ">= 0.01", log_loss: "<= 10"}
            """
        var starts = 0
        let persistent = try await run(predictor: script, predictorOptions: "inputs: [x, group]\n    batch_size: 3\n    persistent: true",
                                       gate: gate) { folder in
            starts = ((try? String(contentsOfFile: folder + "/starts.log", encoding: .utf8)) ?? "").split(separator: "\n").count
        }
        let perBatch = try await run(predictor: script, gate: gate)
        #expect(persistent.status == .pass, "\(persistent.error ?? "")")
        #expect(starts == 1, "7 rows in batches of 3 from one process")
        #expect(persistent.evidence["rows"] == 7)
        #expect(persistent.metrics.map(\.name) == perBatch.metrics.map(\.name))
        #expect(persistent.metrics.map(\.value) == perBatch.metrics.map(\.value))
        #expect(persistent.status == perBatch.status)
    }

    @Test func aPersistentPredictorDyingMidRunNamesTheDataRow() async throws {
        // Answers four rows (a batch and one more), then exits.
        let script = "for i in 1 2 3 4; do read -r line; echo 0.5; done; exit 3\n"
        let result = try await run(predictor: script, predictorOptions: "inputs: [x]\n    batch_size: 3\n    persistent: true", gate: """
            data: test.csv
            task: binary
            label: label
            use_predictor: true
            """)
        #expect(result.status == .error)
        let error = result.error ?? ""
        #expect(error.hasPrefix("the predictor's answer for data row 5: the predictor "), "\(error)")
        // Which the session notices first, the exit or the closed stdout, depends on scheduling;
        // either way the row is named and nothing is answered for it.
        #expect(error.hasSuffix("/predict.sh exited with status 3 before answering") || error.hasSuffix("/predict.sh closed its stdout before answering"),
                "\(error)")
    }

    @Test func labelAnswersInObjectsWork() async throws {
        // Predicts the positive class exactly when x > 0.5, as an object answer with a string label.
        let script = #"awk -F'"x":' '{ split($2, a, /[,}]/); if (a[1] > 0.5) print "{\"prediction\": \"1\"}"; else print "{\"prediction\": \"0\"}" }'"# + "\n"
        let result = try await run(predictor: script, gate: """
            data: test.csv
            task: binary
            label: label
            use_predictor: true
            thresholds: {accuracy: ">= 0.01"}
            """)
        // Right on 0.9, 0.2, 0.7, 0.4, 0.1; wrong on 0.35 (a missed positive) and 0.8 (a false alarm).
        #expect(result.metric("accuracy") == 5.0 / 7.0, "\(result.error ?? "")")
    }

    @Test(arguments: [
        ("head -n 1 > /dev/null; echo 0.5", "answered 1 lines for 3 rows"),
        ("cat > /dev/null; exit 3", "exited with status 3"),
        ("while read line; do echo 'not json'; done", "the predictor's answer for data row 1: not JSON"),
        ("while read line; do echo '{\"label\": 1}'; done", "needs 'prediction', 'score' or 'scores'"),
        ("while read line; do echo '\"maybe\"'; done", "a third label"),
    ])
    func misbehavingPredictorsAreErrors(script: String, expected: String) async throws {
        let result = try await run(predictor: script + "\n", gate: """
            data: test.csv
            task: binary
            label: label
            use_predictor: true
            """)
        #expect(result.status == .error)
        #expect(result.error?.contains(expected) == true, "\(result.error ?? "")")
    }

    @Test func aHangingPredictorIsStoppedAtTheGateTimeout() async throws {
        let result = try await run(predictor: "sleep 60\n", gate: """
            data: test.csv
            task: binary
            label: label
            use_predictor: true
            timeout: 1s
            """)
        #expect(result.status == .error)
        #expect(result.error?.contains("timed out") == true, "\(result.error ?? "")")
    }

    @Test func usePredictorWithoutAPredictorIsRefusedBeforeAnythingRuns() throws {
        let folder = NSTemporaryDirectory() + "modelgate-predictor-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = "version: 1\ncandidate: {name: m, version: '1'}\ngates:\n  - id: q\n    type: accuracy\n    data: test.csv\n    task: binary\n    label: label\n    use_predictor: true\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/p.yml"))
        #expect(throws: ConfigError.self) {
            try PipelineReader(registry: GateRegistry(builtins: [AccuracyGate.self]), environment: [:]).read(path: folder + "/p.yml")
        }
        do {
            _ = try PipelineReader(registry: GateRegistry(builtins: [AccuracyGate.self]), environment: [:]).read(path: folder + "/p.yml")
        } catch {
            #expect(error.description.contains("p.yml:9:20: error: gate 'q' asks for the candidate's predictor, but the candidate has none"), "\(error)")
        }
    }

    @Test func predictorConfigurationIsCheckedBeforeAnythingRuns() {
        func error(_ predictor: String, gate: String = "{id: q, type: accuracy, data: t.csv, task: binary, label: l, use_predictor: true}") -> String? {
            let text = "version: 1\ncandidate:\n  name: m\n  version: '1'\n  predictor: \(predictor)\ngates:\n  - \(gate)\n"
            do {
                _ = try PipelineReader(registry: GateRegistry(builtins: [AccuracyGate.self]), environment: [:])
                    .read(bytes: Array(text.utf8), path: "p.yml")
                return nil
            } catch {
                return error.description
            }
        }
        #expect(error("{type: onnx, model: m.onnx}") == "p.yml:5:21: error: predictor type 'onnx' is not available yet; use 'command' (a program reading JSON lines) or 'http' (a served model)")
        #expect(error("{type: command, inputs: [a]}")?.contains("is missing required key 'command'") == true)
        #expect(error("{type: command, command: [x], inputs: []}")?.contains("'inputs' must list the data columns") == true)
        #expect(error("{type: command, command: [x], inputs: [a], persistent: yes}") == "p.yml:5:69: error: 'persistent' must be true or false, got a string")
        #expect(error("{type: command, command: [x], inputs: [a], batch: 3}")?.contains("unknown key 'batch' in candidate.predictor; expected one of: batch_size, command, inputs, persistent, type") == true)
        #expect(error("{type: command, command: [x], inputs: [a]}",
                      gate: "{id: q, type: accuracy, data: t.csv, task: binary, label: l, use_predictor: true, score: s}")?
            .contains("'score' reads predictions from a file; with 'use_predictor: true' they come from the candidate's predictor") == true)
    }
}
