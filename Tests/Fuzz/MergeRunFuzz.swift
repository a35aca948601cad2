// fuzz-sources: Sources/Document Sources/Digest Sources/ChildProcess Sources/Statistics Sources/Tabular Sources/Predictors Sources/ModelGate gates/accuracy
// libFuzzer target for `modelgate merge` as a whole run: the input is one shard report, written to
// a file and read with the real shard reports of the same pipeline as the command reads them
// (`ShardReports.read`, then `check`), then merged by the pipeline runner, which decides the
// checks. Never a crash, and never a pass for a gate whose state in the fuzzed report breaks an
// invariant, checked here on the raw JSON, apart from the gate's own validation.
// Input: one selector byte, then the report. Bit 0: the fuzzed report stands for shard 1 or 2 of
// 2 (the other is real); bit 1: it is merged alone (as shard 1 of 1 it must say so itself).
// No bootstrap: 128 block states would make each input some 200 KB; the slices are the parts that
// must add up here, and AccuracyStateFuzz covers the blocks.
// MERGE_RUN_FUZZ_SEEDS=DIR writes the real shard reports into DIR as seeds at startup;
// MERGE_RUN_FUZZ_VERBOSE=1 prints each input's verdict.
import Dispatch
import Foundation

private let pipelineYAML = """
    version: 1
    candidate: {name: fuzz, version: '1'}
    gates:
      - {id: binary, type: accuracy, data: binary.csv, task: binary, label: label, score: score, slice_by: region,
         missing: skip, max_skipped: 5%, bootstrap: 0, decide: point, min_slice_rows: 5, slice_thresholds: {recall: ">= 0.1", roc_auc: ">= 0.1"},
         thresholds: {accuracy: ">= 0.5", roc_auc: ">= 0.5", log_loss: "<= 5", f1_gap: "<= 0.9"}}
      - {id: scores, type: accuracy, data: multiclass.csv, task: multiclass, label: label,
         scores: {cat: p_cat, dog: p_dog, bird: p_bird}, bootstrap: 0, decide: point,
         thresholds: {accuracy: ">= 0.5", roc_auc: ">= 0.5", log_loss: "<= 5"}}
      - {id: regression, type: accuracy, data: regression.csv, task: regression, label: y, prediction: yhat,
         slice_by: region, min_slice_rows: 5, bootstrap: 0, decide: point, thresholds: {mae: "<= 10", r2: ">= -10", mae_gap: "<= 10"}}
    """

/// Runs async code to completion from libFuzzer's synchronous callback.
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

private let ranges = MetricRanges(declaredBy: [AccuracyGate.self])

/// The pipeline, its files and the real shard reports, made once per process.
private struct Fixture: Sendable {
    var folder: String
    var pipeline: Pipeline
    var shardPaths: [String]
    var fuzzedPath: String

    init() {
        folder = NSTemporaryDirectory() + "merge-run-fuzz-\(getpid())"
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let regions = ["north", "south", "east"], classes = ["cat", "dog", "bird"]
        var binary = "label,score,region\n", multiclass = "label,p_cat,p_dog,p_bird\n", regression = "y,yhat,region\n"
        for i in 0..<61 {
            let label = i * 7 % 5 < 2 ? 1 : 0
            let score = label == 1 ? 0.35 + Double(i % 6) / 10 : 0.05 + Double(i % 5) / 10
            binary += "\(label),\(i == 13 ? "" : String(score)),\(regions[i % 3])\n"
            let actual = i % 3, predicted = i % 4 == 0 ? (actual + 1) % 3 : actual
            var p = [0.1, 0.1, 0.1]; p[predicted] = 0.6; p[(predicted + 1) % 3] = 0.3
            multiclass += "\(classes[actual]),\(p[0]),\(p[1]),\(p[2])\n"
            regression += "\(Double(i) * 0.5),\(Double(i) * 0.5 + Double(i % 7 - 3) * 0.1),\(regions[i % 3])\n"
        }
        for (name, text) in [("binary.csv", binary), ("multiclass.csv", multiclass), ("regression.csv", regression)] {
            _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(text.utf8))
        }
        pipeline = try! PipelineReader(registry: GateRegistry(builtins: [AccuracyGate.self]), environment: [:])
            .read(bytes: Array(pipelineYAML.utf8), path: folder + "/pipeline.yml")
        fuzzedPath = folder + "/fuzzed.json"
        shardPaths = []
        let seeds = ProcessInfo.processInfo.environment["MERGE_RUN_FUZZ_SEEDS"]
        for index in 1...2 {
            let pipeline = self.pipeline
            let report = try! blocking {
                await PipelineRunner(toolVersion: "fuzz", options: RunOptions(mode: .shard(Shard(index: index, count: 2)!))).run(pipeline, artifacts: [])
            }.get()
            let text = JSONReporter().render(report)
            let path = folder + "/shard-\(index).json"
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
            shardPaths.append(path)
            if let seeds {
                _ = FileManager.default.createFile(atPath: "\(seeds)/shard-\(index)", contents: Data([UInt8(index - 1)] + Array(text.utf8)))
            }
        }
        let honest = merge(shardPaths)
        guard case .success(let report) = honest, report.verdict == .pass else { fatalError("the honest merge does not pass: \(honest)") }
    }

    /// `modelgate merge` of these files, as the command runs it; failure is a refused input (exit 2).
    func merge(_ paths: [String]) -> Result<RunReport, any Error> {
        let pipeline = pipeline
        let reports: ShardReports
        do {
            reports = try ShardReports.read(paths: paths, ranges: ranges)
            try reports.check(configPath: pipeline.config.path, configSHA256: pipeline.config.sha256, artifacts: [], toolVersion: "fuzz")
        } catch {
            return .failure(error)
        }
        return blocking { await PipelineRunner(toolVersion: "fuzz", options: RunOptions(mode: .merge(reports))).run(pipeline, artifacts: []) }
    }
}

/// The invariants of a state, on the raw JSON: the parts count what the whole counts, the
/// report's evidence says what the state counts, no more rows than the file. Nil when kept.
private func violation(state: Node, evidence: Node?, task: String) -> String? {
    func int(_ node: Node?) -> Int? { integer(node) }
    /// The counts of an accumulator that add up over disjoint rows.
    func cells(_ node: Node) -> [Int]? {
        switch task {
        case "binary":
            let values = ["truePositives", "falsePositives", "trueNegatives", "falseNegatives"].map { int(node[$0]) }
            return values.contains(where: { $0 == nil }) ? nil : values.map { $0! }
        case "multiclass": return int(node["counts"]?["rows"]).map { [$0] }
        default: return int(node["rows"]).map { [$0] }
        }
    }
    guard let overall = state["overall"].flatMap(cells), let skipped = int(state["skippedRows"]),
          let fileRows = int(state["data"]?["rows"]) else { return "unreadable" }
    // Wrapping: a hostile count must not trap here (the merge refuses any past 2^48).
    let rows = overall.reduce(0, &+)
    if rows &+ skipped > fileRows { return "more rows than the file" }
    if let evidence {
        if int(evidence["rows"]) != rows { return "evidence rows" }
        if int(evidence["file_rows"]) != fileRows { return "evidence file_rows" }
        if let said = evidence["skipped_rows"], int(said) != skipped { return "evidence skipped_rows" }
    }
    let slices = state["slices"]?.arrayValue ?? [], blocks = state["blocks"]?.arrayValue ?? []
    for (name, parts) in [("slices", slices.map { $0["state"] ?? Node(.null) }), ("blocks", blocks)] where !parts.isEmpty {
        var sum = [Int](repeating: 0, count: overall.count)
        for part in parts {
            guard let counts = cells(part) else { return "unreadable \(name)" }
            for index in sum.indices { sum[index] &+= counts[index] }
        }
        if sum != overall { return "\(name) do not add up" }
    }
    return nil
}

private let verbose = ProcessInfo.processInfo.environment["MERGE_RUN_FUZZ_VERBOSE"] != nil
private let sharedFixture = Fixture()
private let tasks = ["binary": "binary", "scores": "multiclass", "regression": "regression"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let fixture = sharedFixture  // built (and seeds written) on the first input
    guard size > 0 else { return 0 }
    let selector = data[0]
    let bytes = Data(bytes: data + 1, count: size - 1)
    guard FileManager.default.createFile(atPath: fixture.fuzzedPath, contents: bytes) else { fatalError("cannot write the input") }
    let replaced = Int(selector & 1)
    var paths = fixture.shardPaths
    paths[replaced] = fixture.fuzzedPath
    if selector & 2 != 0 { paths = [fixture.fuzzedPath] }
    let merged = fixture.merge(paths)
    guard case .success(let report) = merged else {
        if verbose, case .failure(let error) = merged { print("refused: \(error)") }
        return 0
    }
    if verbose { print("merged: \(report.verdict) \(report.gates.map { "\($0.id) \($0.status) \($0.error ?? "")" })") }
    // The reader accepted the file: it is JSON with gates. Hold each passing gate's fuzzed state to the invariants.
    guard let document = try? JSONReader.read([UInt8](bytes)), let gates = document["gates"]?.arrayValue else {
        fatalError("a merge ran on a report that is not JSON with gates")
    }
    // Rows plus skipped rows of each gate over the merged files: every row of the data file once.
    var covered: [String: Int] = [:]
    for path in paths {
        guard let text = FileManager.default.contents(atPath: path), let node = try? JSONReader.read([UInt8](text)) else { continue }
        for gate in node["gates"]?.arrayValue ?? [] {
            guard let id = gate["id"]?.stringValue, let state = gate["state"] else { continue }
            let rows = rowsOf(state, task: tasks[id] ?? ""), skipped = integer(state["skippedRows"])
            // Unreadable counts make any pass below wrong.
            covered[id, default: 0] &+= rows.flatMap { rows in skipped.map { rows &+ $0 } } ?? Int.min / 4
        }
    }
    for result in report.gates where result.status == .pass {
        guard let gate = gates.first(where: { $0["id"]?.stringValue == result.id }), let state = gate["state"] else { continue }
        if let problem = violation(state: state, evidence: gate["evidence"], task: tasks[result.id] ?? "") {
            fatalError("gate \(result.id) passed on a state that breaks an invariant: \(problem)")
        }
        if let fileRows = integer(state["data"]?["rows"]), covered[result.id] != fileRows {
            fatalError("gate \(result.id) passed on shards that count \(covered[result.id] ?? -1) of \(fileRows) rows")
        }
    }
    return 0
}

/// A count as the state's decoder takes it: a JSON integer, or a number with an integral value.
private func integer(_ node: Node?) -> Int? {
    switch node?.value {
    case .int(let value)?: return value
    case .double(let value)? where value.rounded() == value && abs(value) < 0x1p53: return Int(value)
    default: return nil
    }
}

private func rowsOf(_ state: Node, task: String) -> Int? {
    func int(_ node: Node?) -> Int? { integer(node) }
    let overall = state["overall"]
    switch task {
    case "binary":
        let cells = ["truePositives", "falsePositives", "trueNegatives", "falseNegatives"].compactMap { int(overall?[$0]) }
        return cells.count == 4 ? cells.reduce(0, &+) : nil
    case "multiclass": return int(overall?["counts"]?["rows"])
    default: return int(overall?["rows"])
    }
}
