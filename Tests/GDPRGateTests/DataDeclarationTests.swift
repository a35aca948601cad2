import Foundation
import GateTestSupport
import ModelGate
import Testing
@testable import GDPRGate

/// The declaration is read like the pipeline: every mistake a located error, before anything runs.
@Suite struct DataDeclarationTests {
    func refusal(_ declaration: String) throws -> ConfigError? {
        let space = try GateWorkspace(["d.csv": "email\na@b.example\n", "declaration.yml": .text(declaration)], gate: GDPRGate.self)
        return space.configError("data: [d.csv]\ndeclaration: declaration.yml")
    }

    @Test(arguments: [
        ("fields: {}\n", "needs 'version: 1'", 1),
        ("version: 1\n", "'fields' must map", 1),
        ("version: 1\nfields:\n  email: yes\n", "field 'email' must be a mapping", 3),
        ("version: 1\nfields:\n  email:\n    lawful_basis: profit\n", "'lawful_basis' must be one of", 4),
        ("version: 1\nfields:\n  email:\n    retention_days: -1\n", "'retention_days' must be a whole number", 4),
        ("version: 1\nfields:\n  email:\n    retention: 30\n", "unknown key 'retention' for field 'email'", 4),
        ("version: 1\nfields:\n  x:\n    special_category: hobbies\n", "'special_category' must be one of", 4),
        ("version: 1\nfields:\n  x:\n    art9_condition: because\n", "'art9_condition' must be one of", 4),
        ("version: 1\nfields: [email]\n", "'fields' must map", 2),
        ("version: 1\nowner: me\nfields: {}\n", "unknown key 'owner'", 2),
        ("version: 1\nfields:\n  email: {purpose: \"x\"\n", "never closed", 3),
    ])
    func mistakesAreRefusedAtTheirLine(declaration: String, message: String, line: Int) throws {
        let error = try #require(try refusal(declaration))
        #expect(error.message.contains(message), "\(error)")
        #expect(error.path == "declaration.yml")
        #expect(error.location.line == line, "\(error)")
    }

    @Test func aMissingDeclarationIsRefused() throws {
        let space = try GateWorkspace(["d.csv": "email\n"], gate: GDPRGate.self)
        let error = try #require(space.configError("data: [d.csv]\ndeclaration: nope.yml"))
        #expect(error.message.contains("nope.yml"))
    }
}
