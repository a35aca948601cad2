// fuzz-sources: Sources/Document Sources/Digest Sources/ChildProcess Sources/Statistics Sources/ModelGate
// libFuzzer target for the JSON report reader behind `--baseline`: any bytes are read or refused
// with a located error, never a crash; an accepted report yields only finite or NaN-free numbers.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let report = try BaselineReport.parse(bytes, path: "fuzz.json")
        for (_, metrics) in report.metrics {
            for (_, value) in metrics where value.isNaN { fatalError("NaN baseline metric accepted") }
        }
    } catch {
        if error.location.line < 0 || error.location.line > size + 1 { fatalError("error line outside the input") }
    }
    return 0
}
