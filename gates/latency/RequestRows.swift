import Document
import ModelGate
import Predictors
import Tabular

/// The requests a load cycles through: each one row's predictor inputs, read and encoded once
/// before the load starts, so sending costs no parsing.
enum RequestRows {
    static func read(_ options: LatencyOptions, inputs: [String], context: GateContext) throws -> [PredictionRequests] {
        switch options.rows {
        case .fixed(let object):
            var request = PredictionRequests()
            request.append(object: object, inputs: inputs)
            return [request]
        case .file(let path, let format):
            do {
                let reader = try openTable(context.resolve(path), format: format)
                let fields = try RequestFields(inputs, in: reader)
                var requests: [PredictionRequests] = []
                while requests.count < options.maxRows, let row = try reader.next() {
                    var request = PredictionRequests()
                    request.append(row, fields)
                    requests.append(request)
                }
                guard !requests.isEmpty else { throw GateFailure("'\(path)' has no rows to send") }
                return requests
            } catch let error as TabularError {
                throw GateFailure(error.description)
            }
        }
    }
}
