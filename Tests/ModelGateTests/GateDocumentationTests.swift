import Testing
@testable import ModelGate

/// A gate's page (`modelgate gates TYPE`, its README) lists its rules in a Markdown table: a bar or
/// a line break in a rule's help must not split a row.
@Suite struct GateDocumentationTests {
    @Test func aRulesHelpStaysInItsCell() {
        var descriptor = ScriptedGate.descriptor
        descriptor.rules = [FindingRule(id: "demo.rule", summary: "A demo", help: "Either a | b,\nor c.", severity: .medium)]
        let page = GateDocumentation.page(descriptor)
        #expect(page.contains("\n## Rules\n"))
        #expect(page.contains("\n| `demo.rule` | medium | Either a \\| b, or c. |\n"), "\(page)")
    }

    @Test func aGateWithoutRulesHasNoRulesSection() {
        #expect(!GateDocumentation.page(ScriptedGate.descriptor).contains("## Rules"))
    }
}
