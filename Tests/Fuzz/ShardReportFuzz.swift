// fuzz-sources: Sources/Document Sources/Digest Sources/ChildProcess Sources/Statistics Sources/ModelGate
// libFuzzer target for the shard reports `modelgate merge` reads: any bytes are read or refused
// with a ConfigError, never a crash, and an accepted report holds only what a shard run writes.
// The bytes go through the reader `ShardReports.read` uses, then through the same assembly,
// without a file per input (the file checks have tests of their own).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let report: RunReport
    do {
        report = try JSONReportReader(role: .shard).parse(bytes, path: "s.json")
    } catch {
        if error.location.line < 0 || error.location.line > size + 1 { fatalError("error line outside the input") }
        return 0
    }
    // What the reader let through is what a shard run writes: a shard's verdict, its gates'
    // statuses those of a shard, a state exactly on the partial ones, each gate once.
    if report.shard == nil || ![.partial, .error].contains(report.verdict) { fatalError("not a shard's report accepted") }
    if Set(report.gates.map(\.id)).count != report.gates.count { fatalError("a gate id accepted twice") }
    for gate in report.gates where (gate.status == .partial) != (gate.state != nil)
        || [.pass, .fail, .inconclusive].contains(gate.status) {
        fatalError("gate \(gate.id) accepted with status \(gate.status) and state \(gate.state != nil)")
    }
    // Alone, and twice (the same shard given twice must be refused, not merged).
    for reports in [[("s.json", report)], [("s.json", report), ("t.json", report)]] {
        guard let shards = try? ShardReports.assemble(reports) else { continue }
        if reports.count == 2 { fatalError("a shard given twice was accepted") }
        // What the merge asks of the reports next: checked against the pipeline, then each gate's states.
        _ = try? shards.check(configPath: "p.yml", configSHA256: shards.configSHA256, artifacts: shards.artifacts,
                              toolVersion: shards.toolVersion)
        for gate in report.gates { _ = try? shards.states(ofGate: gate.id, type: gate.type) }
    }
    return 0
}
