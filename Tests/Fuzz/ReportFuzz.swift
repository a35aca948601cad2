// fuzz-sources: Sources/Document Sources/Digest Sources/ChildProcess Sources/Statistics Sources/ModelGate
// libFuzzer target for the JSON report reader behind `--baseline`: any bytes are read or refused
// with a located error, never a crash; an accepted report holds nothing a report cannot hold
// (a number outside its metric's range, a negative count, a gate given twice, a shard's report).

private let ranges: MetricRanges = {
    var ranges = MetricRanges()
    ranges.declare("f1", .proportion)
    ranges.declare("*_gap", .nonNegative)
    return ranges
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let report = try JSONReportReader(ranges: ranges, role: .baseline).parse(bytes, path: "fuzz.json")
        if report.shard != nil || report.verdict == .partial { fatalError("a shard's report accepted as a baseline") }
        if Set(report.gates.map(\.id)).count != report.gates.count { fatalError("a gate id accepted twice") }
        for gate in report.gates {
            for metric in gate.metrics where !ranges.range(of: metric.name).admits(metric.value) {
                fatalError("metric \(metric.name) = \(metric.value) accepted outside its range")
            }
            if gate.evidence.entries.contains(where: { $0.value < 0 }) { fatalError("a negative count accepted") }
            if gate.status == .partial || gate.state != nil { fatalError("a shard's gate accepted in a baseline") }
        }
        let baseline = try BaselineReport.parse(bytes, path: "fuzz.json", ranges: ranges)
        if baseline.metrics.count != report.gates.count { fatalError("the baseline lost a gate") }
    } catch {
        if error.location.line < 0 || error.location.line > size + 1 { fatalError("error line outside the input") }
    }
    return 0
}
