/// Judges an ONNX model (a protobuf `ModelProto`) for what reaches outside the file: tensors whose
/// external data names a file outside the model's folder, and nodes whose operator domain needs a
/// native custom-operator library. It reads the main graph, training graphs and model-local
/// functions, and every subgraph held in a node attribute (`If`, `Loop`, `Scan` bodies), to a
/// bounded depth. Only the fields it needs are read (`OnnxField`); a file that stops reading as a
/// ModelProto is a finding, never a crash and never a pass.
struct OnnxModelScan {
    private let top: ProtobufReader
    private let member: String?
    private let limits: ContainerLimits
    private var externalData: OnnxExternalData
    /// Operators the model's own functions define: nodes calling them need no library.
    private var functions: Set<OnnxOperator> = []
    private var nodesRead = 0
    private var findings = OnnxFindingFold()

    /// Why a walk stopped before the end of the model.
    private enum Stop: Error {
        case unreadable(ProtobufError)
        case wrongType(offset: Int, field: String)
        case tooMany(offset: Int)
    }

    /// ONNX IR versions run from 1 (2017) to 11 (2025); the bound leaves room for many more.
    static let maxIRVersion: UInt64 = 100

    /// A ModelProto as onnx writes it: field 1 (`ir_version`, tag 0x08) with a plausible version,
    /// then the tag of another ModelProto field with its wire type. Text never starts with 0x08,
    /// and the whole top level is read before a file is taken for ONNX (`findings`).
    static func hasSignature(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 3, bytes[0] == 0x08, bytes[1] >= 1, UInt64(bytes[1]) <= maxIRVersion else { return false }
        var tag = Int(bytes[2] & 0x7F)
        if bytes[2] >= 0x80 {
            guard bytes.count >= 4, bytes[3] < 0x80 else { return false }
            tag |= Int(bytes[3]) << 7
        }
        guard let expected = OnnxField.Model.wireTypes[tag >> 3] else { return false }
        return expected.rawValue == UInt8(tag & 7)
    }

    /// The findings of a model; none for a file whose top level reads as a protobuf message
    /// without a graph (another kind of protobuf file, which no ONNX runtime would run), or that
    /// breaks off as no protobuf can before showing itself a model (see `run`).
    static func findings(_ bytes: UnsafeRawBufferPointer, member: String?, folder: String?, limits: ContainerLimits) -> [ModelFileFinding] {
        var scan = OnnxModelScan(bytes, member: member, folder: folder, limits: limits)
        return scan.run()
    }

    private init(_ bytes: UnsafeRawBufferPointer, member: String?, folder: String?, limits: ContainerLimits) {
        // A subgraph costs three messages (graph, node, attribute); tensors add a few more.
        top = ProtobufReader(bytes, maxDepth: 3 * max(limits.maxOnnxGraphDepth, 0) + 10)
        self.member = member
        self.limits = limits
        externalData = OnnxExternalData(folder: folder)
    }

    private mutating func run() -> [ModelFileFinding] {
        var graphs: [ProtobufField] = [], trainings: [ProtobufField] = [], functionFields: [ProtobufField] = []
        var reader = top
        var knownFields = 0
        var fieldStart = 0
        do throws(Stop) {
            while true {
                fieldStart = reader.position
                guard let field = try next(&reader) else { break }
                guard let expected = OnnxField.Model.wireTypes[field.number] else { continue }
                if expected != field.wireType { throw .wrongType(offset: field.offset, field: "ModelProto field \(field.number)") }
                knownFields += 1
                switch field.number {
                case OnnxField.Model.graph: graphs.append(field)
                case OnnxField.Model.trainingInfo: trainings.append(field)
                case OnnxField.Model.functions: functionFields.append(field)
                default: break
                }
            }
        } catch {
            // Bytes that merely start like ONNX (a tensor storage, raw weights) break off soon:
            // with no graph tag reached and fewer than three ModelProto fields read, a file that no
            // protobuf parser could read either is data, not a model. What Google's parser would
            // read and ours refuses (groups, field 0, varints past 64 bits) is always a finding.
            let reachedGraph = fieldStart < top.buffer.count && top.buffer[fieldStart] == 0x3A
            if case let .unreadable(problem) = error, problem.isStructural, !reachedGraph, knownFields < 3 { return [] }
            stop(error)
            return findings.all(member: member)
        }
        guard !graphs.isEmpty else { return [] }
        do throws(Stop) {
            for field in functionFields { functions.insert(try functionOperator(field)) }
            for field in graphs { try walkGraph(try message(top, field, "graph"), depth: 0, scope: "the main graph") }
            for field in trainings { try walkTraining(try message(top, field, "training_info")) }
            for field in functionFields { try walkFunction(try message(top, field, "functions")) }
        } catch {
            stop(error)
        }
        return findings.all(member: member)
    }

    private mutating func stop(_ stop: Stop) {
        switch stop {
        case let .unreadable(error):
            findings.add(.malformed, offset: error.offset, key: "malformed", "not a readable ONNX model: \(error) at byte \(error.offset)")
        case let .wrongType(offset, field):
            findings.add(.malformed, offset: offset, key: "malformed", "not a readable ONNX model: \(field) at byte \(offset) has the wrong wire type")
        case let .tooMany(offset):
            findings.add(ContainerRule.limitExceeded, offset: offset, key: "nodes",
                         "the ONNX model holds more than \(limits.maxOnnxNodes) nodes and tensors (max_onnx_nodes); the rest was not read")
        }
    }

    // MARK: the walk, message by message

    private mutating func walkTraining(_ reader: ProtobufReader) throws(Stop) {
        var reader = reader
        while let field = try next(&reader) {
            guard field.number == OnnxField.TrainingInfo.initialization || field.number == OnnxField.TrainingInfo.algorithm else { continue }
            try walkGraph(try message(reader, field, "TrainingInfoProto graph"), depth: 0, scope: "a training graph")
        }
    }

    private mutating func walkFunction(_ reader: ProtobufReader) throws(Stop) {
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

    private mutating func walkGraph(_ reader: ProtobufReader, depth: Int, scope: String) throws(Stop) {
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

    private mutating func walkNode(_ reader: ProtobufReader, depth: Int, scope: String) throws(Stop) {
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
        let kind = OnnxDomain(domainBytes)
        guard kind != .standard else { return }
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

    private mutating func walkAttribute(_ reader: ProtobufReader, depth: Int, scope: String) throws(Stop) {
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

    private mutating func walkSparseTensor(_ reader: ProtobufReader) throws(Stop) {
        var reader = reader
        while let field = try next(&reader) {
            guard field.number == OnnxField.SparseTensor.values || field.number == OnnxField.SparseTensor.indices else { continue }
            try walkTensor(try message(reader, field, "SparseTensorProto tensor"))
        }
    }

    private mutating func walkTensor(_ reader: ProtobufReader) throws(Stop) {
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

    // MARK: reading fields

    private func functionOperator(_ field: ProtobufField) throws(Stop) -> OnnxOperator {
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

    private func next(_ reader: inout ProtobufReader) throws(Stop) -> ProtobufField? {
        do { return try reader.next() } catch { throw .unreadable(error) }
    }

    private func message(_ reader: ProtobufReader, _ field: ProtobufField, _ name: String) throws(Stop) -> ProtobufReader {
        guard field.wireType == .lengthDelimited else { throw .wrongType(offset: field.offset, field: name) }
        do { return try reader.message(field) } catch { throw .unreadable(error) }
    }

    private func string(_ field: ProtobufField, _ name: String) throws(Stop) -> Range<Int> {
        guard let range = field.bytes else { throw .wrongType(offset: field.offset, field: name) }
        return range
    }
}
