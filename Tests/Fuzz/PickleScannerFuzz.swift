// fuzz-sources: Sources/ModelFiles
// The pickle reader and simulator on arbitrary bytes: it must never crash or hang, must locate every
// finding inside the input, must never pass bytes that do not end exactly at a STOP, must give the
// same report twice and under a base offset (shifted), must fail under the allowlist whatever
// fails under the denylist, and must give the same report when it tracks values in full (as joblib
// arrays and legacy torch files need) as when it keeps kinds only. Byte 0 picks small limits (bit 0) and the base offset (the rest); the
// other bytes are the pickle stream.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let knobs = data[0]
    let input = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    let limits = knobs & 1 == 0
        ? PickleLimits()
        : PickleLimits(maxStackDepth: 12, maxMemoEntries: 3, maxPickles: 2, maxFindings: 2, maxNameLength: 16, maxTrackedValues: 8)
    let strict = PickleScanner(policy: PicklePolicy(mode: .allowlist, limits: limits))
    let lenient = PickleScanner(policy: PicklePolicy(mode: .denylist, limits: limits))
    let report = strict.scan(input)

    for finding in report.findings where finding.offset < 0 || finding.offset > input.count {
        fatalError("finding outside the input (\(input.count) bytes): \(finding)")
    }
    if report.findings.isEmpty && (report.end != input.count || report.pickles == 0) {
        fatalError("passed, but the stream ends at \(report.end) of \(input.count) after \(report.pickles) pickles")
    }
    if report.findings.count > limits.maxFindings + 3 {
        fatalError("\(report.findings.count) findings past the cap of \(limits.maxFindings)")
    }
    for use in report.globals where use.verdict == .allowed && use.name.description.contains("__builtins__") {
        fatalError("allowed a dunder global: \(use.name)")
    }
    guard strict.scan(input) == report else { fatalError("two scans of the same bytes differ") }

    let base = Int(knobs >> 1) * 1_000
    let shifted = strict.scan(input, baseOffset: base)
    guard shifted.findings.map({ $0.offset - base }) == report.findings.map(\.offset),
          shifted.end - base == report.end else {
        fatalError("a base offset of \(base) does not shift every offset by exactly that")
    }

    let tracked = strict.read(input, baseOffset: 0, pickleCount: nil, tracksValues: true).report
    guard tracked == report else { fatalError("tracking values changes the report:\n\(tracked.findings)\n---\n\(report.findings)") }

    let loose = lenient.scan(input)
    if loose.fails(at: .high) && !report.fails(at: .high) {
        fatalError("the denylist fails what the allowlist passes:\n\(loose.findings)\n---\n\(report.findings)")
    }
    return 0
}
