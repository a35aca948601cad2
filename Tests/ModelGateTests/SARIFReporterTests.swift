import Document
import Foundation
import Testing
@testable import ModelGate

/// The SARIF report against what the SARIF 2.1.0 schema requires and what GitHub code scanning's
/// upload needs, on a report with findings of a catalogued rule and of a plug-in's own rule.
@Suite struct SARIFReporterTests {
    static let rules = [
        FindingRule(id: "pii.email", summary: "An e-mail address in the data",
                    help: "Personal data the declaration does not list; remove or pseudonymise it.", severity: .high),
    ]

    static var report: RunReport {
        var report = sampleReport
        report.rules = rules
        report.gates.append(GateResult(
            id: "scan", type: "custom-scanner", status: .fail, blocking: true, summary: "2 findings",
            evidence: Evidence([("files_scanned", 2)]),
            findings: [
                Finding(rule: "pickle.dangerous-global", severity: .critical,
                        location: Finding.Location(path: "models/my model#1.pkl", offset: 1207),
                        excerpt: "os.system", message: "loading calls os.system"),
                Finding(rule: "endpoint.no-auth", severity: .medium, location: Finding.Location(),
                        message: "the endpoint answers without credentials"),
            ]))
        return report
    }

    static func document(_ report: RunReport = report) throws -> Node {
        try JSONReader.read(Array(SARIFReporter().render(report).utf8))
    }

    @Test func theLogHasWhatTheSchemaRequires() throws {
        let log = try Self.document()
        #expect(log["version"]?.stringValue == "2.1.0")
        #expect(log["$schema"]?.stringValue?.hasSuffix("sarif-2.1.0.json") == true)
        let runs = try #require(log["runs"]?.arrayValue)
        #expect(runs.count == 1)
        let driver = try #require(runs[0]["tool"]?["driver"])
        #expect(driver["name"]?.stringValue == "modelgate")
        let rules = try #require(driver["rules"]?.arrayValue)
        for rule in rules {
            #expect(rule["id"]?.stringValue?.isEmpty == false)
            for key in ["shortDescription", "fullDescription", "help"] { #expect(rule[key]?["text"]?.stringValue?.isEmpty == false, "\(key)") }
            #expect(["none", "note", "warning", "error"].contains(rule["defaultConfiguration"]?["level"]?.stringValue ?? ""))
        }
        for invocation in runs[0]["invocations"]?.arrayValue ?? [] { #expect(invocation["executionSuccessful"]?.boolValue != nil) }
        let results = try #require(runs[0]["results"]?.arrayValue)
        #expect(results.count == 3)
        for result in results {
            let ruleID = try #require(result["ruleId"]?.stringValue)
            let index = try #require(result["ruleIndex"]?.numberValue.map(Int.init))
            #expect(rules[index]["id"]?.stringValue == ruleID)
            #expect(result["message"]?["text"]?.stringValue?.isEmpty == false)
            #expect(["none", "note", "warning", "error"].contains(result["level"]?.stringValue ?? ""))
            // GitHub: at least one location with a file and a line.
            let location = try #require(result["locations"]?.arrayValue?.first?["physicalLocation"])
            #expect(location["artifactLocation"]?["uri"]?.stringValue?.isEmpty == false)
            let line = try #require(location["region"]?["startLine"]?.numberValue)
            #expect(line >= 1)
            let fingerprints = try #require(result["partialFingerprints"]?.objectValue)
            #expect(!fingerprints.isEmpty && fingerprints.allSatisfy { $0.value.stringValue != nil })
        }
    }

    @Test func eachRuleIsListedOnceWithTheCataloguesHelpOrItsGatesName() throws {
        let rules = try #require(try Self.document()["runs"]?.arrayValue?[0]["tool"]?["driver"]?["rules"]?.arrayValue)
        #expect(rules.compactMap { $0["id"]?.stringValue } == ["pii.email", "pickle.dangerous-global", "endpoint.no-auth"])
        #expect(rules[0]["help"]?["text"]?.stringValue == Self.rules[0].help)
        #expect(rules[1]["shortDescription"]?["text"]?.stringValue?.contains("gate 'scan' (type custom-scanner)") == true)
        #expect(rules[0]["properties"]?["security-severity"]?.stringValue == "8.0")
    }

    @Test func locationsKeepOffsetsRowsAndFieldsAndAFileNameCannotChangeTheURI() throws {
        let results = try #require(try Self.document()["runs"]?.arrayValue?[0]["results"]?.arrayValue)
        let cell = results[0]
        #expect(cell["message"]?["text"]?.stringValue?.contains("(row 17, field email): j***@e***.com") == true)
        #expect(cell["properties"]?["row"]?.numberValue == 17)
        let pickle = try #require(results[1]["locations"]?.arrayValue?[0]["physicalLocation"])
        #expect(pickle["artifactLocation"]?["uri"]?.stringValue == "models/my%20model%231.pkl")
        #expect(pickle["region"]?["byteOffset"]?.numberValue == 1207)
        #expect(results[1]["level"]?.stringValue == "error")
        // No file: the pipeline file, whose configuration asked for the check.
        let endpoint = try #require(results[2]["locations"]?.arrayValue?[0]["physicalLocation"])
        #expect(endpoint["artifactLocation"]?["uri"]?.stringValue == "gates/pipeline.yml")
        #expect(results[2]["level"]?.stringValue == "warning")
    }

    @Test func fingerprintsAreTheSameOnEveryRunAndDifferForDifferentFindings() throws {
        var later = Self.report
        later.startedAt = "2027-01-01T00:00:00Z"
        later.durationSeconds = 99
        later.toolVersion = "9.9.9"
        func fingerprints(_ report: RunReport) throws -> [String] {
            try #require(try Self.document(report)["runs"]?.arrayValue?[0]["results"]?.arrayValue).compactMap {
                $0["partialFingerprints"]?[SARIFReporter.fingerprintName]?.stringValue
            }
        }
        let first = try fingerprints(Self.report)
        #expect(first == (try fingerprints(later)))
        #expect(Set(first).count == first.count)
        var moved = Self.report
        moved.gates[4].findings[0].location.offset = 1208
        #expect(try fingerprints(moved)[1] != first[1])
    }

    @Test func aRunWithoutFindingsIsAnEmptyButValidLog() throws {
        var report = Self.report
        report.gates = [report.gates[0]]
        let run = try #require(try Self.document(report)["runs"]?.arrayValue?.first)
        #expect(run["results"]?.arrayValue?.isEmpty == true)
        #expect(run["tool"]?["driver"]?["rules"]?.arrayValue?.isEmpty == true)
    }

    @Test func aSecretInAFilePathIsMaskedBeforeTheURIEncodesIt() throws {
        let secret = "p@ss w0rd/+\"<&>é~*_|`x\\y"
        var report = Self.report
        report.gates[4].findings[0].location.path = "models/\(secret)/m.pkl"
        report.redactor = SecretRedactor(secrets: [secret])
        let output = SARIFReporter().render(report)
        #expect(!output.contains(SARIFReporter.uri(secret)))
        #expect(SecretLeakCheck(secret: secret).leaks(in: output).isEmpty)
        #expect(output.contains("models/***/m.pkl"))
    }
}
