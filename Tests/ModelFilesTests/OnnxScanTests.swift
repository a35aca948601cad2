import Foundation
import Testing
@testable import ModelFiles

/// ONNX models judged by content: external data against the model's folder on disk (symbolic links
/// included), custom operator domains wherever nodes hide, recognition without a magic, and the
/// bounds that keep a hostile model's cost bounded. The corpus (CorpusTests) covers real models.
@Suite struct OnnxScanTests {
    typealias B = OnnxBytes

    static func scan(_ bytes: [UInt8], limits: ContainerLimits = ContainerLimits(), folder: String? = nil) -> [ModelFileFinding] {
        bytes.withUnsafeBytes { ModelFileScanner(limits: limits).scan($0, folder: folder) }
    }

    static func rules(_ findings: [ModelFileFinding]) -> [String] { findings.map(\.rule) }

    /// A fresh folder under the system's temporary folder, removed after `body`.
    static func withFolder(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("onnx-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    static func modelWithExternal(_ location: String, offset: String? = nil, length: String? = nil) -> [UInt8] {
        B.model(B.graph(nodes: [B.node("Relu")], initializers: [B.externalTensor("w", location: location, offset: offset, length: length)]))
    }

    /// A domain the team lists is vouched for, by exact name only: a look-alike or a sub-domain is
    /// still a custom domain, and other custom domains in the same model are still found.
    @Test func onlyTheListedCustomDomainsAreVouchedFor() {
        let model = B.model(B.graph(nodes: [B.node("Gelu", domain: "com.example.ops"), B.node("Run", domain: "com.example.opsx"),
                                           B.node("Run", domain: "com.example.ops.more")]))
        #expect(Self.rules(Self.scan(model)) == ["onnx.custom-domain", "onnx.custom-domain", "onnx.custom-domain"])
        var limits = ContainerLimits()
        limits.allowedOnnxDomains = ["com.example.ops"]
        let findings = Self.scan(model, limits: limits)
        #expect(Self.rules(findings) == ["onnx.custom-domain", "onnx.custom-domain"])
        #expect(!findings.contains { $0.message.contains("'com.example.ops:Gelu'") || $0.message.contains("Gelu") }, "\(findings.map(\.message))")
    }

    @Test func aSymbolicLinkOutOfTheModelFolderIsAnEscape() throws {
        try Self.withFolder { root in
            let folder = root + "/model"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(repeating: 7, count: 64).write(to: URL(fileURLWithPath: root + "/secret.bin"))
            try FileManager.default.createSymbolicLink(atPath: folder + "/weights.bin", withDestinationPath: "../secret.bin")
            try Data(Self.modelWithExternal("weights.bin")).write(to: URL(fileURLWithPath: folder + "/model.onnx"))
            let findings = try ModelFileScanner().scanFile(atPath: folder + "/model.onnx")
            #expect(Self.rules(findings) == ["onnx.external-data-escape"], "\(findings)")
            #expect(findings.first?.message.contains("symbolic link") == true)
            #expect(findings.first?.severity == .critical)

            // A link that stays inside the folder reads a file of the model: fine.
            try Data(repeating: 1, count: 8).write(to: URL(fileURLWithPath: folder + "/real.bin"))
            try FileManager.default.createSymbolicLink(atPath: folder + "/inside.bin", withDestinationPath: "real.bin")
            try Data(Self.modelWithExternal("inside.bin", offset: "0", length: "8")).write(to: URL(fileURLWithPath: folder + "/inner.onnx"))
            #expect(try ModelFileScanner().scanFile(atPath: folder + "/inner.onnx").isEmpty)
        }
    }

    @Test func locationsInsideTheFolderPassAndBrokenOnesDoNot() throws {
        try Self.withFolder { folder in
            try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
            try Data(repeating: 1, count: 16).write(to: URL(fileURLWithPath: folder + "/data/w.bin"))
            let cases: [(String, String?, String?, String?)] = [
                ("data/../data/w.bin", "8", "8", nil),
                ("./data/w.bin", nil, nil, nil),
                ("data/w.bin", "16", nil, nil),
                ("data/w.bin", "9", "8", "onnx.external-data-unreadable"),
                ("data/w.bin", "12abc", nil, "onnx.external-data-unreadable"),
                ("data/w.bin", "-1", nil, "onnx.external-data-unreadable"),
                ("data/w.bin", "18446744073709551615", "1", "onnx.external-data-unreadable"),
                ("data", nil, nil, "onnx.external-data-unreadable"),
                ("data/w.bin\u{0}../../etc/passwd", nil, nil, "onnx.external-data-unreadable"),
                ("", nil, nil, "onnx.external-data-unreadable"),
                ("data/../../w.bin", nil, nil, "onnx.external-data-escape"),
                ("C:\\Windows\\win.ini", nil, nil, "onnx.external-data-escape"),
                ("\\\\server\\share\\w.bin", nil, nil, "onnx.external-data-escape"),
            ]
            for (location, offset, length, rule) in cases {
                let findings = Self.scan(Self.modelWithExternal(location, offset: offset, length: length), folder: folder)
                #expect(Self.rules(findings) == (rule.map { [$0] } ?? []), "\(location) \(offset ?? "-") \(length ?? "-"): \(findings)")
            }
        }
    }

    @Test func inAnArchiveOnlyTheShapeOfALocationIsJudged() {
        let archive = ZipBytes.stored([("a/model.onnx", Self.modelWithExternal("/etc/passwd")),
                                       ("b/model.onnx", Self.modelWithExternal("weights.bin"))])
        let findings = Self.scan(archive, folder: "/nonexistent")
        #expect(Self.rules(findings) == ["onnx.external-data-escape"], "\(findings)")
        #expect(findings.first?.member == "a/model.onnx")
    }

    @Test func aTensorMarkedExternalWithoutALocationIsReported() {
        let tensor = B.field(8, "w") + B.field(14, varint: 1)
        let findings = Self.scan(B.model(B.graph(initializers: [tensor])), folder: "/")
        #expect(Self.rules(findings) == ["onnx.external-data-unreadable"])
    }

    @Test func theLastDomainOfANodeIsTheOneJudgedAsProtobufReadsIt() {
        let evilLast = B.field(4, "Op") + B.field(7, "") + B.field(7, "com.evil")
        let evilFirst = B.field(4, "Op") + B.field(7, "com.evil") + B.field(7, "ai.onnx")
        #expect(Self.rules(Self.scan(B.model(B.graph(nodes: [evilLast])))) == ["onnx.custom-domain"])
        #expect(Self.scan(B.model(B.graph(nodes: [evilFirst]))).isEmpty)
    }

    @Test func aFunctionCoversOnlyTheOperatorAndOverloadItDefines() {
        let function = B.field(1, "F") + B.field(10, "my.ops") + B.field(13, "v2") + B.field(7, B.node("Relu"))
        let calls = { (op: String, overload: String?) in
            B.model(B.graph(nodes: [B.node(op, domain: "my.ops") + (overload.map { B.field(8, $0) } ?? [])]), functions: [function])
        }
        #expect(Self.scan(calls("F", "v2")).isEmpty)
        #expect(Self.rules(Self.scan(calls("F", nil))) == ["onnx.custom-domain"])
        #expect(Self.rules(Self.scan(calls("G", "v2"))) == ["onnx.custom-domain"])
    }

    @Test func contribOperatorsAreLowAndOtherVendorsAreCustom() {
        let findings = Self.scan(B.model(B.graph(nodes: [B.node("Gelu", domain: "com.microsoft"), B.node("X", domain: "com.microsoft.nchwc"),
                                                         B.node("Y", domain: "com.microsoftx"), B.node("Z", domain: "ai.onnx.contrib")])))
        #expect(findings.map { "\($0.rule) \($0.severity)" } == ["onnx.vendor-domain low", "onnx.vendor-domain low",
                                                                   "onnx.custom-domain high", "onnx.custom-domain high"])
    }

    @Test func manyNodesOfOneCustomOperatorAreOneFindingWithACount() {
        let findings = Self.scan(B.model(B.graph(nodes: Array(repeating: B.node("Evil", domain: "x"), count: 500))))
        #expect(findings.count == 1)
        #expect(findings.first?.message.hasSuffix("(500 times)") == true, "\(findings)")
    }

    @Test func subgraphsNestedPastTheBoundAreAFindingAndReadWhenItIsRaised() {
        var graph = B.graph(nodes: [B.node("Evil", domain: "com.evil")])
        for _ in 0..<40 { graph = B.graph(nodes: [B.node("If", attributes: [B.graphAttribute("then_branch", graph)])]) }
        let model = B.model(graph)
        #expect(Self.rules(Self.scan(model)) == ["container.limit-exceeded"])
        var raised = ContainerLimits()
        raised.maxOnnxGraphDepth = 64
        let findings = Self.scan(model, limits: raised)
        #expect(Self.rules(findings) == ["onnx.custom-domain"])
        #expect(findings.first?.message.contains("a subgraph 40 deep") == true, "\(findings)")
    }

    @Test func nodesPastTheBoundStopTheWalkWithAFinding() {
        var limits = ContainerLimits()
        limits.maxOnnxNodes = 10
        let findings = Self.scan(B.model(B.graph(nodes: Array(repeating: B.node("Relu"), count: 20))), limits: limits)
        #expect(Self.rules(findings) == ["container.limit-exceeded"])
    }

    @Test func recognitionNeedsTheIrVersionTagAndAModelProtoField() {
        let model = B.model(B.graph(nodes: [B.node("Relu")]))
        #expect(model.withUnsafeBytes { ModelFileKind($0) } == .onnx)
        // A TensorFlow SavedModel: field 1 (schema version 1), field 2 (the meta graphs), no graph.
        let savedModel = B.field(1, varint: 1) + B.field(2, B.field(1, B.field(1, "serve")))
        #expect(savedModel.withUnsafeBytes { ModelFileKind($0) } == .onnx)
        #expect(Self.scan(savedModel).isEmpty)
        for other in [Array("ir_version: 8\n".utf8), [0x08, 0x00, 0x12, 0x00], [0x08, 0xC8, 0x01, 0x12, 0x00], [0x08, 0x08, 0x78, 0x00], [0x08]] {
            #expect(other.withUnsafeBytes { ModelFileKind($0) } != .onnx, "\(other)")
        }
    }

    @Test func aModelThatStopsReadingIsMalformedNeverAPass() {
        let model = B.model(B.graph(nodes: [B.node("Relu", domain: "com.evil")]))
        for cut in 3..<model.count {
            let findings = Self.scan(Array(model.prefix(cut)))
            // Cut before the graph's tag, the file is no model: a protobuf message without a graph,
            // or bytes that break off before showing themselves a model, which no runtime reads.
            let beforeGraph = cut <= 8
            #expect(beforeGraph ? findings.isEmpty : !findings.isEmpty, "cut at \(cut): \(findings)")
            #expect(findings.allSatisfy { $0.offset >= 0 && $0.offset <= cut })
        }
        let graphAsVarint = B.field(1, varint: 8) + B.field(2, "x") + B.field(7, varint: 3)
        #expect(Self.rules(Self.scan(graphAsVarint)) == ["onnx.malformed"])
        let group = B.field(1, varint: 8) + B.field(7, [0x0B, 0x0C])
        #expect(Self.rules(Self.scan(group)) == ["onnx.malformed"])
        // A group before the graph: Google's parser skips it and would read the graph, so it is a
        // finding however early it comes.
        let groupFirst = B.field(1, varint: 8) + B.field(2, "x") + [0x5B, 0x5C] + B.field(7, B.node("Relu"))
        #expect(Self.rules(Self.scan(groupFirst)) == ["onnx.malformed"])
    }

    @Test func rawBytesThatStartLikeOnnxAreDataNotAMalformedModel() {
        // Raw float weights (an external data file) whose first bytes happen to read as ir_version 5,
        // a two-byte producer name, then a domain longer than the file.
        let weights: [UInt8] = [0x08, 0x05, 0x12, 0x02, 0x41, 0x42, 0x22, 0x7F] + Array(repeating: 0x11, count: 20)
        #expect(weights.withUnsafeBytes { ModelFileKind($0) } == .onnx)
        #expect(Self.scan(weights).isEmpty)
        let inArchive = ZipBytes.stored([("archive/data/0", [0x08, 0x05, 0x12, 0xFF, 0x00, 0x01])])
        #expect(Self.scan(inArchive).isEmpty)
    }
}
