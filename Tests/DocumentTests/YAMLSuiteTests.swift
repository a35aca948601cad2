import Document
import Foundation
import Testing

/// One case of the yaml-test-suite selection in Fixtures/yaml-suite.
struct YAMLSuiteCase: Sendable, CustomTestStringConvertible {
    let name: String
    let path: String

    var testDescription: String { name }
    var mustFail: Bool { FileManager.default.fileExists(atPath: path + "/error") }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/yaml-suite").path

    static var all: [YAMLSuiteCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { $0.first?.isNumber == true }.sorted()
            .map { YAMLSuiteCase(name: $0, path: root + "/" + $0) }
    }

    func bytes(_ file: String) throws -> [UInt8] {
        let data = try #require(FileManager.default.contents(atPath: path + "/" + file), "missing \(file) in \(name)")
        return [UInt8](data)
    }
}

@Suite struct YAMLSuiteTests {
    // Guards the parameterized test below against silently running over nothing.
    @Test func fixturesHoldEveryValidAndErrorCase() {
        let cases = YAMLSuiteCase.all
        #expect(cases.count == 171)
        #expect(cases.filter(\.mustFail).count == 46)
    }

    @Test(arguments: YAMLSuiteCase.all)
    func readsValidCasesLikeTheSuiteAndRejectsErrorCases(_ suiteCase: YAMLSuiteCase) throws {
        let input = try suiteCase.bytes("in.yaml")
        if suiteCase.mustFail {
            #expect(throws: DocumentError.self) { try YAMLReader.read(input) }
            return
        }
        let expected = try JSONReader.read(try suiteCase.bytes("out.json"))
        let actual = try YAMLReader.read(input)
        #expect(sameDocument(actual, expected),
                "got \(JSONWriter.write(actual, pretty: false)), expected \(JSONWriter.write(expected, pretty: false))")
    }
}
