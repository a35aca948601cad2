import Document
import Testing

@Suite struct YAMLStructureTests {
    static let pipeline = """
        version: 1
        candidate:
          name: credit-risk
          version: 2.4.0
          artifacts: [models/model.onnx]
          predictor:                    # optional
            type: onnx
            inputs: {X: [age, income, tenure]}
        gates:
          - id: quality                 # unique
            type: accuracy
            blocking: true
            timeout: 10m
            thresholds:
              f1: ">= 0.85"
              p95_ms: "<= baseline * 1.10"
          - id: speed
            type: latency
        """

    @Test func readsTheDesignPipelineExample() throws {
        let root = try YAMLReader.read(Self.pipeline)
        #expect(root.objectValue?.map(\.key) == ["version", "candidate", "gates"])
        #expect(root["version"]?.value == .int(1))
        #expect(node(root, "candidate", "version")?.value == .string("2.4.0"))
        #expect(node(root, "candidate", "artifacts", 0)?.value == .string("models/model.onnx"))
        #expect(node(root, "candidate", "predictor", "inputs", "X", 2)?.value == .string("tenure"))
        #expect(node(root, "gates", 0, "blocking")?.value == .bool(true))
        #expect(node(root, "gates", 0, "timeout")?.value == .string("10m"))
        #expect(node(root, "gates", 0, "thresholds", "p95_ms")?.value == .string("<= baseline * 1.10"))
        #expect(node(root, "gates", 1, "type")?.value == .string("latency"))
        #expect(root["gates"]?.arrayValue?.count == 2)
    }

    @Test func everyNodeCarriesTheLineAndColumnWhereItStarts() throws {
        let root = try YAMLReader.read(Self.pipeline)
        #expect(root.location == loc(1, 1))
        #expect(root["version"]?.location == loc(1, 10))
        #expect(root["candidate"]?.location == loc(3, 3))
        #expect(node(root, "candidate", "artifacts")?.location == loc(5, 14))
        #expect(node(root, "candidate", "artifacts", 0)?.location == loc(5, 15))
        #expect(node(root, "candidate", "predictor", "inputs")?.location == loc(8, 13))
        #expect(node(root, "candidate", "predictor", "inputs", "X", 1)?.location == loc(8, 23))
        #expect(root["gates"]?.location == loc(10, 3))
        #expect(node(root, "gates", 0)?.location == loc(10, 5))
        #expect(node(root, "gates", 0, "id")?.location == loc(10, 9))
        #expect(node(root, "gates", 0, "thresholds", "f1")?.location == loc(15, 11))
        #expect(node(root, "gates", 1)?.location == loc(17, 5))
    }

    @Test func membersRecordWhereTheirKeyStarts() throws {
        let root = try YAMLReader.read(Self.pipeline)
        #expect(root.objectValue?.map(\.keyLocation) == [loc(1, 1), loc(2, 1), loc(9, 1)])
        let inputs = try #require(node(root, "candidate", "predictor", "inputs")?.objectValue)
        #expect(inputs.first?.keyLocation == loc(8, 14))
        let gate = try #require(node(root, "gates", 0)?.objectValue)
        #expect(gate.map(\.keyLocation.column) == [5, 5, 5, 5, 5])
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let root = try YAMLReader.read("héllo wörld: ünïcode\n\"ключ\": [ä, b]\n")
        #expect(root["héllo wörld"]?.location == loc(1, 14))
        #expect(node(root, "ключ", 1)?.location == loc(2, 13))
    }

    @Test func missingValuesAreNullWhereTheValueWouldStart() throws {
        let root = try YAMLReader.read("a:\nb: # comment\nc:\n  - \n")
        #expect(root["a"]?.isNull == true)
        #expect(root["a"]?.location == loc(1, 3))
        #expect(root["b"]?.isNull == true)
        #expect(node(root, "c", 0)?.isNull == true)
        #expect(node(root, "c", 0)?.location == loc(4, 4))
    }

    @Test func emptyAndCommentOnlyDocumentsAreNull() throws {
        #expect(try YAMLReader.read("").isNull)
        #expect(try YAMLReader.read("# nothing here\n\n").isNull)
        #expect(try YAMLReader.read("---\n...\n").isNull)
    }

    @Test func acceptsDocumentStartAndEndMarkers() throws {
        let root = try YAMLReader.read("# header\n---\na: 1\n...\n# trailer\n")
        #expect(root == Node(.object([Node.Member(key: "a", value: Node(.int(1)))])))
        #expect(root.location == loc(3, 1))
    }

    @Test func readsCompactSequencesOfMappings() throws {
        let root = try YAMLReader.read("- name: a\n  args: [1, 2]\n- - x\n  - y\n-\n  k: v\n")
        #expect(node(root, 0, "args", 1)?.value == .int(2))
        #expect(node(root, 1, 1)?.value == .string("y"))
        #expect(node(root, 2, "k")?.value == .string("v"))
        #expect(node(root, 1)?.location == loc(3, 3))
    }

    @Test func acceptsAListAtTheIndentationOfItsKey() throws {
        let root = try YAMLReader.read("gates:\n- a\n- b\nnext: 1\n")
        #expect(root["gates"]?.arrayValue?.count == 2)
        #expect(root["next"]?.value == .int(1))
    }

    @Test func readsFlowCollectionsSpanningLines() throws {
        let root = try YAMLReader.read("m: {\n  a: [1,\n      2],  # two\n  b: \"x\",\n }\n")
        #expect(node(root, "m", "a", 1)?.value == .int(2))
        #expect(node(root, "m", "a", 1)?.location == loc(3, 7))
        #expect(node(root, "m", "b")?.value == .string("x"))
    }

    // YAML 1.2 requires every line of a flow collection nested in a block, the closing bracket's
    // too, to be indented more than the block's key (yaml-test-suite VJP3).
    @Test func rejectsAFlowCollectionLineThatIsNotIndented() throws {
        let error = try #require(yamlError("m: {\n  a: 1\n}\n"))
        #expect(error.location == loc(3, 1))
        #expect(error.message == "this line is inside the flow collection '{' opened at 1:4 and must be indented by at least 1 space (or is a '}' missing?)")
        #expect(throws: Never.self) { try YAMLReader.read("{\n  a: 1\n}\n") }
    }

    @Test func flowMappingEntriesWithoutValueAreNullAndFlowPairsAreMappings() throws {
        let root = try YAMLReader.read("{a, b: 1}\n")
        #expect(root["a"]?.isNull == true)
        let list = try YAMLReader.read("[k: v, w]\n")
        #expect(node(list, 0, "k")?.value == .string("v"))
        #expect(node(list, 1)?.value == .string("w"))
    }

    @Test func keysKeepTheSourceTextOfPlainScalars() throws {
        let root = try YAMLReader.read("1: a\ntrue: b\nnull: c\n0x10: d\n'2': e\n")
        #expect(root.objectValue?.map(\.key) == ["1", "true", "null", "0x10", "2"])
    }

    @Test func readsCRLFAndByteOrderMarkLikePlainLF() throws {
        let lf = try YAMLReader.read("a: 1\nb:\n  - x\n")
        var crlf = [UInt8]([0xEF, 0xBB, 0xBF])
        crlf += Array("a: 1\r\nb:\r\n  - x\r\n".utf8)
        let read = try YAMLReader.read(crlf)
        #expect(read == lf)
        #expect(node(read, "b", 0)?.location == loc(3, 5))
    }

    @Test func rejectsDuplicateKeysAtTheSecondKey() throws {
        let error = try #require(yamlError("a: 1\nb:\n  c: 1\n  c: 2\n"))
        #expect(error.location == loc(4, 3))
        #expect(error.message == "duplicate key 'c' (first defined at 3:3)")
        let flow = try #require(yamlError("x: {k: 1, k: 2}\n"))
        #expect(flow.location == loc(1, 11))
        #expect(flow.message.hasPrefix("duplicate key 'k'"))
    }

    @Test func rejectsTabsUsedAsIndentationWithLineAndColumn() throws {
        let error = try #require(yamlError("a:\n\tb: 1\n"))
        #expect(error.location == loc(2, 1))
        #expect(error.message.contains("tab characters cannot be used for indentation"))
        let afterSpaces = try #require(yamlError("a:\n  b: 1\n  \tc: 2\n"))
        #expect(afterSpaces.location == loc(3, 3))
    }

    @Test func acceptsTabsAsSeparationInsideALine() throws {
        let root = try YAMLReader.read("a:\t1\t# comment\nb: [x,\tz]\n")
        #expect(root["a"]?.value == .int(1))
        #expect(node(root, "b", 1)?.value == .string("z"))
    }

    @Test func reportsBadIndentationWhereItIs() throws {
        let error = try #require(yamlError("map:\n  a: 1\n b: 2\n"))
        #expect(error.location == loc(3, 2))
        #expect(error.message.contains("bad indentation"))
    }

    @Test func reportsAMissingColonWithTheKey() throws {
        let error = try #require(yamlError("a: 1\noops\n"))
        #expect(error.location == loc(2, 1))
        #expect(error.message == "expected ':' after the key 'oops' (a mapping entry is 'key: value')")
        let noSpace = try #require(yamlError("a: 1\nkey:value\n"))
        #expect(noSpace.message.hasSuffix("a ':' inside it needs a space after it to separate key and value)"))
    }

    @Test func reportsUnclosedFlowCollectionsAndQuotesAtTheirStart() throws {
        #expect(yamlError("a: [1, 2\n")?.location == loc(1, 4))
        #expect(yamlError("a: {x: 1\n")?.message.contains("never closed") == true)
        #expect(yamlError("a: 'open\n")?.location == loc(1, 4))
        #expect(yamlError("a: \"open\n")?.message.hasPrefix("unterminated double-quoted string") == true)
    }

    @Test func reportsTextAfterAValue() throws {
        let error = try #require(yamlError("a: \"x\" y\n"))
        #expect(error.location == loc(1, 8))
        #expect(error.message == "unexpected 'y' after the value; expected the end of the line")
    }

    @Test func rejectsInvalidUTF8AndControlCharactersWithLocation() throws {
        let invalid = try #require(yamlError(bytes: Array("a: ok\nb: x".utf8) + [0xFF]))
        #expect(invalid.location == loc(2, 5))
        #expect(invalid.message.contains("invalid UTF-8"))
        let control = try #require(yamlError("a: \u{7}"))
        #expect(control.location == loc(1, 4))
        #expect(control.message.contains("U+0007"))
    }

    @Test func acceptsNestingUpToTheDepthLimit() throws {
        let flow = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        #expect(throws: Never.self) { try YAMLReader.read(flow) }
        var block = ""
        for level in 0..<256 { block += String(repeating: " ", count: level) + "k:\n" }
        #expect(throws: Never.self) { try YAMLReader.read(block) }
    }

    @Test func rejectsNestingBeyondTheDepthLimitWithoutCrashing() throws {
        let flow = try #require(yamlError(String(repeating: "[", count: 257) + String(repeating: "]", count: 257)))
        #expect(flow.message.contains("deeper than 256"))
        #expect(flow.location == loc(1, 257))
        #expect(yamlError(String(repeating: "{a: ", count: 100_000))?.message.contains("deeper than 256") == true)
        #expect(yamlError(String(repeating: "- ", count: 100_000))?.message.contains("deeper than 256") == true)
        var block = ""
        for level in 0..<300 { block += String(repeating: " ", count: level) + "k:\n" }
        #expect(yamlError(block)?.location == loc(257, 257))
    }
}
