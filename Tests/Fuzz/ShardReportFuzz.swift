// fuzz-sources: Sources/Document Sources/Digest Sources/ChildProcess Sources/Statistics Sources/ModelGate
// libFuzzer target for the shard reports `modelgate merge` reads: any bytes are read or refused
// with a ConfigError, never a crash, and an accepted report holds only what a shard run writes.
// `ShardReports.read` only takes paths, so each input goes through one temporary file (rewritten per input).
import Foundation

private let path = NSTemporaryDirectory() + "shard-report-fuzz-\(getpid()).json"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size)) else {
        fatalError("cannot write \(path)")
    }
    // Alone, and twice (the same shard given twice must be refused, not merged).
    for paths in [[path], [path, path]] {
        guard let reports = try? ShardReports.read(paths: paths) else { continue }
        if paths.count == 2 { fatalError("a shard given twice was accepted") }
        // What the reader let through is what a shard run writes: a shard report, its gates'
        // statuses those of a shard, a state exactly on the partial ones.
        guard let report = try? JSONReportReader(role: .shard).read(path: path, maxBytes: ShardReports.maxFileSize) else {
            fatalError("the shard reports were accepted, their one report refused")
        }
        if report.shard == nil || ![.partial, .error].contains(report.verdict) { fatalError("not a shard's verdict accepted") }
        for gate in report.gates where (gate.status == .partial) != (gate.state != nil)
            || [.pass, .fail, .inconclusive].contains(gate.status) {
            fatalError("gate \(gate.id) accepted with status \(gate.status) and state \(gate.state != nil)")
        }
        // What the merge asks of the reports next: checked against the pipeline, then each gate's states.
        _ = try? reports.check(configPath: "p.yml", configSHA256: reports.configSHA256, artifacts: reports.artifacts,
                               toolVersion: reports.toolVersion)
        _ = try? reports.states(ofGate: "quality", type: "accuracy")
    }
    return 0
}
