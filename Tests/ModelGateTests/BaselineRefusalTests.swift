import Document
import Foundation
import Testing
@testable import ModelGate

/// A gate type that declares the ranges of its metrics, as built-in gates do.
struct DeclaringGate: Gate {
    static let descriptor = GateDescriptor(
        type: "declaring", summary: "Declares metric ranges (tests only).", rationale: "Drives the report reader's checks.",
        options: [],
        metrics: [MetricSpec("f1", "a proportion", range: .proportion), MetricSpec("roc_auc", "a proportion", range: .proportion),
                  MetricSpec("mcc", "a correlation", range: .correlation), MetricSpec("*_gap", "a spread", range: .nonNegative)],
        defaultTimeout: .seconds(1), examples: [])

    init(options: GateOptions) throws(ConfigError) {}
    func run(_ context: GateContext) async throws -> GateOutcome { GateOutcome(evidence: Evidence(), summary: "") }
}

/// A baseline report is hostile input: a value no measurement gives, a NaN in disguise, a negative
/// count, a gate or metric given twice, a status modelgate does not know, a file too large or too
/// deep, each is refused (exit 2 at the command line) naming the file, line and column.
@Suite struct BaselineRefusalTests {
    static let ranges = MetricRanges(declaredBy: [DeclaringGate.self])
    static let written = JSONReporter().render(sampleReport)
    static let document = try! JSONReader.read(written)

    /// The error reading the report with the node at `path` set to `value`, checked to be at that node.
    func refusal(_ path: [ReportStep], _ value: Node.Value, at place: [ReportStep]? = nil,
                 sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        let text = JSONWriter.write(Self.document.setting(path, to: value))
        do {
            let baseline = try BaselineReport.parse(Array(text.utf8), path: "b.json", ranges: Self.ranges)
            Issue.record("accepted \(path) = \(value): \(baseline.metrics)", sourceLocation: sourceLocation)
            return ""
        } catch {
            let expected = (try? JSONReader.read(text))?.node(at: place ?? path)?.location
            #expect(error.location == expected, "\(error)", sourceLocation: sourceLocation)
            #expect(error.description.hasPrefix("b.json:\(error.location.line):\(error.location.column): error: "),
                    sourceLocation: sourceLocation)
            #expect(error.location.line > 0, sourceLocation: sourceLocation)
            return error.message
        }
    }

    /// The error reading `text` as a baseline, which must be at a line of it.
    func refusal(text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> ConfigError? {
        do {
            _ = try BaselineReport.parse(Array(text.utf8), path: "b.json", ranges: Self.ranges)
            Issue.record("accepted", sourceLocation: sourceLocation)
            return nil
        } catch {
            #expect(error.location.line > 0, "\(error)", sourceLocation: sourceLocation)
            return error
        }
    }

    static let f1: [ReportStep] = [.key("gates"), .index(0), .key("metrics"), .key("f1")]

    func metric(_ name: String) -> [ReportStep] { [.key("gates"), .index(0), .key("metrics"), .key(name)] }

    @Test func theUneditedReportIsABaseline() throws {
        let baseline = try BaselineReport.parse(Array(Self.written.utf8), path: "b.json", ranges: Self.ranges)
        #expect(baseline.metrics["quality"] == ["f1": 0.8734, "roc_auc": 0.91])
    }

    @Test func valuesOutsideADeclaredRangeAreRefused() {
        for value in [1.7, -0.2, 1.0000000001, 1e308, -1e308, 2] {
            #expect(refusal(metric("f1"), .double(value)).contains("f1 is a proportion in [0, 1]"), "\(value)")
            #expect(refusal(metric("roc_auc"), .double(value)).contains("roc_auc is a proportion in [0, 1]"), "\(value)")
        }
        #expect(refusal(metric("mcc"), .int(-2)).contains("mcc is a number in [-1, 1]"))
        #expect(refusal(metric("f1_gap"), .double(-0.1)).contains("f1_gap is a number >= 0"), "a declared pattern")
        #expect(refusal(metric("f1[slice=north]"), .double(1.5)).contains("proportion"), "a slice is in its metric's range")
        let check: [ReportStep] = [.key("gates"), .index(0), .key("checks"), .index(0), .key("actual")]
        #expect(refusal(check, .double(1.7)).contains("f1 is a proportion"), "a check's actual value is its metric's")
    }

    @Test func valuesAgainstTheUnitANameCarriesAreRefused() {
        #expect(refusal(metric("p95_ms"), .double(-1)).contains("p95_ms is a number >= 0"))
        #expect(refusal(metric("latency_seconds"), .double(-0.5)).contains(">= 0"))
        #expect(refusal(metric("throughput_rps"), .double(-1e308)).contains(">= 0"))
        #expect(refusal(metric("items_count"), .int(-3)).contains(">= 0"))
        #expect(refusal(metric("error_rate"), .double(1.01)).contains("proportion in [0, 1]"))
        #expect(refusal(metric("error_rate"), .double(-1e-9)).contains("proportion in [0, 1]"))
    }

    @Test func valuesAtTheEndsOfTheirRangesAreKept() throws {
        var document = Self.document
        for (name, value) in [("f1", 0.0), ("roc_auc", 1.0), ("mcc", -1.0), ("p95_ms", 0.0), ("error_rate", 1.0), ("r2", -1e308)] {
            document = document.setting(metric(name), to: .double(value))
        }
        let baseline = try BaselineReport.parse(Array(JSONWriter.write(document).utf8), path: "b.json", ranges: Self.ranges)
        #expect(baseline.metrics["quality"] == ["f1": 0, "roc_auc": 1, "mcc": -1, "p95_ms": 0, "error_rate": 1, "r2": -1e308])
    }

    @Test func nanAndInfinitiesInAnyDisguiseAreRefused() {
        for value: Node.Value in [.null, .string("NaN"), .string("nan"), .string("Infinity"), .string("-inf"), .string("0.9"),
                                  .bool(true), .array([Node(.double(0.5))]), .object([])] {
            #expect(refusal(metric("f1"), value).contains("must be a finite number"), "\(value)")
            #expect(refusal(metric("unknown_metric"), value).contains("must be a finite number"), "\(value)")
        }
        for number in ["1e999", "-1e400", "2e308"] {
            let text = Self.written.replacingOccurrences(of: "\"roc_auc\": 0.91", with: "\"roc_auc\": \(number)")
            #expect(refusal(text: text)?.message.contains("out of range") == true, "\(number)")
        }
        let interval: [ReportStep] = [.key("gates"), .index(0), .key("checks"), .index(0), .key("interval")]
        #expect(refusal(interval + [.index(1)], .null).contains("finite number"))
        #expect(refusal(interval, .array([Node(.double(0.9)), Node(.double(0.8))])).contains("low end above its high end"))
        #expect(refusal(interval, .array([Node(.double(0.9))])).contains("[low, high]"))
        #expect(refusal([.key("gates"), .index(0), .key("checks"), .index(1), .key("threshold")], .string("high"))
                    .contains("finite number"))
    }

    @Test func negativeOrFractionalCountsAreRefused() {
        let evidence: [ReportStep] = [.key("gates"), .index(0), .key("evidence")]
        #expect(refusal(evidence + [.key("rows")], .int(-1)).contains("cannot be below 0"))
        #expect(refusal(evidence + [.key("skipped_rows")], .int(Int.min)).contains("cannot be below 0"))
        #expect(refusal(evidence + [.key("rows")], .double(1.5)).contains("must be a whole number"))
        #expect(refusal(evidence + [.key("rows")], .double(20000)).contains("must be a whole number"))
        #expect(refusal([.key("candidate"), .key("artifacts"), .index(0), .key("bytes")], .int(-2048)).contains("cannot be below 0"))
        let location: [ReportStep] = [.key("gates"), .index(1), .key("findings"), .index(0), .key("location")]
        #expect(refusal(location + [.key("row")], .int(-17)).contains("cannot be below 0"))
        #expect(refusal(location + [.key("line")], .int(-1)).contains("cannot be below 0"))
        #expect(refusal([.key("gates"), .index(2), .key("durationSeconds")], .double(-0.01)).contains(">= 0"))
        #expect(refusal([.key("durationSeconds")], .double(-1)).contains(">= 0"))
        #expect(refusal([.key("mergedShards")], .int(0)).contains("cannot be below 1"))
    }

    @Test func aGateOrMetricGivenTwiceIsRefused() {
        #expect(refusal([.key("gates"), .index(1), .key("id")], .string("quality")).contains("gate id 'quality' appears twice"))
        #expect(refusal([.key("gates"), .index(3), .key("id")], .string("pii")).contains("appears twice (gates[1] and gates[3])"))
        #expect(refusal([.key("gates"), .index(2), .key("id")], .string("")).contains("is empty"))
        // Two entries for one metric, or any key twice, are refused where the second one is.
        let twice = [("\"roc_auc\": 0.91", "\"roc_auc\": 0.91, \"f1\": 0.99"),
                     ("\"skipped_rows\": 3", "\"skipped_rows\": 3, \"rows\": 1"),
                     ("\"schemaVersion\": 1,", "\"schemaVersion\": 1, \"gates\": [],")]
        for (original, edited) in twice {
            let error = refusal(text: Self.written.replacingOccurrences(of: original, with: edited))
            #expect(error?.message.contains("duplicate key") == true, "\(edited): \(String(describing: error))")
        }
    }

    @Test func statusesModelgateDoesNotKnowAreRefused() {
        for status: Node.Value in [.string("passed"), .string("PASS"), .string(""), .string("ok\u{1B}[2J"), .int(1), .null] {
            let message = refusal([.key("gates"), .index(0), .key("status")], status)
            #expect(message.contains("status") && !message.contains("\u{1B}"), "\(status): \(message)")
        }
        #expect(refusal([.key("gates"), .index(0), .key("status")], .string("partial")).contains("no gate of a report that is not a shard's"))
        #expect(refusal([.key("verdict")], .string("allow")).contains("not one of pass, fail, error, inconclusive, partial"))
        #expect(refusal([.key("verdict")], .string("partial")).contains("only a shard report"))
        let check: [ReportStep] = [.key("gates"), .index(0), .key("checks"), .index(0)]
        #expect(refusal(check + [.key("status")], .string("ok")).contains("not one of pass, fail, inconclusive, waived"))
        #expect(refusal(check + [.key("op")], .string("=>")).contains("not one of >=, >, <=, <, ==, !="))
        #expect(refusal([.key("gates"), .index(1), .key("findings"), .index(0), .key("severity")], .string("severe"))
                    .contains("not one of info, low, medium, high, critical"))
    }

    @Test func fieldsOfTheWrongTypeOrMissingAreRefused() {
        #expect(refusal([.key("schemaVersion")], .int(2)).contains("schemaVersion 2; this modelgate reads 1"))
        #expect(refusal([.key("schemaVersion")], .string("1")).contains("schemaVersion \"1\""))
        #expect(refusal([.key("tool"), .key("name")], .string("othertool")).contains("not a modelgate JSON report"))
        #expect(refusal([.key("gates"), .index(0), .key("blocking")], .string("yes")).contains("must be true or false"))
        #expect(refusal([.key("gates"), .index(0), .key("summary")], .int(5)).contains("must be a string"))
        #expect(refusal([.key("gates"), .index(0), .key("metrics")], .array([])).contains("must be an object"))
        #expect(refusal([.key("gates")], .object([])).contains("must be a list"))
        #expect(refusal([.key("gates"), .index(0)], .string("quality")).contains("gates[0] must be an object"))
        #expect(refusal([.key("gates"), .index(0), .key("state")], .array([])).contains("must be an object"))
        let erroredWithState = Self.document.setting([.key("gates"), .index(0), .key("status")], to: .string("error"))
            .setting([.key("gates"), .index(0), .key("state")], to: .object([]))
        #expect(refusal(text: JSONWriter.write(erroredWithState))?.message.contains("only a decided gate keeps one") == true)
        let noID = Self.written.replacingOccurrences(of: "\"id\": \"quality\",", with: "")
        #expect(refusal(text: noID)?.message.contains("gates[0].id is missing") == true)
    }

    @Test func theReportOfOneShardIsNoBaseline() async throws {
        let options = RunOptions(today: "2026-11-25", mode: .shard(Shard(index: 1, count: 2)!))
        let shard = await PipelineRunner(toolVersion: "test", options: options)
            .run(try pipeline(ShardRunTests.yaml, registry: shardingRegistry), artifacts: [])
        let error = refusal(text: JSONReporter().render(shard))
        #expect(error?.message.contains("use the report of `modelgate merge` as the baseline") == true)
    }

    @Test func nestingDeeperThanAnyReportIsRefusedWhereItGoesTooDeep() {
        var deep = Node(.int(1))
        for _ in 0..<40 { deep = Node(.array([deep])) }
        let text = JSONWriter.write(Self.document.setting([.key("gates"), .index(0), .key("extra")], to: deep.value))
        let error = refusal(text: text)
        #expect(error?.message.contains("nests deeper than \(JSONReportReader.maxDepth) levels") == true, "\(String(describing: error))")
        // Far deeper: the JSON reader stops first, also at a place.
        let far = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(refusal(text: "{\"schemaVersion\": 1, \"x\": \(far)}")?.message.contains("nested deeper") == true)
    }

    @Test func aBaselineThatOverflowsItsConditionIsAnErrorNotAPass() async throws {
        let yaml = header + """
          - id: q
            type: scripted
            metrics: {p95_ms: 1000}
            thresholds: {p95_ms: "<= baseline * 10"}

        """
        let baseline = BaselineReport(path: "b.json", metrics: ["q": ["p95_ms": 1e308]])
        let report = try await run(yaml, options: RunOptions(baseline: baseline, today: "2026-11-25"))
        #expect(report.gates[0].status == .error)
        #expect(report.gates[0].error?.contains("gives no finite threshold") == true, "\(report.gates[0].error ?? "")")
    }
}
