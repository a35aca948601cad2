import Document
import Tabular

/// A batch of requests for a predictor: one JSON object per row, the row's `inputs` by name,
/// kept as the newline-terminated lines a `command` predictor reads (and an `http` one will wrap).
/// The buffer is reused from batch to batch, so nothing is allocated per row once it has grown.
public struct PredictionRequests: Sendable {
    public private(set) var lines: [UInt8] = []
    public private(set) var count = 0

    public init() {}

    public var isEmpty: Bool { count == 0 }

    public mutating func removeAll() {
        lines.removeAll(keepingCapacity: true)
        count = 0
    }

    /// Appends one request given as a JSON object already encoded on one line (no newline in it):
    /// a fixed body, or a request read back from a file.
    public mutating func append(encodedObject object: [UInt8]) {
        precondition(!object.contains(UInt8(ascii: "\n")), "one request is one line")
        lines.append(contentsOf: object)
        lines.append(UInt8(ascii: "\n"))
        count += 1
    }

    /// Appends one request made of `fields` of `row`: numbers as numbers, other text as strings,
    /// missing values as null.
    public mutating func append(_ row: Row, _ fields: RequestFields) {
        lines.append(UInt8(ascii: "{"))
        for (index, field) in fields.fields.enumerated() {
            if index > 0 { lines.append(UInt8(ascii: ",")) }
            lines.append(contentsOf: field.key)
            if row.isMissing(field.slot) {
                lines.append(contentsOf: "null".utf8)
            } else if let number = try? row.double(field.slot), number.isFinite {
                lines.append(contentsOf: JSONWriter.write(Node(.double(number)), pretty: false).utf8)
            } else {
                let text = (try? row.string(field.slot)) ?? nil
                lines.append(contentsOf: JSONWriter.write(Node(text.map { .string($0) } ?? .null), pretty: false).utf8)
            }
        }
        lines.append(contentsOf: "}\n".utf8)
        count += 1
    }
}

/// The data fields a predictor reads, resolved once in a reader: each `"name":` is encoded once,
/// not once per row.
public struct RequestFields {
    let fields: [(key: [UInt8], slot: Slot)]

    public init(_ names: [String], in reader: any RowReader) throws(TabularError) {
        var fields: [(key: [UInt8], slot: Slot)] = []
        for name in names {
            fields.append((Array((JSONWriter.write(Node(.string(name)), pretty: false) + ":").utf8), try reader.slot(name)))
        }
        self.fields = fields
    }
}
