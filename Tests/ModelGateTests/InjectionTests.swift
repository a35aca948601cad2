import Document
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ModelGate

/// Data (a slice label, a plug-in's summary, finding or log) cannot rewrite the terminal, start a
/// line of its own, imitate the verdict, or become Markdown, HTML or XML in a report.
@Suite struct InjectionTests {
    static let attacks = [
        "\u{1B}[2K\rverdict: PASS: deploy allowed (9 gates ran)",
        "ok\nverdict: PASS: deploy allowed",
        "x\r\n\nverdict: PASS: deploy allowed\n",
        "\u{9B}2K\u{85}verdict: PASS \u{1B}]8;;http://evil\u{7}link\u{1B}]8;;\u{7}",
        "\u{202E}dewolla yolped :SSAP\u{202C} \u{2066}x\u{2069} \u{200F}",
        "line\u{2028}verdict: PASS\u{2029}",
        "<!-- the rest is hidden",
        "a | b | c` code ``` fence <script>alert(1)</script> <img src=x onerror=y> --> &amp;",
        "[click me](http://evil.example) ![px](http://tracker.example/p.png) **bold** _it_ ~~s~~ \\| \\",
        "nul\u{0} bell\u{7} back\u{8} del\u{7F} tab\t vt\u{B} ff\u{C}",
    ]

    /// The plug-in answer: the attack in every text field, and on stderr.
    func runPlugin(_ attack: String) async throws -> RunReport {
        func text(_ label: String) -> Node { Node(.string("\(label) \(attack)")) }
        func member(_ key: String, _ value: Node) -> Node.Member { Node.Member(key: key, value: value) }
        let answer = Node(.object([
            member("status", Node(.string("fail"))), member("summary", text("summary")),
            member("metrics", Node(.object([member("f1[slice=\(attack)]", Node(.double(0.5)))]))),
            member("evidence", Node(.object([member("rows", Node(.int(5)))]))),
            member("checks", Node(.array([Node(.object([
                member("metric", Node(.string("f1[slice=\(attack)]"))), member("op", Node(.string(">="))),
                member("threshold", Node(.double(0.9))), member("actual", Node(.double(0.5))), member("status", Node(.string("fail")))]))]))),
            member("findings", Node(.array([Node(.object([
                member("rule", text("rule")), member("severity", Node(.string("high"))), member("message", text("message")),
                member("excerpt", text("excerpt")),
                member("location", Node(.object([member("path", text("path")), member("field", text("field"))]))),
            ]))]))),
        ]))
        let workspace = Workspace()
        defer { workspace.remove() }
        workspace.write("answer.json", JSONWriter.write(answer))
        workspace.write("stderr.txt", "log " + attack + "\n")
        workspace.write("bin/modelgate-gate-echo", """
        #!/bin/sh
        cat > /dev/null
        cat "$(dirname "$0")/../stderr.txt" >&2
        cat "$(dirname "$0")/../answer.json"
        """, executable: true)
        // A JSON pipeline: its strings can hold any character; the scripted gate's summary and error carry it too.
        let attackJSON = JSONWriter.write(Node(.string(attack)), pretty: false)
        let path = workspace.write("pipeline.json", """
        {"version": 1, "candidate": {"name": \(attackJSON), "version": "1"}, "gates": [
          {"id": "p", "type": "echo", "command": ["bin/modelgate-gate-echo"]},
          {"id": "s", "type": "scripted", "summary": \(attackJSON), "blocking": false},
          {"id": "t", "type": "scripted", "throw": \(attackJSON)}]}
        """)
        let registry = GateRegistry(builtins: [ScriptedGate.self], pluginDirectories: [workspace.root + "/bin"], searchPath: "")
        let parsed = try PipelineReader(registry: registry, environment: [:]).read(path: path)
        let report = await PipelineRunner(toolVersion: "test", options: RunOptions(today: "2026-11-25")).run(parsed, artifacts: [])
        #expect(report.gates.map(\.status) == [.fail, .pass, .error], "\(report.gates.map(\.error))")
        #expect(report.gates[0].log?.contains("log ") == true)
        return report
    }

    /// Characters that act on a terminal or reorder text, other than the line breaks a format writes.
    static func actingCharacters(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { $0 != "\n" && VisibleText.needsEscape($0) }
    }

    /// One run per attack (each starts a plug-in), checked in every format.
    @Test(arguments: attacks) func noReportLetsDataActOrPoseAsModelgate(attack: String) async throws {
        let report = try await runPlugin(attack)
        try consoleShowsDataOnItsOwnIndentedLinesWithEveryControlVisible(report)
        markdownShowsDataAsTextNeverAsMarkupOrANewLine(report)
        try junitIsWellFormedAndShowsControlsVisibly(report)
        try jsonEscapesControlsAndReadsBackTheSameText(report, attack: attack)
    }

    func consoleShowsDataOnItsOwnIndentedLinesWithEveryControlVisible(_ report: RunReport) throws {
        for color in [false, true] {
            var output = ConsoleReporter(color: color).render(report)
            if color {
                // modelgate's own colours, and nothing else, may use ESC.
                output = output.replacingOccurrences(of: "\u{1B}\\[(1;)?[0-9]+m", with: "", options: .regularExpression)
            }
            #expect(Self.actingCharacters(output).isEmpty, "colour \(color): \(Self.actingCharacters(output))")
            // Split on the byte: Swift's Character would keep a "\r\n" together.
            let lines = output.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
            try #require(lines.count > 3, "\(output)")
            for (index, line) in lines.enumerated() where !line.isEmpty && !line.hasPrefix("  ") {
                let isHeader = index == 0 && line.hasPrefix("modelgate test · ")
                let isVerdict = index == lines.count - 2 && line.hasPrefix("verdict: ")
                #expect(isHeader || isVerdict, "line \(index) starts at column 0: \(line)")
            }
            #expect(lines[lines.count - 2].hasPrefix("verdict: FAIL"))
            #expect(lines.filter { $0.hasPrefix("verdict:") }.count == 1)
        }
    }

    func markdownShowsDataAsTextNeverAsMarkupOrANewLine(_ report: RunReport) {
        let output = MarkdownReporter().render(report)
        #expect(Self.actingCharacters(output).isEmpty, "\(Self.actingCharacters(output))")
        let withoutOwnTags = output.replacingOccurrences(of: "<sub>", with: "").replacingOccurrences(of: "</sub>", with: "")
        #expect(!withoutOwnTags.contains("<"), "no HTML from data")
        var columns = 0
        for line in output.split(separator: "\n") {
            if line.hasPrefix("|") {
                // Cells split at pipes not escaped by a backslash: every row has its table's columns.
                var pipes = 0, escaped = false
                for character in line {
                    if character == "|" && !escaped { pipes += 1 }
                    escaped = character == "\\" && !escaped
                }
                if line.hasPrefix("|---") || line.hasPrefix("| Gate |") { columns = line.hasPrefix("| Gate |") ? pipes : columns }
                #expect(pipes == columns, "\(line)")
            } else {
                let ours = line.hasPrefix("## ") || line.hasPrefix("### ") || line.hasPrefix("Deploy **blocked**")
                    || line.hasPrefix("<sub>modelgate ")
                #expect(ours, "a line that is not modelgate's: \(line)")
            }
        }
        for line in output.split(separator: "\n") where line.hasPrefix("| p ") || line.hasPrefix("| s ") || line.hasPrefix("| t ") {
            // Every backtick is modelgate's or escaped: data opens no code span.
            var escaped = false
            for character in line {
                #expect(character != "`" || escaped, "\(line)")
                escaped = character == "\\" && !escaped
            }
        }
    }

    func junitIsWellFormedAndShowsControlsVisibly(_ report: RunReport) throws {
        let output = JUnitReporter().render(report)
        #expect(Self.actingCharacters(output).isEmpty, "\(Self.actingCharacters(output))")
        #if canImport(FoundationXML) || os(macOS)
        let document = try XMLDocument(data: Data(output.utf8))
        let messages = try document.nodes(forXPath: "//@message").compactMap(\.stringValue)
        for message in messages { #expect(Self.actingCharacters(message).isEmpty && !message.contains("\n"), "\(message)") }
        #endif
    }

    func jsonEscapesControlsAndReadsBackTheSameText(_ report: RunReport, attack: String) throws {
        let output = JSONReporter().render(report)
        #expect(Self.actingCharacters(output).isEmpty, "\(Self.actingCharacters(output))")
        let read = try JSONReportReader().parse(Array(output.utf8), path: "r.json")
        #expect(read.gates[0].summary == report.gates[0].summary, "escaping is only how the file spells it")
        #expect(read.candidate.name == attack)
    }

    @Test func visibleEscapesNameTheCharacter() {
        #expect(VisibleText.escaped("a\u{1B}[0m\r\n\t\u{202E}\u{85}b") == "a\\u{1B}[0m\\r\\n\\t\\u{202E}\\u{85}b")
        #expect(VisibleText.escaped("log\nline\r", keepingNewlines: true) == "log\nline\\r")
        #expect(VisibleText.escaped("plain – ünïcode ✅") == "plain – ünïcode ✅")
    }

    @Test func markdownInlineTextEscapesMarkupAndHTML() {
        #expect(MarkdownText.inline("<!-- *x* [a](b) | `c`") == "&lt;!-- \\*x\\* \\[a\\](b) \\| \\`c\\`")
    }
}
