import Document
import Foundation
@testable import ModelGate

/// A gate whose measurements come from its options, so pipeline files can drive the runner.
struct ScriptedGate: Gate {
    static let descriptor = GateDescriptor(
        type: "scripted", summary: "Reports the metrics its options give (tests only).", rationale: "Drives the runner in tests.",
        options: [metrics.spec, successes.spec, rows.spec, sleep.spec, hang.spec, failure.spec, status.spec, summary.spec],
        metrics: [MetricSpec("*", "anything")], defaultTimeout: .seconds(30), examples: [])

    static let metrics = Option<Node>("metrics", .mapping, help: "metric: value")
    static let successes = Option<Node>("successes", .mapping, help: "metric: [successes, trials] for Wilson intervals")
    static let rows = Option<Int>("rows", default: 100, help: "evidence rows")
    static let sleep = Option<Duration>("sleep", help: "sleep this long, cooperatively")
    static let hang = Option<Duration>("hang", help: "wait this long, ignoring cancellation")
    static let failure = Option<String>("throw", help: "fail with this message")
    static let status = Option<String>("status", default: "pass", help: "the gate's own status")
    static let summary = Option<String>("summary", default: "scripted", help: "summary")

    let options: GateOptions

    init(options: GateOptions) throws(ConfigError) {
        if let status = options.value(Self.status), GateStatus(rawValue: status) == nil {
            throw options.error("bad status", at: options[Self.status])
        }
        self.options = options
    }

    func run(_ context: GateContext) async throws -> GateOutcome {
        context.log.write("scripted gate ran with summary \(options.value(Self.summary) ?? "")")
        if let sleep = options.value(Self.sleep) { try await Task.sleep(for: sleep) }
        if let hang = options.value(Self.hang) {
            // Ignores cancellation, like a gate stuck in a system call; waits on a thread of its
            // own so the test does not also starve the cooperative pool other tests share.
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                Thread.detachNewThread {
                    Thread.sleep(forTimeInterval: Double(hang.components.seconds))
                    done.resume()
                }
            }
        }
        if let message = options.value(Self.failure) { throw GateFailure(message) }
        var metrics: [Metric] = []
        for member in options[Self.metrics]?.objectValue ?? [] {
            metrics.append(Metric(member.key, member.value.numberValue ?? .nan))
        }
        for member in options[Self.successes]?.objectValue ?? [] {
            let pair = member.value.arrayValue?.compactMap(\.numberValue) ?? []
            let successes = Int(pair[0]), trials = Int(pair[1])
            metrics.append(Metric(member.key, Double(successes) / Double(trials),
                                  interval: .proportion(successes: successes, trials: trials)))
        }
        return GateOutcome(metrics: metrics, evidence: Evidence([("rows", options.value(Self.rows) ?? 100)]),
                           status: GateStatus(rawValue: options.value(Self.status) ?? "pass") ?? .pass,
                           summary: options.value(Self.summary) ?? "scripted")
    }
}

/// A temporary folder with a pipeline file in it.
struct Workspace {
    let root: String

    init() {
        root = NSTemporaryDirectory() + "modelgate-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ relative: String, _ text: String, executable: Bool = false) -> String {
        let path = root + "/" + relative
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
        if executable { chmod(path, 0o755) }
        return path
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

let testRegistry = GateRegistry(builtins: [ScriptedGate.self], pluginDirectories: [], searchPath: "")

/// Reads a pipeline from text, failing the test with the located error when it does not read.
func pipeline(_ yaml: String, path: String = "pipeline.yml", environment: [String: String] = [:],
              hasBaseline: Bool = false, registry: GateRegistry = testRegistry) throws -> Pipeline {
    try PipelineReader(registry: registry, environment: environment, hasBaseline: hasBaseline)
        .read(bytes: Array(yaml.utf8), path: path)
}

/// The located error a pipeline text gets.
func configError(_ yaml: String, environment: [String: String] = [:], hasBaseline: Bool = false,
                 registry: GateRegistry = testRegistry) -> ConfigError? {
    do {
        _ = try pipeline(yaml, environment: environment, hasBaseline: hasBaseline, registry: registry)
        return nil
    } catch let error as ConfigError {
        return error
    } catch {
        return nil
    }
}

/// Runs a pipeline text with the scripted gate.
func run(_ yaml: String, options: RunOptions = RunOptions(today: "2026-11-25"), control: RunControl = RunControl(),
         environment: [String: String] = [:], registry: GateRegistry = testRegistry) async throws -> RunReport {
    let parsed = try pipeline(yaml, environment: environment, hasBaseline: options.baseline != nil, registry: registry)
    return await PipelineRunner(toolVersion: "test", options: options, control: control).run(parsed, artifacts: [])
}

let header = """
version: 1
candidate: {name: credit-risk, version: 2.4.0}
gates:

"""
