// fuzz-sources: Sources/Document Sources/Digest Sources/ChildProcess Sources/Statistics Sources/Tabular Sources/Predictors Sources/ModelGate gates/accuracy
// libFuzzer target for `modelgate merge` of accuracy states: a shard report's "state" is hostile
// input, so any JSON must merge or be refused with an error, never trap, hang or read out of bounds.
// Input: one selector byte, then the state. Selector bits 0-1 pick the gate (binary / multiclass
// labels / multiclass scores / regression), bits 2-3 the shards: [s], [s, s], [s, real], [real, s],
// where `real` is a state `measure` made from a small CSV, so fuzzed states meet honest ones.
// ACCURACY_STATE_FUZZ_SEEDS=DIR writes seeds (real states, blocks cut to 3) into DIR at startup;
// ACCURACY_STATE_FUZZ_VERBOSE=1 prints each input's merge result (why a state was refused).
import Dispatch
import Foundation

private let gateYAML = """
    version: 1
    candidate: {name: fuzz, version: '1'}
    gates:
      - {id: binary, type: accuracy, data: binary.csv, task: binary, label: label, score: score, slice_by: region,
         min_slice_rows: 5, bootstrap: 4, decide: interval, slice_thresholds: {recall: ">= 0.1"},
         thresholds: {accuracy: ">= 0.5", precision: ">= 0.1", roc_auc: ">= 0.5", log_loss: "<= 5", f1_gap: "<= 0.9",
                      demographic_parity_difference: "<= 0.9", equal_opportunity_difference: "<= 0.9"}}
      - {id: labels, type: accuracy, data: multiclass.csv, task: multiclass, label: label, prediction: prediction,
         slice_by: region, min_slice_rows: 5, bootstrap: 4, slice_thresholds: {recall_macro: ">= 0.1"},
         thresholds: {accuracy: ">= 0.5", f1_macro: ">= 0.1", mcc: ">= -0.9", f1_macro_gap: "<= 0.99"}}
      - {id: scores, type: accuracy, data: multiclass.csv, task: multiclass, label: label,
         scores: {cat: p_cat, dog: p_dog, bird: p_bird}, bootstrap: 4, decide: interval,
         thresholds: {accuracy: ">= 0.5", roc_auc: ">= 0.5", log_loss: "<= 5", cohen_kappa: ">= -0.9"}}
      - {id: regression, type: accuracy, data: regression.csv, task: regression, label: y, prediction: yhat,
         slice_by: region, min_slice_rows: 5, bootstrap: 4, slice_thresholds: {mae: "<= 10"},
         thresholds: {mae: "<= 10", r2: ">= -10", mape: "<= 100", mae_gap: "<= 10"}}
    """

/// Runs async gate code to completion from libFuzzer's synchronous callback. The gate's public
/// `merge` is async and its decode/outcome steps are private, so this keeps the exact merge path.
private func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) -> Result<T, any Error> {
    let box = ResultBox<T>(), done = DispatchSemaphore(value: 0)
    Task {
        do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return box.result!
}

private final class ResultBox<T>: @unchecked Sendable { var result: Result<T, any Error>? }

/// The pipeline, its gates and one real state per gate, made once per process.
private struct Fixture: Sendable {
    var pipeline: Pipeline
    var contexts: [GateContext]
    var real: [GateState]
    var builders: [GateResultBuilder]

    init() {
        let folder = NSTemporaryDirectory() + "accuracy-state-fuzz-\(getpid())"
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let regions = ["north", "south", "east"], classes = ["cat", "dog", "bird"]
        var binary = "label,score,region\n", multiclass = "label,prediction,p_cat,p_dog,p_bird,region\n"
        var regression = "y,yhat,region\n"
        for i in 0..<60 {
            let label = i * 7 % 5 < 2 ? 1 : 0
            let score = label == 1 ? 0.35 + Double(i % 6) / 10 : 0.05 + Double(i % 5) / 10
            binary += "\(label),\(score),\(regions[i % 3])\n"
            let actual = i % 3, predicted = i % 4 == 0 ? (actual + 1) % 3 : actual
            var p = [0.1, 0.1, 0.1]; p[predicted] = 0.6; p[(predicted + 1) % 3] = 0.3
            multiclass += "\(classes[actual]),\(classes[predicted]),\(p[0]),\(p[1]),\(p[2]),\(regions[i % 3])\n"
            regression += "\(Double(i) * 0.5),\(Double(i) * 0.5 + Double(i % 7 - 3) * 0.1),\(regions[i % 3])\n"
        }
        for (name, text) in [("binary.csv", binary), ("multiclass.csv", multiclass), ("regression.csv", regression)] {
            _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(text.utf8))
        }
        let pipeline = try! PipelineReader(registry: GateRegistry(builtins: [AccuracyGate.self]), environment: [:])
            .read(bytes: Array(gateYAML.utf8), path: folder + "/pipeline.yml")
        self.pipeline = pipeline
        let contexts = pipeline.gates.map { entry in
            GateContext(gateID: entry.config.id, candidate: pipeline.config.candidate, baseDirectory: pipeline.config.baseDirectory,
                        workDirectory: folder, gatedMetrics: Set(entry.config.thresholds.map(\.metric)))
        }
        self.contexts = contexts
        let options = RunOptions()
        builders = pipeline.gates.map { GateResultBuilder(config: $0.config, waivers: [], options: options) }
        var real: [GateState] = []
        let seeds = ProcessInfo.processInfo.environment["ACCURACY_STATE_FUZZ_SEEDS"]
        for (index, entry) in pipeline.gates.enumerated() {
            let (gate, context) = (entry.gate as! AccuracyGate, contexts[index])
            for k in 1...2 {
                let state = try! blocking { try await gate.measure(context, shard: Shard(index: k, count: 2)!) }.get().state
                if k == 2 { real.append(state) }
                guard let seeds else { continue }
                var members = sortedKeys(state.document).objectValue!
                if let at = members.firstIndex(where: { $0.key == "blocks" }), let blocks = members[at].value.arrayValue,
                   !blocks.isEmpty {
                    // Most of 128 blocks of 30 rows are empty: keep two that are not, and one that is.
                    let empty = blocks.max { a, b in blocks.count(where: { $0 == a }) < blocks.count(where: { $0 == b }) }!
                    members[at].value = Node(.array(Array(blocks.filter { $0 != empty }.prefix(2)) + [empty]))
                }
                let selector = UInt8(index | (k == 1 ? 0 : 8))
                _ = FileManager.default.createFile(atPath: "\(seeds)/\(entry.config.id)-\(k)",
                                               contents: Data([selector] + Array(JSONWriter.write(Node(.object(members)), pretty: false).utf8)))
            }
        }
        self.real = real
    }
}

/// Keys in order, so seeds are the same bytes on every run (JSONEncoder's key order is not).
private func sortedKeys(_ node: Node) -> Node {
    switch node.value {
    case .object(let members):
        return Node(.object(members.map { Node.Member(key: $0.key, value: sortedKeys($0.value)) }.sorted { $0.key < $1.key }))
    case .array(let items): return Node(.array(items.map(sortedKeys)))
    default: return node
    }
}

private let verbose = ProcessInfo.processInfo.environment["ACCURACY_STATE_FUZZ_VERBOSE"] != nil
private let sharedFixture = Fixture()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let fixture = sharedFixture  // built (and seeds written) on the first input, whatever it is
    guard let selector = bytes.first, var document = try? JSONReader.read(Array(bytes.dropFirst())),
          var members = document.objectValue else { return 0 }
    let index = Int(selector & 3), entry = fixture.pipeline.gates[index]
    // A real state has 128 bootstrap blocks (over 100 KB): a shorter list is cycled up to 128, so
    // small inputs reach the bootstrap. (A state that comes with 128 or more is left as it is.)
    if let at = members.firstIndex(where: { $0.key == "blocks" }), let blocks = members[at].value.arrayValue,
       (1..<BlockBootstrap.blockCount).contains(blocks.count) {
        members[at].value = Node(.array((0..<BlockBootstrap.blockCount).map { blocks[$0 % blocks.count] }))
        document = Node(.object(members))
    }
    let (fuzzed, real) = (GateState(document), fixture.real[index])
    let states = [[fuzzed], [fuzzed, fuzzed], [fuzzed, real], [real, fuzzed]][Int(selector >> 2) & 3]
    let gate = entry.gate as! AccuracyGate
    var context = fixture.contexts[index]
    context.log = GateLog()
    let merged = blocking { [context] in try await gate.merge(states, context) }
    // What `modelgate merge` does next: decide the thresholds on the merged outcome (intervals too).
    if case .success(let outcome) = merged {
        let result = fixture.builders[index].result(for: .finished(outcome))
        if verbose { print("\(entry.config.id) \(states.count) shards: \(result.status) \(result.error ?? result.summary)") }
    } else if verbose, case .failure(let error) = merged {
        print("\(entry.config.id) \(states.count) shards: refused: \(error)")
    }
    return 0
}
