// fuzz-sources: Sources/ModelGate/Conditions
// libFuzzer target for the condition language: any bytes must parse or be refused, never crash,
// and an accepted condition must read back the same from the text it keeps for reports.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let condition = try Condition.parse(text)
        let again = try Condition.parse(condition.text)
        if again != condition { fatalError("round trip changed \(text.debugDescription): \(condition) vs \(again)") }
        if case .value(let v) = condition.bound, !v.isFinite { fatalError("non-finite threshold from \(text.debugDescription)") }
    } catch {
        if error.offset < 0 || error.offset > text.utf8.count { fatalError("offset \(error.offset) outside \(text.utf8.count) bytes") }
    }
    return 0
}
