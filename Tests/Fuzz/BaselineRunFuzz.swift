// fuzz-sources: Sources/Document Sources/Digest Sources/ChildProcess Sources/Statistics Sources/Tabular Sources/Predictors Sources/ModelGate gates/accuracy
// libFuzzer target for `modelgate run --baseline REPORT.json` as a whole run: the input is the
// baseline report, written to a file and read as the command reads it (`BaselineReport.read`),
// then the pipeline runner runs an accuracy gate whose thresholds compare with the baseline and
// decides its checks. Never a crash, and never a pass unless the baseline is a report a run can
// write (checked here on the raw JSON: one entry per gate id, the gate's metrics there, finite
// and in their ranges) and the measured values clear the baseline's by the conditions.
// BASELINE_RUN_FUZZ_SEEDS=DIR writes a real report of the pipeline into DIR as a seed at startup.
import Dispatch
import Foundation

private let pipelineYAML = """
    version: 1
    candidate: {name: fuzz, version: '1'}
    gates:
      - {id: quality, type: accuracy, data: binary.csv, task: binary, label: label, score: score, decide: point,
         thresholds: {accuracy: ">= baseline - 0.05", log_loss: "<= baseline * 1.1", tp: ">= baseline"}}
    """

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

private struct Fixture: Sendable {
    var pipeline: Pipeline
    var baselinePath: String

    init() {
        let folder = NSTemporaryDirectory() + "baseline-run-fuzz-\(getpid())"
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var binary = "label,score\n"
        for i in 0..<60 {
            let label = i * 7 % 5 < 2 ? 1 : 0
            binary += "\(label),\(label == 1 ? 0.35 + Double(i % 6) / 10 : 0.05 + Double(i % 5) / 10)\n"
        }
        _ = FileManager.default.createFile(atPath: folder + "/binary.csv", contents: Data(binary.utf8))
        pipeline = try! PipelineReader(registry: GateRegistry(builtins: [AccuracyGate.self]), environment: [:], hasBaseline: true)
            .read(bytes: Array(pipelineYAML.utf8), path: folder + "/pipeline.yml")
        baselinePath = folder + "/baseline.json"
        // A report of this pipeline, measured against a baseline of itself, is the seed.
        let pipeline = self.pipeline
        let first = try! blocking {
            await PipelineRunner(toolVersion: "fuzz", options: RunOptions(baseline: BaselineReport(path: "b.json", metrics: [:])))
                .run(pipeline, artifacts: [])
        }.get()
        let text = JSONReporter().render(first)
        if let seeds = ProcessInfo.processInfo.environment["BASELINE_RUN_FUZZ_SEEDS"] {
            _ = FileManager.default.createFile(atPath: seeds + "/report", contents: Data(text.utf8))
        }
        _ = FileManager.default.createFile(atPath: baselinePath, contents: Data(text.utf8))
        guard case .success(let report) = run(), report.verdict == .pass else { fatalError("the run against its own report does not pass") }
    }

    /// `modelgate run --baseline` with the file at `baselinePath`; a refused baseline is exit 2.
    func run() -> Result<RunReport, any Error> {
        let baseline: BaselineReport
        do { baseline = try BaselineReport.read(path: baselinePath, ranges: ranges) } catch { return .failure(error) }
        let pipeline = pipeline
        return blocking { await PipelineRunner(toolVersion: "fuzz", options: RunOptions(baseline: baseline)).run(pipeline, artifacts: []) }
    }
}

private let sharedFixture = Fixture()
/// The conditions above: the metric, its range, and whether `actual` clears `baseline`.
private let conditions: [(metric: String, range: ClosedRange<Double>, clears: (Double, Double) -> Bool)] = [
    ("accuracy", 0...1, { $0 >= $1 - 0.05 }),
    ("log_loss", 0...Double.greatestFiniteMagnitude, { $0 <= $1 * 1.1 }),
    ("tp", 0...Double.greatestFiniteMagnitude, { $0 >= $1 }),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let fixture = sharedFixture
    let bytes = Data(bytes: data, count: size)
    guard FileManager.default.createFile(atPath: fixture.baselinePath, contents: bytes) else { fatalError("cannot write the input") }
    guard case .success(let report) = fixture.run(), report.verdict == .pass else { return 0 }
    // A pass: the baseline must be a whole run's report, with this gate once, its metrics in range.
    guard let document = try? JSONReader.read([UInt8](bytes)), let gates = document["gates"]?.arrayValue else {
        fatalError("a pass on a baseline that is not a report with gates")
    }
    if document["shard"] != nil || document["verdict"]?.stringValue == "partial" { fatalError("a pass on a shard's report as baseline") }
    let entries = gates.filter { $0["id"]?.stringValue == "quality" }
    guard entries.count == 1, let metrics = entries[0]["metrics"] else { fatalError("a pass on a baseline with \(entries.count) entries for the gate") }
    let ids = gates.compactMap { $0["id"]?.stringValue }
    if Set(ids).count != ids.count { fatalError("a pass on a baseline that lists a gate twice") }
    guard let measured = report.gates.first else { fatalError("no gate in the report") }
    for condition in conditions {
        guard let baseline = metrics[condition.metric]?.numberValue, baseline.isFinite, condition.range.contains(baseline) else {
            fatalError("a pass on a baseline whose \(condition.metric) is \(metrics[condition.metric].map { "\($0.value)" } ?? "absent")")
        }
        guard let actual = measured.metrics.first(where: { $0.name == condition.metric })?.value, condition.clears(actual, baseline) else {
            fatalError("a pass with \(condition.metric) not clearing the baseline's \(baseline)")
        }
    }
    return 0
}
