import Document
import ModelGate

/// What the JSON protocols share: finding the list of predictions, checking its length, and
/// reading each element as a `PredictionAnswer`.
enum ServingAnswers {
    /// The response's `predictions` list (or the bare list when `bareListAllowed`), with exactly
    /// `count` elements.
    static func predictions(_ body: [UInt8], count: Int, bareListAllowed: Bool) throws(ServingFailure) -> [Node] {
        let root: Node
        do throws(GateFailure) { root = try ResponseJSON.read(body) } catch { throw ServingFailure(error) }
        let list: [Node]
        if let items = root["predictions"]?.arrayValue {
            list = items
        } else if bareListAllowed, let items = root.arrayValue {
            list = items
        } else {
            if let message = serverError(root) { throw ServingFailure("the server answered an error: \(message)") }
            throw ServingFailure(bareListAllowed ? "expected a 'predictions' list or a list of predictions, got \(root.kindDescription)"
                                                 : "expected an object with a 'predictions' list, got \(root.kindDescription)")
        }
        guard list.count == count else {
            throw ServingFailure("the response has \(list.count) predictions for \(count) rows; expected one per row", countMismatch: true)
        }
        return list
    }

    /// One row's answer. With `output`, an object answer is replaced by its member of that name.
    /// A one-element array of a number reads as that number: single-output models (a Keras
    /// `Dense(1)`) answer `[0.87]` per row.
    static func answer(_ node: Node, output: String?, row: Int) throws(ServingFailure) -> PredictionAnswer {
        var node = node
        if let output, node.objectValue != nil {
            guard let member = node[output] else {
                let keys = node.objectValue!.prefix(8).map(\.key).joined(separator: ", ")
                throw ServingFailure(row: row, "the answer has no '\(output)' (it has: \(keys))")
            }
            node = member
        }
        if let items = node.arrayValue, items.count == 1, items[0].numberValue != nil {
            node = items[0]
        }
        do throws(GateFailure) {
            return try PredictionAnswer.read(node)
        } catch {
            throw ServingFailure(error, row: row)
        }
    }

    static func answers(_ nodes: [Node], output: String?, firstRow: Int = 0) throws(ServingFailure) -> [PredictionAnswer] {
        var answers: [PredictionAnswer] = []
        answers.reserveCapacity(nodes.count)
        for (index, node) in nodes.enumerated() {
            answers.append(try answer(node, output: output, row: firstRow + index))
        }
        return answers
    }

    /// The message of an error object as servers write it: `{"error": "..."}` (TF Serving, KServe),
    /// `{"message": ...}` (MLflow), `{"detail": ...}` (FastAPI), cut to 200 characters.
    static func serverError(_ root: Node) -> String? {
        for key in ["error", "message", "detail", "error_message"] {
            if let text = root[key]?.stringValue { return excerpt(Array(text.utf8)) }
        }
        return nil
    }

    /// At most 200 bytes of `bytes` as one line: control characters shown as spaces. Error
    /// bodies are shown cut, never whole, as a server may echo a row's personal data.
    static func excerpt(_ bytes: [UInt8]) -> String {
        let cut = bytes.prefix(200).map { $0 < 0x20 || $0 == 0x7F ? UInt8(ascii: " ") : $0 }
        return String(decoding: cut, as: UTF8.self) + (bytes.count > 200 ? "… (\(bytes.count) bytes)" : "")
    }
}
