import ModelGate

typealias HTTPRowFormat = HTTPPredictorConfig.RowFormat

/// Writes one row as the JSON the row-oriented protocols send: the row's object as built by
/// `PredictionRequests` (inputs by name), or an array of its values in `inputs` order.
enum RowWriter {
    static func append(_ requests: PredictionRequests, row: Int, as format: HTTPRowFormat, to body: inout [UInt8]) {
        switch format {
        case .object:
            body.append(contentsOf: requests.lines[requests.rows[row]])
        case .array:
            body.append(UInt8(ascii: "["))
            for field in 0..<requests.fieldsPerRow {
                if field > 0 { body.append(UInt8(ascii: ",")) }
                body.append(contentsOf: requests.value(row: row, field: field))
            }
            body.append(UInt8(ascii: "]"))
        }
    }
}
