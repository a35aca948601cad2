import Document

/// Reading the JSON text of one input value (see `PredictionRequests.values`).
enum InputValue {
    static func isNumber(_ json: ArraySlice<UInt8>) -> Bool {
        guard let first = json.first else { return false }
        return first == UInt8(ascii: "-") || (first >= 48 && first <= 57)
    }

    static func isNull(_ json: ArraySlice<UInt8>) -> Bool { json.elementsEqual("null".utf8) }

    /// What a value is, for messages that must not show it (data may be personal).
    static func kind(_ json: ArraySlice<UInt8>) -> String {
        if isNull(json) { return "missing" }
        if isNumber(json) { return "a number" }
        return "text"
    }

    /// The text of a JSON string value, or the number's own text.
    static func text(_ json: ArraySlice<UInt8>) -> String {
        guard json.first == UInt8(ascii: "\"") else { return String(decoding: json, as: UTF8.self) }
        return (try? JSONReader.read(Array(json)))?.stringValue ?? ""
    }
}
