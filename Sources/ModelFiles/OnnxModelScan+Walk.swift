/// The walk over a model's messages: graphs, nodes, attributes (subgraphs, to a bounded depth),
/// tensors and their external data, functions. Fields other than those in `OnnxField` are skipped.
extension OnnxModelScan {
    mutating func walkTraining(_ reader: ProtobufReader) throws(Stop) {
        var reader = reader
        while let field = try next(&reader) {
            guard field.number == OnnxField.TrainingInfo.initialization || field.number == OnnxField.TrainingInfo.algorithm else { continue }
            try walkGraph(try message(reader, field, "TrainingInfoProto graph"), depth: 0, scope: "a training graph")
        }
    }

    mutating func walkFunction(_ reader: ProtobufReader) throws(Stop) {
        let name = try functionOperator(reader)
        let scope = "function '\(name.shown)'"
        var reader = reader
        while let field = try next(&reader) {
            switch field.number {
            case OnnxField.Function.node: try walkNode(try message(reader, field, "FunctionProto.node"), depth: 0, scope: scope)
            case OnnxField.Function.attributeProto: try walkAttribute(try message(reader, field, "FunctionProto.attribute_proto"), depth: 0, scope: scope)
            default: break
            }
        }
    }

    mutating func walkGraph(_ reader: ProtobufReader, depth: Int, scope: String) throws(Stop) {
        var reader = reader
        while let field = try next(&reader) {
            switch field.number {
            case OnnxField.Graph.node: try walkNode(try message(reader, field, "GraphProto.node"), depth: depth, scope: scope)
            case OnnxField.Graph.initializer: try walkTensor(try message(reader, field, "GraphProto.initializer"))
            case OnnxField.Graph.sparseInitializer: try walkSparseTensor(try message(reader, field, "GraphProto.sparse_initializer"))
            default: break
            }
        }
    }

    mutating func walkNode(_ reader: ProtobufReader, depth: Int, scope: String) throws(Stop) {
        try count(reader)
        let start = reader.position
        var reader = reader
        var opType: Range<Int>?, domain: Range<Int>?, overload: Range<Int>?
        while let field = try next(&reader) {
            switch field.number {
            case OnnxField.Node.opType: opType = try string(field, "NodeProto.op_type")
            case OnnxField.Node.domain: domain = try string(field, "NodeProto.domain")
            case OnnxField.Node.overload: overload = try string(field, "NodeProto.overload")
            case OnnxField.Node.attribute: try walkAttribute(try message(reader, field, "NodeProto.attribute"), depth: depth, scope: scope)
            default: break
            }
        }
        let domainBytes = domain.map { top.bytes($0) } ?? UnsafeRawBufferPointer(start: nil, count: 0)
        let kind = OnnxDomain(domainBytes, allowed: allowedDomains)
        guard kind != .standard, kind != .allowed else { return }
        let used = OnnxOperator(domain: domainBytes, name: opType.map { top.bytes($0) }, overload: overload.map { top.bytes($0) })
        guard !functions.contains(used) else { return }
        let place = (depth > 0 ? "a subgraph \(depth) deep in " : "") + scope
        if kind == .vendor {
            findings.add(OnnxRule.vendorDomain, offset: start, key: used.shown,
                         "node '\(used.shown)' in \(place) uses onnxruntime's contrib operators")
        } else {
            findings.add(OnnxRule.customDomain, offset: start, key: used.shown,
                         "node '\(used.shown)' in \(place) uses a custom operator domain, which needs a native custom-operator library")
        }
    }

    mutating func walkAttribute(_ reader: ProtobufReader, depth: Int, scope: String) throws(Stop) {
        var reader = reader
        while let field = try next(&reader) {
            switch field.number {
            case OnnxField.Attribute.tensor, OnnxField.Attribute.tensors:
                try walkTensor(try message(reader, field, "AttributeProto tensor"))
            case OnnxField.Attribute.sparseTensor, OnnxField.Attribute.sparseTensors:
                try walkSparseTensor(try message(reader, field, "AttributeProto sparse tensor"))
            case OnnxField.Attribute.graph, OnnxField.Attribute.graphs:
                let graph = try message(reader, field, "AttributeProto graph")
                guard depth < limits.maxOnnxGraphDepth else {
                    findings.add(ContainerRule.limitExceeded, offset: field.offset, key: "depth",
                                 "a subgraph nested past max_onnx_graph_depth (\(limits.maxOnnxGraphDepth)); not read")
                    continue
                }
                try walkGraph(graph, depth: depth + 1, scope: scope)
            default: break
            }
        }
    }

    mutating func walkSparseTensor(_ reader: ProtobufReader) throws(Stop) {
        var reader = reader
        while let field = try next(&reader) {
            guard field.number == OnnxField.SparseTensor.values || field.number == OnnxField.SparseTensor.indices else { continue }
            try walkTensor(try message(reader, field, "SparseTensorProto tensor"))
        }
    }

    mutating func walkTensor(_ reader: ProtobufReader) throws(Stop) {
        try count(reader)
        let start = reader.position
        var reader = reader
        var external = false
        var entries = 0
        var locations: [Range<Int>] = []
        var offset: String?, length: String?
        while let field = try next(&reader) {
            switch field.number {
            case OnnxField.Tensor.dataLocation:
                guard let value = field.varint else { throw .wrongType(offset: field.offset, field: "TensorProto.data_location") }
                external = value == OnnxField.Tensor.external
            case OnnxField.Tensor.externalData:
                entries += 1
                let (key, value) = try entry(try message(reader, field, "TensorProto.external_data"))
                let keyBytes = key.map { top.bytes($0) }
                if let keyBytes, keyBytes.elementsEqual("location".utf8) {
                    locations.append(value ?? start..<start)
                } else if let keyBytes, keyBytes.elementsEqual("offset".utf8) {
                    offset = String(decoding: value.map { top.bytes($0) } ?? UnsafeRawBufferPointer(start: nil, count: 0), as: UTF8.self)
                } else if let keyBytes, keyBytes.elementsEqual("length".utf8) {
                    length = String(decoding: value.map { top.bytes($0) } ?? UnsafeRawBufferPointer(start: nil, count: 0), as: UTF8.self)
                }
            default: break
            }
        }
        // Every location is judged, not only the last: readers differ on which one wins.
        guard external || entries > 0 else { return }
        let judged: [UnsafeRawBufferPointer?] = locations.isEmpty ? [nil] : locations.map { top.bytes($0) }
        for location in judged {
            for problem in externalData.problems(location: location, offset: offset, length: length) {
                findings.add(problem.rule, offset: start, key: problem.key, problem.message)
            }
        }
    }

    func functionOperator(_ field: ProtobufField) throws(Stop) -> OnnxOperator {
        try functionOperator(try message(top, field, "functions"))
    }

    private func functionOperator(_ reader: ProtobufReader) throws(Stop) -> OnnxOperator {
        var reader = reader
        var name: Range<Int>?, domain: Range<Int>?, overload: Range<Int>?
        while let field = try next(&reader) {
            switch field.number {
            case OnnxField.Function.name: name = try string(field, "FunctionProto.name")
            case OnnxField.Function.domain: domain = try string(field, "FunctionProto.domain")
            case OnnxField.Function.overload: overload = try string(field, "FunctionProto.overload")
            default: break
            }
        }
        return OnnxOperator(domain: domain.map { top.bytes($0) } ?? UnsafeRawBufferPointer(start: nil, count: 0),
                            name: name.map { top.bytes($0) }, overload: overload.map { top.bytes($0) })
    }

    private func entry(_ reader: ProtobufReader) throws(Stop) -> (key: Range<Int>?, value: Range<Int>?) {
        var reader = reader
        var key: Range<Int>?, value: Range<Int>?
        while let field = try next(&reader) {
            switch field.number {
            case OnnxField.Entry.key: key = try string(field, "StringStringEntryProto.key")
            case OnnxField.Entry.value: value = try string(field, "StringStringEntryProto.value")
            default: break
            }
        }
        return (key, value)
    }

    private mutating func count(_ reader: ProtobufReader) throws(Stop) {
        nodesRead += 1
        if nodesRead > limits.maxOnnxNodes { throw .tooMany(offset: reader.position) }
    }

    func next(_ reader: inout ProtobufReader) throws(Stop) -> ProtobufField? {
        do { return try reader.next() } catch { throw .unreadable(error) }
    }

    func message(_ reader: ProtobufReader, _ field: ProtobufField, _ name: String) throws(Stop) -> ProtobufReader {
        guard field.wireType == .lengthDelimited else { throw .wrongType(offset: field.offset, field: name) }
        do { return try reader.message(field) } catch { throw .unreadable(error) }
    }

    private func string(_ field: ProtobufField, _ name: String) throws(Stop) -> Range<Int> {
        guard let range = field.bytes else { throw .wrongType(offset: field.offset, field: name) }
        return range
    }
}
