import Document
import Testing
@testable import ModelGate

@Suite struct PipelineReaderTests {
    @Test func readsAValidPipeline() throws {
        let parsed = try pipeline(header + """
          - id: quality
            type: scripted
            blocking: false
            timeout: 90s
            decide: interval
            confidence: 99%
            metrics: {f1: 0.9}
            thresholds:
              f1: ">= 0.85"
          - id: second
            type: scripted
            needs: quality
        """)
        #expect(parsed.config.candidate.name == "credit-risk")
        #expect(parsed.config.candidate.version == "2.4.0")
        let gate = parsed.config.gates[0]
        #expect(gate.id == "quality" && gate.type == "scripted" && !gate.blocking)
        #expect(gate.timeout == .seconds(90))
        #expect(gate.decide == .interval && gate.confidence == 0.99)
        #expect(gate.thresholds.map(\.metric) == ["f1"])
        #expect(gate.thresholds[0].location == SourceLocation(line: 12, column: 11))
        #expect(parsed.config.gates[1].needs == ["quality"])
        #expect(parsed.config.gates[1].timeout == .seconds(30), "the type's default timeout")
        #expect(parsed.config.sha256.count == 64)
    }

    @Test func badConditionNamesFileLineColumnAndWhatWasExpected() {
        let error = configError(header + """
          - id: quality
            type: scripted
            thresholds:
              f1: high
        """)
        #expect(error?.description == "pipeline.yml:7:11: error: threshold for 'f1' must be a condition like \">= 0.9\", got \"high\" (expected an operator (>=, >, <=, <, ==, !=))")
    }

    @Test func bareNumberThresholdIsRefused() {
        let error = configError(header + "  - {id: q, type: scripted, thresholds: {f1: 0.9}}\n")
        #expect(error?.message.contains("got the bare number 0.9") == true)
        #expect(error?.location == SourceLocation(line: 4, column: 46))
    }

    @Test func unknownKeysSuggestTheNearestKnownOne() {
        let error = configError(header + """
          - id: quality
            type: scripted
            thresholds: {}
            timout: 10s
        """)
        #expect(error?.message == "unknown option 'timout' for gate 'quality' of type 'scripted'; did you mean 'timeout'?")
        #expect(error?.location == SourceLocation(line: 7, column: 5))
    }

    @Test func unknownTopLevelKeyIsAnError() {
        let error = configError(header + "  - {id: q, type: scripted}\ngatez: []\n")
        #expect(error?.message == "unknown key 'gatez' in the pipeline file; did you mean 'gates'?")
        #expect(error?.location.line == 5)
    }

    @Test func duplicateGateIdsAreRejectedAtTheSecond() {
        let error = configError(header + "  - {id: q, type: scripted}\n  - {id: q, type: scripted}\n")
        #expect(error?.message.hasPrefix("duplicate gate id 'q'") == true)
        #expect(error?.location == SourceLocation(line: 5, column: 10))
    }

    @Test func wrongOptionTypesSayWhatWasExpected() {
        let error = configError(header + "  - {id: q, type: scripted, rows: many}\n")
        #expect(error?.message == "option 'rows' of gate 'q' must be a whole number, got \"many\"")
        #expect(error?.location == SourceLocation(line: 4, column: 35))
    }

    @Test func newerSchemaVersionIsRefused() {
        let error = configError("version: 2\ncandidate: {name: a, version: '1'}\ngates: [{id: q, type: scripted}]\n")
        #expect(error?.message.contains("newer than this modelgate reads") == true)
        #expect(error?.location == SourceLocation(line: 1, column: 10))
    }

    @Test func missingRequiredKeysAreNamed() {
        #expect(configError("version: 1\ngates: [{id: q, type: scripted}]\n")?.message == "the pipeline file is missing required key 'candidate'")
        #expect(configError(header + "  - {type: scripted}\n")?.message == "gate #1 is missing required key 'id'")
        #expect(configError("version: 1\ncandidate: {name: a, version: '1'}\ngates: []\n")?.message.hasPrefix("'gates' must be a non-empty list") == true)
    }

    @Test func needsMustNameAnEarlierGate() {
        let later = configError(header + "  - {id: a, type: scripted, needs: b}\n  - {id: b, type: scripted}\n")
        #expect(later?.message == "gate 'a' needs 'b', which runs after it; list 'b' first")
        let missing = configError(header + "  - {id: a, type: scripted, needs: [nope]}\n")
        #expect(missing?.message == "gate 'a' needs 'nope', but there is no gate with that id")
        let itself = configError(header + "  - {id: a, type: scripted, needs: a}\n")
        #expect(itself?.message == "gate 'a' needs itself; a gate can only need gates listed before it")
        #expect(itself?.location == SourceLocation(line: 4, column: 36))
    }

    @Test func baselineConditionWithoutBaselineIsAConfigurationError() {
        let yaml = header + "  - {id: q, type: scripted, thresholds: {f1: '>= baseline - 0.01'}}\n"
        #expect(configError(yaml)?.message.contains("no baseline report was given") == true)
        #expect(configError(yaml, hasBaseline: true) == nil)
    }

    @Test func unknownGateTypeListsWhatExists() {
        let error = configError(header + "  - {id: q, type: scriptd}\n")
        #expect(error?.message.hasPrefix("unknown gate type 'scriptd': not built in (scripted)") == true)
        #expect(error?.message.hasSuffix("did you mean 'scripted'?") == true)
    }

    @Test func environmentVariablesAreInterpolatedAndRememberedAsSecrets() throws {
        let parsed = try pipeline(header + "  - {id: q, type: scripted, summary: 'token ${API_TOKEN} end'}\n",
                                  environment: ["API_TOKEN": "s3cr3t-value"])
        #expect(parsed.gates[0].config.options["summary"]?.stringValue == "token s3cr3t-value end")
        #expect(parsed.redactor.redact("leaked s3cr3t-value here") == "leaked *** here")
        #expect(ConfigDocument.json(parsed.config.document).contains("${API_TOKEN}"), "config --json shows the reference, not the value")
        #expect(!ConfigDocument.json(parsed.config.document).contains("s3cr3t"))
    }

    @Test func missingEnvironmentVariableIsAnErrorAtItsPlace() {
        let error = configError(header + "  - {id: q, type: scripted, summary: '${NOPE}'}\n")
        #expect(error?.message == "environment variable 'NOPE' is not set (used as ${NOPE})")
        #expect(error?.location == SourceLocation(line: 4, column: 38))
    }

    @Test func configurationErrorsNeverQuoteASecret() {
        let error = configError(header + "  - {id: q, type: scripted, rows: '${TOKEN}'}\n", environment: ["TOKEN": "tok-123456"])
        #expect(error?.message == "option 'rows' of gate 'q' must be a whole number, got \"***\"")
    }

    @Test func doubleDollarIsALiteralDollar() throws {
        let parsed = try pipeline(header + "  - {id: q, type: scripted, summary: 'costs $$5 ${X}'}\n", environment: ["X": "y"])
        #expect(parsed.gates[0].config.options["summary"]?.stringValue == "costs $5 y")
    }

    @Test func yamlErrorsKeepTheirPlace() {
        let error = configError("version: 1\ncandidate: &c {name: a, version: '1'}\ngates: [{id: q, type: scripted}]\n")
        #expect(error?.location.line == 2)
        #expect(error?.description.hasPrefix("pipeline.yml:2:") == true)
    }

    @Test func unquotedGreaterThanConditionSaysToQuoteIt() {
        let error = configError(header + "  - id: q\n    type: scripted\n    thresholds:\n      f1: >= 0.85\n")
        #expect(error?.location == SourceLocation(line: 7, column: 12))
        #expect(error?.message.hasSuffix("(a condition starting with '>' must be quoted: f1: \">= 0.85\")") == true)
    }

    @Test func waiversNeedAllTheirFieldsAndAValidDate() {
        let base = header + "  - {id: q, type: scripted}\nwaivers:\n"
        #expect(configError(base + "  - {gate: q, check: f1, reason: r, approved_by: a, expires: 2026-02-30}\n")?.message
                == "'expires' must be a date like 2026-12-31")
        #expect(configError(base + "  - {gate: x, check: f1, reason: r, approved_by: a, expires: 2026-02-28}\n")?.message
                == "waiver names gate 'x', but there is no gate with that id")
        #expect(configError(base + "  - {gate: q, check: f1, approved_by: a, expires: 2026-02-28}\n")?.message
                == "waiver is missing required key 'reason'")
    }

    @Test func jsonPipelinesReadTheSame() throws {
        let json = """
        {"version": 1, "candidate": {"name": "m", "version": "1"},
         "gates": [{"id": "q", "type": "scripted", "thresholds": {"f1": ">= 0.5"}}]}
        """
        let parsed = try PipelineReader(registry: testRegistry, environment: [:]).read(bytes: Array(json.utf8), path: "p.json")
        #expect(parsed.config.gates[0].thresholds[0].condition.text == ">= 0.5")
    }

    @Test func invalidGateIdIsRejected() {
        #expect(configError(header + "  - {id: 'a b', type: scripted}\n")?.message.hasPrefix("gate id 'a b' must be") == true)
    }

    @Test func durationsReadAsConfigurationFilesWriteThem() {
        #expect(DurationText.parse("500ms") == .milliseconds(500))
        #expect(DurationText.parse("1h30m") == .seconds(5400))
        #expect(DurationText.parse("1.5s") == .milliseconds(1500))
        #expect(DurationText.parse("10") == nil)
        #expect(DurationText.parse("10 m") == nil)
        #expect(DurationText.parse("0s") == nil)
        #expect(DurationText.format(.seconds(600)) == "10m")
    }
}
