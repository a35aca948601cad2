import ModelGate

/// An Amazon SageMaker inference container, as "Use Your Own Inference Code with Hosting
/// Services" (docs.aws.amazon.com/sagemaker) describes it: POST `/invocations`, GET `/ping`
/// answering 200 when healthy. The body format is the container's choice; this predictor sends
/// CSV (`text/csv`, one row per line, values in `inputs` order, no header), which the built-in
/// algorithms (XGBoost, Linear Learner) and the framework containers all accept, and asks for
/// JSON (`Accept: application/json`).
///
/// The answer may be JSON (`{"predictions": [...]}`, as the built-in algorithms write it, or a
/// bare list) or CSV text: one value per line, or one line of comma-separated values (XGBoost's
/// two CSV forms). A value reads as a number when it is one, else as a label.
struct SageMakerProtocol: ServingProtocol {
    var output: String?

    var oneRowPerRequest: Bool { false }
    var inferencePath: String { "/invocations" }
    var contentType: String { "text/csv" }
    var protocolHeaders: [(name: String, value: String)] { [("Accept", "application/json")] }
    var readiness: ReadinessCheck? { ReadinessCheck(path: "/ping") }

    func encode(_ requests: PredictionRequests, rows: Range<Int>, into body: inout [UInt8]) throws(ServingFailure) {
        for row in rows {
            for field in 0..<requests.fieldsPerRow {
                if field > 0 { body.append(UInt8(ascii: ",")) }
                let json = requests.value(row: row, field: field)
                if InputValue.isNull(json) { continue }
                if InputValue.isNumber(json) {
                    body.append(contentsOf: json)
                } else {
                    Self.appendCSVField(InputValue.text(json), to: &body)
                }
            }
            body.append(UInt8(ascii: "\n"))
        }
    }

    /// RFC 4180: quoted, with quotes doubled, when the text holds a comma, quote or line break.
    static func appendCSVField(_ text: String, to body: inout [UInt8]) {
        let bytes = Array(text.utf8)
        let special = bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard special else { body.append(contentsOf: bytes); return }
        body.append(UInt8(ascii: "\""))
        for b in bytes {
            if b == UInt8(ascii: "\"") { body.append(b) }
            body.append(b)
        }
        body.append(UInt8(ascii: "\""))
    }

    func decode(_ body: [UInt8], count: Int) throws(ServingFailure) -> [PredictionAnswer] {
        let first = body.first { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            return try ServingAnswers.answers(try ServingAnswers.predictions(body, count: count, bareListAllowed: true), output: output)
        }
        return try decodeText(body, count: count)
    }

    /// `0.1\n0.9\n` or `0.1,0.9`: one value per row, never quoted (labels with commas are not
    /// representable in this form, as in the containers that write it).
    private func decodeText(_ body: [UInt8], count: Int) throws(ServingFailure) -> [PredictionAnswer] {
        var lines = body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.last == 0x0D ? line.dropLast() : line
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        var values = lines
        if lines.count == 1, count > 1 {
            values = lines[0].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        }
        guard values.count == count else {
            throw ServingFailure("the CSV response has \(values.count) values for \(count) rows; expected one per row", countMismatch: true)
        }
        var answers: [PredictionAnswer] = []
        answers.reserveCapacity(count)
        for (row, raw) in values.enumerated() {
            let text = String(decoding: raw, as: UTF8.self).trimmingCharacters(in: " \t")
            guard !text.isEmpty else { throw ServingFailure(row: row, "the CSV response has an empty value") }
            if let number = Double(text), text.first != "+" {
                guard number.isFinite else { throw ServingFailure(row: row, "a prediction must be a finite number, got \(text)") }
                answers.append(PredictionAnswer(prediction: .double(number), isBareNumber: true))
            } else {
                answers.append(PredictionAnswer(prediction: .string(text)))
            }
        }
        return answers
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}
