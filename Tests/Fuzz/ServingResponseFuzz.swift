// fuzz-sources: Sources/Document Sources/Digest Sources/ChildProcess Sources/Statistics Sources/Tabular Sources/HTTP Sources/ModelGate Sources/Predictors
// Every serving protocol's response decoding on arbitrary bytes: it must never crash, and when it
// accepts a body it must give exactly one answer per row, each a finite number, a label, finite
// class scores or an object of them: never a NaN, never a count the gate did not ask for.
// Byte 0 picks the protocol (and whether an `output` is named), byte 1 the row count (1 to 8);
// the rest is the response body.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 2 else { return 0 }
    let all = HTTPPredictorConfig.ServingProtocol.allCases
    let serving = all[Int(data[0]) % all.count]
    let named = data[0] & 0x80 != 0
    let body = Array(UnsafeBufferPointer(start: data + 2, count: size - 2))
    var http = HTTPPredictorConfig(url: HTTPEndpoint(scheme: .http, host: "h", port: 80), serving: serving, model: "m",
                                   output: named ? "p" : nil)
    if serving == .json {
        http.body = try? BodyTemplate("[{{a}}]", inputs: ["a"])
        http.response = ResponsePath(named ? "p.0" : "") ?? ResponsePath()
    }
    let protocolImplementation = ServingProtocols.make(http, inputs: ["a"])
    let count = protocolImplementation.oneRowPerRequest ? 1 : 1 + Int(data[1] % 8)
    do throws(ServingFailure) {
        let answers = try protocolImplementation.decode(body, count: count)
        guard answers.count == count else { fatalError("\(answers.count) answers for \(count) rows") }
        for answer in answers {
            if case .double(let x)? = answer.prediction, !x.isFinite { fatalError("non-finite prediction \(x)") }
            if let score = answer.score, !score.isFinite { fatalError("non-finite score") }
            if let scores = answer.scores, scores.contains(where: { !$0.isFinite }) { fatalError("non-finite class score") }
            guard answer.prediction != nil || answer.score != nil || answer.scores != nil else { fatalError("empty answer") }
        }
    } catch {
        if let row = error.row, row < 0 || row >= count { fatalError("failure names row \(row) of \(count)") }
        guard !error.message.isEmpty else { fatalError("failure without a message") }
    }
    return 0
}
