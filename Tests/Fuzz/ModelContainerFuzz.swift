// fuzz-sources: Sources/ModelFiles
// The container scan (zip directory and local headers, DEFLATE, nested members, and through them the
// npy, safetensors, GGUF and Keras readers) on arbitrary bytes: it must never crash, hang or
// allocate what a declared length asks for; it must give the same findings twice; every finding
// outside a member must lie inside the input; and small bounds must never produce fewer
// findings of high severity than a pass (a bound hit is itself a finding); the member visitor
// changes nothing and sees no member past the budget; a compressed stream never inflates past
// its limit. Byte 0 picks small bounds (bit 0) and a small budget of tracked values (bit 1, for
// joblib arrays and legacy torch files); the rest is the file.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let input = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    var limits = ContainerLimits()
    if data[0] & 1 == 1 {
        limits.maxMembers = 3
        limits.maxUncompressedBytes = 4_096
        limits.maxCompressionRatio = 8
        limits.maxNesting = 1
        limits.maxHeaderBytes = 256
    }
    let policy = data[0] & 2 == 2 ? PicklePolicy(limits: PickleLimits(maxTrackedValues: 24)) : PicklePolicy()
    let scanner = ModelFileScanner(policy: policy, limits: limits)
    let findings = scanner.scan(input)
    for finding in findings where finding.member == nil && (finding.offset < 0 || finding.offset > input.count) {
        fatalError("finding outside the input (\(input.count) bytes): \(finding)")
    }
    // The member visitor changes nothing, and sees a stored member inside the input and an
    // inflated one no larger than the budget.
    let visited = scanner.scan(input) { member in
        guard let start = member.bytes.baseAddress, let base = input.baseAddress else { return }
        let inside = start >= base && start + member.bytes.count <= base + input.count
        if !inside && member.bytes.count > limits.maxUncompressedBytes {
            fatalError("member '\(member.name)' of \(member.bytes.count) inflated bytes, past the budget")
        }
    }
    guard visited == findings else { fatalError("two scans of the same bytes differ") }

    if let format = CompressedStream.format(input), case let .content(content, problems) = CompressedStream.read(input, format, limit: 4_096) {
        if content.count > 4_096 { fatalError("a compressed stream inflated past its limit: \(content.count)") }
        for problem in problems where problem.offset < 0 || problem.offset > input.count { fatalError("problem outside the input: \(problem)") }
    }

    // Inflating the raw bytes must respect the budget whatever the stream says.
    do {
        let (output, consumed) = try Inflater.inflate(input, limit: 1 << 16)
        if output.count > 1 << 16 || consumed > input.count { fatalError("inflate overran: \(output.count) out, \(consumed) in") }
    } catch {}
    return 0
}
