/// Judges an ONNX model (a protobuf `ModelProto`) for what reaches outside the file: tensors whose
/// external data names a file outside the model's folder, and nodes whose operator domain needs a
/// native custom-operator library. It reads the main graph, training graphs and model-local
/// functions, and every subgraph held in a node attribute (`If`, `Loop`, `Scan` bodies), to a
/// bounded depth. Only the fields it needs are read (`OnnxField`); a file that stops reading as a
/// ModelProto is a finding, never a crash and never a pass.
struct OnnxModelScan {
    let top: ProtobufReader
    private let member: String?
    let limits: ContainerLimits
    /// `limits.allowedOnnxDomains` as bytes, compared with each node's domain.
    let allowedDomains: [[UInt8]]
    var externalData: OnnxExternalData
    /// Operators the model's own functions define: nodes calling them need no library.
    var functions: Set<OnnxOperator> = []
    var nodesRead = 0
    var findings = OnnxFindingFold()

    /// Why a walk stopped before the end of the model.
    enum Stop: Error {
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
        allowedDomains = limits.allowedOnnxDomains.map { Array($0.utf8) }
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
}
