import Document
import ModelGate

/// The Open Inference Protocol (KServe v2; also Triton, MLServer, Seldon), REST form, as its
/// specification describes it (kserve.github.io "Open Inference Protocol (V2 Inference
/// Protocol)", and the same text in Seldon's and Triton's docs): POST
/// `/v2/models/{name}/infer` with `{"inputs": [{"name", "shape", "datatype", "data"}]}`, tensor
/// data in row-major order, flat or nested; the answer is `{"model_name", "outputs": [{"name",
/// "shape", "datatype", "data"}]}`; errors are `{"error": "..."}`; readiness is GET
/// `/v2/health/ready` answering 200.
///
/// A batch of n rows is one input tensor of shape [n, k] (k = the number of inputs), flattened.
/// The answer is one output tensor (the one named `output`, else the only one) whose first
/// dimension is n: a row's width-1 slice is its value or label, a wider slice its class scores.
struct KServeV2Protocol: ServingProtocol {
    var model: String
    var tensor: String
    var datatype: HTTPPredictorConfig.TensorDatatype
    var output: String?
    var inputs: [String]

    var oneRowPerRequest: Bool { false }
    var inferencePath: String { "/v2/models/\(model)/infer" }
    var contentType: String { "application/json" }
    var readiness: ReadinessCheck? { ReadinessCheck(path: "/v2/health/ready") }

    func encode(_ requests: PredictionRequests, rows: Range<Int>, into body: inout [UInt8]) throws(ServingFailure) {
        let k = requests.fieldsPerRow
        body.append(contentsOf: "{\"inputs\":[{\"name\":".utf8)
        body.append(contentsOf: JSONWriter.write(Node(.string(tensor)), pretty: false).utf8)
        body.append(contentsOf: ",\"shape\":[\(rows.count),\(k)],\"datatype\":\"\(datatype.rawValue)\",\"data\":[".utf8)
        for row in rows {
            for field in 0..<k {
                if row > rows.lowerBound || field > 0 { body.append(UInt8(ascii: ",")) }
                try appendValue(requests.value(row: row, field: field), row: row - rows.lowerBound, field: field, to: &body)
            }
        }
        body.append(contentsOf: "]}]".utf8)
        if let output {
            body.append(contentsOf: ",\"outputs\":[{\"name\":".utf8)
            body.append(contentsOf: JSONWriter.write(Node(.string(output)), pretty: false).utf8)
            body.append(contentsOf: "}]".utf8)
        }
        body.append(UInt8(ascii: "}"))
    }

    private func appendValue(_ json: ArraySlice<UInt8>, row: Int, field: Int, to body: inout [UInt8]) throws(ServingFailure) {
        switch datatype {
        case .bytes:
            guard !InputValue.isNull(json) else {
                throw ServingFailure(row: row, "input '\(inputs[field])' is missing; a BYTES tensor has no null")
            }
            if InputValue.isNumber(json) {
                body.append(UInt8(ascii: "\""))
                body.append(contentsOf: json)
                body.append(UInt8(ascii: "\""))
            } else {
                body.append(contentsOf: json)
            }
        case .fp64, .fp32:
            guard InputValue.isNumber(json) else {
                throw ServingFailure(row: row, "input '\(inputs[field])' is \(InputValue.kind(json)), but datatype \(datatype.rawValue) needs a number")
            }
            body.append(contentsOf: json)
        case .int64, .int32:
            let limit = datatype == .int32 ? Double(Int32.max) : 9.0e15
            guard InputValue.isNumber(json), let value = Double(String(decoding: json, as: UTF8.self)),
                  value == value.rounded(), abs(value) <= limit else {
                throw ServingFailure(row: row, "input '\(inputs[field])' is \(InputValue.kind(json)), but datatype \(datatype.rawValue) needs a whole number")
            }
            body.append(contentsOf: String(Int64(value)).utf8)
        }
    }

    func decode(_ body: [UInt8], count: Int) throws(ServingFailure) -> [PredictionAnswer] {
        let root: Node
        do throws(GateFailure) { root = try ResponseJSON.read(body) } catch { throw ServingFailure(error) }
        guard let outputs = root["outputs"]?.arrayValue else {
            if let message = ServingAnswers.serverError(root) { throw ServingFailure("the server answered an error: \(message)") }
            throw ServingFailure("expected an object with an 'outputs' list (Open Inference Protocol), got \(root.kindDescription)")
        }
        let tensor = try chooseOutput(outputs)
        let name = tensor["name"]?.stringValue ?? "?"
        guard let shapeItems = tensor["shape"]?.arrayValue, !shapeItems.isEmpty else {
            throw ServingFailure("output '\(name)' has no 'shape' list")
        }
        var shape: [Int] = []
        for item in shapeItems {
            guard case .int(let d) = item.value, d >= 0 else { throw ServingFailure("output '\(name)': 'shape' must list whole numbers") }
            shape.append(d)
        }
        guard shape[0] == count else {
            throw ServingFailure("output '\(name)' has shape \(shape) for \(count) rows; expected its first dimension to be \(count)", countMismatch: true)
        }
        guard let dataNode = tensor["data"], dataNode.arrayValue != nil else {
            throw ServingFailure("output '\(name)' has no 'data' list (binary tensor data is not read)")
        }
        var data: [Node] = []
        flatten(dataNode, into: &data)
        var width = 1
        for d in shape.dropFirst() {
            guard d > 0, width <= Int.max / d else { throw ServingFailure("output '\(name)' has shape \(shape): no values per row") }
            width *= d
        }
        guard data.count == count * width else {
            throw ServingFailure("output '\(name)' has \(data.count) values for shape \(shape); expected \(count * width)", countMismatch: true)
        }
        var answers: [PredictionAnswer] = []
        answers.reserveCapacity(count)
        for row in 0..<count {
            let slice = data[(row * width)..<((row + 1) * width)]
            let node = width == 1 ? slice.first! : Node(.array(Array(slice)))
            do throws(GateFailure) {
                answers.append(try PredictionAnswer.read(node))
            } catch {
                throw ServingFailure(error, row: row)
            }
        }
        return answers
    }

    private func chooseOutput(_ outputs: [Node]) throws(ServingFailure) -> Node {
        let names = outputs.map { $0["name"]?.stringValue ?? "?" }
        if let output {
            guard let index = names.firstIndex(of: output) else {
                throw ServingFailure("the response has no output '\(output)' (it has: \(names.joined(separator: ", ")))")
            }
            return outputs[index]
        }
        guard outputs.count == 1 else {
            throw ServingFailure(outputs.isEmpty ? "the response has no outputs"
                                 : "the response has \(outputs.count) outputs (\(names.joined(separator: ", "))); name the one to read with 'output'")
        }
        return outputs[0]
    }

    /// Row-major order, whether the server nested the data by shape or sent it flat.
    private func flatten(_ node: Node, into data: inout [Node]) {
        if let items = node.arrayValue {
            for item in items { flatten(item, into: &data) }
        } else {
            data.append(node)
        }
    }
}
