import Document
import Tabular

/// A batch of requests for a predictor: one JSON object per row, the row's `inputs` by name,
/// kept as the newline-terminated lines a `command` predictor reads (and an `http` one will wrap).
/// The buffer is reused from batch to batch, so nothing is allocated per row once it has grown.
public struct PredictionRequests: Sendable {
    public private(set) var lines: [UInt8] = []
    public private(set) var count = 0
    /// Where each row's object sits in `lines` (without its newline).
    public private(set) var rows: [Range<Int>] = []
    /// Where each value sits in `lines`, row after row, `fieldsPerRow` per row: the JSON text of
    /// a number, a string or null, which the http protocols re-arrange without re-encoding.
    public private(set) var values: [Range<Int>] = []
    public private(set) var fieldsPerRow = 0

    public init() {}

    public var isEmpty: Bool { count == 0 }

    public mutating func removeAll() {
        lines.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        count = 0
    }

    /// The JSON text of input `field` (in `inputs` order) of request `row`.
    public func value(row: Int, field: Int) -> ArraySlice<UInt8> {
        lines[values[row * fieldsPerRow + field]]
    }

    /// Appends one request made of the members of `object` named by `inputs` (a fixed body, the same
    /// for every request): each value as JSON, an absent member as null, in `inputs` order.
    public mutating func append(object: Node, inputs: [String]) {
        let rowStart = lines.count
        fieldsPerRow = inputs.count
        lines.append(UInt8(ascii: "{"))
        for (index, name) in inputs.enumerated() {
            if index > 0 { lines.append(UInt8(ascii: ",")) }
            lines.append(contentsOf: (JSONWriter.write(Node(.string(name)), pretty: false) + ":").utf8)
            let valueStart = lines.count
            lines.append(contentsOf: JSONWriter.write(object[name] ?? Node(.null), pretty: false).utf8)
            values.append(valueStart..<lines.count)
        }
        lines.append(UInt8(ascii: "}"))
        rows.append(rowStart..<lines.count)
        lines.append(UInt8(ascii: "\n"))
        count += 1
    }

    /// Appends one request made of `fields` of `row`: numbers as numbers, other text as strings,
    /// missing values as null.
    public mutating func append(_ row: Row, _ fields: RequestFields) {
        let rowStart = lines.count
        fieldsPerRow = fields.fields.count
        lines.append(UInt8(ascii: "{"))
        for (index, field) in fields.fields.enumerated() {
            if index > 0 { lines.append(UInt8(ascii: ",")) }
            lines.append(contentsOf: field.key)
            let valueStart = lines.count
            if row.isMissing(field.slot) {
                lines.append(contentsOf: "null".utf8)
            } else if let number = try? row.double(field.slot), number.isFinite {
                lines.append(contentsOf: JSONWriter.write(Node(.double(number)), pretty: false).utf8)
            } else {
                let text = (try? row.string(field.slot)) ?? nil
                lines.append(contentsOf: JSONWriter.write(Node(text.map { .string($0) } ?? .null), pretty: false).utf8)
            }
            values.append(valueStart..<lines.count)
        }
        lines.append(UInt8(ascii: "}"))
        rows.append(rowStart..<lines.count)
        lines.append(UInt8(ascii: "\n"))
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
