import Foundation
import GateTestSupport
import ModelGate
import Testing
@testable import GDPRGate

/// The gate end to end: one finding per column, declarations honoured, retention and pseudonyms
/// checked, logs and answers scanned, the inventory written, and no value in any report.
@Suite struct GDPRGateRunTests {
    static let emails = ["ana.garcia@example.com", "j.smith@example.org", "m.muller@example.de"]
    static let iban = "DE89370400440532013000"

    func run(_ files: [String: ExampleFile], _ options: String) async throws -> (GateResult, RunReport, GateWorkspace) {
        let space = try GateWorkspace(files, gate: GDPRGate.self)
        let report = try await space.report(options)
        return (report.gates[0], report, space)
    }

    @Test func oneFindingPerColumnWithShareCountFirstRowAndMask() async throws {
        let rows = (1...200).map { "\($0),user\($0)@example.com,\($0 % 7)" }.joined(separator: "\n")
        let (result, _, _) = try await run(["c.csv": .text("id,contact,score\n" + rows + "\n")], "data: [c.csv]")
        #expect(result.status == .fail)
        #expect(result.findings.count == 1)
        let finding = try #require(result.findings.first)
        #expect(finding.rule == "gdpr.undeclared-personal-data")
        #expect(finding.location.field == "contact")
        #expect(finding.location.row == 1)
        #expect(finding.message.contains("100 % email, 200 of 200 values"), "\(finding.message)")
        #expect(finding.excerpt?.contains("user1@example.com") == false)
    }

    @Test func noReportOrLogShowsADetectedValue() async throws {
        let csv = "name,email,iban,notes\nAna García,\(Self.emails[0]),\(Self.iban),call \(Self.emails[1])\n"
        let (result, report, _) = try await run(["p.csv": .text(csv), "app.log": .text("login \(Self.emails[2]) from 10.20.30.40\n")],
                                                 "data: [p.csv, app.log]")
        #expect(result.findings.count >= 3)
        for format in ReportFormat.allCases {
            let text = format.reporter().render(report)
            for value in Self.emails + [Self.iban, "10.20.30.40", "0532013000"] {
                #expect(!text.contains(value), "\(format) shows \(value)")
            }
        }
        #expect(!(result.log ?? "").contains("@example"))
    }

    @Test func aPseudonymisedColumnHoldingRawIdentifiersIsFound() async throws {
        let declaration = "version: 1\nfields:\n  user:\n    purpose: join\n    lawful_basis: contract\n    retention_days: 30\n    pseudonymised: true\n"
        let csv = "user,day\n4ea320b0329fa771b4a7adcd451df8d0abb8031d8705e5fa04efe94788f003cb,2026-12-01\n\(Self.emails[0]),2026-12-01\n"
        let (result, _, _) = try await run(["u.csv": .text(csv), "d.yml": .text(declaration)],
                                           "data: [u.csv]\ndeclaration: d.yml\ndate_column: day\nas_of: 2026-12-05")
        #expect(result.findings.map(\.rule) == ["gdpr.raw-identifier"])
        #expect(result.status == .fail)
        let hashes = "user,day\n4ea320b0329fa771b4a7adcd451df8d0abb8031d8705e5fa04efe94788f003cb,2026-12-01\n123e4567-e89b-12d3-a456-426614174000,2026-12-02\n"
        let (clean, _, _) = try await run(["u.csv": .text(hashes), "d.yml": .text(declaration)],
                                          "data: [u.csv]\ndeclaration: d.yml\ndate_column: day\nas_of: 2026-12-05")
        #expect(clean.findings.isEmpty, "\(clean.findings.map(\.message))")
        #expect(clean.status == .pass)
    }

    @Test func specialCategoriesAreRecognisedByValuesAndInFourLanguages() async throws {
        let csv = "person_ref,konfession,group\n1,katholisch,a\n2,evangelisch,b\n3,muslimisch,a\n"
        let (byName, _, _) = try await run(["r.csv": .text(csv)], "data: [r.csv]")
        #expect(byName.findings.contains { $0.rule == "gdpr.special-category-without-condition" && $0.location.field == "konfession" })
        let values = "ref,group\n1,heterosexual\n2,bisexual\n3,gay\n"
        let (byValue, _, _) = try await run(["s.csv": .text(values)], "data: [s.csv]")
        #expect(byValue.findings.contains { $0.rule == "gdpr.special-category-without-condition" && $0.location.field == "group" })
        #expect(byValue.findings.first?.severity == .critical)
        let declared = "version: 1\nfields:\n  group:\n    special_category: sex_life\n    art9_condition: explicit_consent\n    purpose: fairness audit\n    lawful_basis: consent\n    retention_days: 90\n"
        let (allowed, _, _) = try await run(["s.csv": .text(values), "d.yml": .text(declared)], "data: [s.csv]\ndeclaration: d.yml")
        #expect(allowed.findings.isEmpty, "\(allowed.findings.map(\.message))")
    }

    @Test func jsonLinesArePathsAndUndatedRecordsAreFindings() async throws {
        let lines = """
            {"user": {"email": "\(Self.emails[0])", "id": 1}, "at": "2026-01-02T10:00:00Z"}
            {"user": {"email": "\(Self.emails[1])", "id": 2}, "at": "yesterday"}

            """
        let declaration = "version: 1\nfields:\n  user.email:\n    purpose: contact\n    lawful_basis: contract\n    retention_days: 3650\n"
        let (result, _, _) = try await run(["e.jsonl": .text(lines), "d.yml": .text(declaration)],
                                           "data: [e.jsonl]\ndeclaration: d.yml\ndate_column: at\nas_of: 2026-12-05")
        #expect(result.findings.map(\.rule) == ["gdpr.undated-records"], "\(result.findings.map(\.message))")
        #expect(result.findings.first?.location.row == 2)
    }

    @Test func theInventoryIsWrittenWithoutValuesAndNeverOverAnInput() async throws {
        let csv = "email,plan\n\(Self.emails[0]),pro\n"
        let (result, _, space) = try await run(["c.csv": .text(csv)], "data: [c.csv]\ninventory: out/inventory.json")
        #expect(result.status == .error, "the out/ folder does not exist: \(result.error ?? "")")
        try FileManager.default.createDirectory(atPath: space.root + "/out", withIntermediateDirectories: true)
        let written = try await space.run("data: [c.csv]\ninventory: out/inventory.json")
        #expect(written.status == .fail)
        let inventory = try String(contentsOfFile: space.root + "/out/inventory.json", encoding: .utf8)
        #expect(inventory.contains("\"kind\": \"email\""))
        #expect(!inventory.contains(Self.emails[0]))
        let clobber = try await space.run("data: [c.csv]\ninventory: c.csv")
        #expect(clobber.status == .error)
        #expect(try String(contentsOfFile: space.root + "/c.csv", encoding: .utf8) == csv)
    }

    @Test func numbersThatOnlyLookLikeIdentifiersAreNotPersonalData() async throws {
        // Order numbers with card-like lengths but failing Luhn, and versions that look like addresses.
        let csv = "order,version,amount\n4111111111111112,2.10.3,19.99\n5500000000000005,10.0.0.256,5.00\n"
        let (result, _, _) = try await run(["o.csv": .text(csv)], "data: [o.csv]")
        #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
        #expect(result.status == .pass)
    }
}
