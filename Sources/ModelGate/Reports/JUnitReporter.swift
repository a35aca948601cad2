/// JUnit XML, as the test-report views of Jenkins, GitLab and GitHub read it: one testsuite, a
/// testcase per gate and per check. Blocking failures and inconclusive results are `<failure>`,
/// gates that could not run are `<error>`, skipped gates `<skipped>`; warnings pass with a note.
public struct JUnitReporter: Reporter {
    public init() {}

    public func layout(_ report: RunReport) -> String {
        var cases: [String] = []
        var failures = 0, errors = 0, skipped = 0
        for gate in report.gates {
            let classname = "modelgate.\(gate.id)"
            var body = ""
            switch gate.status {
            case .fail, .inconclusive:
                failures += 1
                body = element("failure", message: gate.summary, type: gate.status.rawValue, text: gateDetail(gate))
            case .error:
                errors += 1
                body = element("error", message: gate.error ?? gate.summary, type: "error", text: gate.log)
            case .skipped:
                skipped += 1
                body = "      <skipped message=\"\(attribute(gate.summary))\"/>\n"
            case .warn:
                body = "      <system-out>\(block("warning (non-blocking): " + (gate.error ?? gate.summary)))</system-out>\n"
            case .partial:
                body = "      <system-out>\(block(gate.summary))</system-out>\n"
            case .pass:
                break
            }
            if let log = gate.log, gate.status != .error {
                body += "      <system-err>\(block(log))</system-err>\n"
            }
            cases.append(testcase(classname: classname, name: "\(gate.id) (\(gate.type))", time: gate.durationSeconds, body: body))

            for check in gate.checks {
                var checkBody = ""
                let observed = "\(check.metric) = \(HumanNumber.format(check.actual)), expected \(check.condition)"
                    + (check.condition.contains("baseline") ? " (threshold \(HumanNumber.format(check.threshold)))" : "")
                    + (check.interval.map { ", interval \(HumanNumber.interval($0))" } ?? "")
                switch check.status {
                case .fail, .inconclusive:
                    if gate.blocking {
                        failures += 1
                        checkBody = element("failure", message: observed, type: check.status.rawValue, text: check.note)
                    } else {
                        checkBody = "      <system-out>\(block("warning (non-blocking): " + observed))</system-out>\n"
                    }
                case .waived:
                    let waiver = check.waiver.map { "waived by \($0.approvedBy) until \($0.expires): \($0.reason)" } ?? "waived"
                    checkBody = "      <system-out>\(block(observed + "; " + waiver))</system-out>\n"
                case .pass:
                    break
                }
                cases.append(testcase(classname: classname, name: "\(check.metric) \(check.condition)", time: 0, body: checkBody))
            }
        }
        // A verdict that blocks must show red in a JUnit view even when no gate or check did (an
        // interrupted run whose gates were skipped, a run in which no blocking gate ran).
        if report.verdict != .pass, report.verdict != .partial, failures + errors == 0 {
            errors += 1
            let why = report.interruption.map { "the run was interrupted (\($0))" } ?? "verdict \(report.verdict.rawValue)"
            cases.append(testcase(classname: "modelgate", name: "verdict", time: 0,
                                  body: element("error", message: why, type: report.verdict.rawValue, text: nil)))
        }
        let name = "modelgate \(report.candidate.name) \(report.candidate.version)"
        let counts = "tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\""
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"modelgate\" \(counts) time=\"\(time(report.durationSeconds))\">\n"
        out += "  <testsuite name=\"\(attribute(name))\" \(counts) time=\"\(time(report.durationSeconds))\" timestamp=\"\(attribute(report.startedAt))\">\n"
        out += "    <properties>\n"
        out += "      <property name=\"verdict\" value=\"\(report.verdict.rawValue)\"/>\n"
        out += "      <property name=\"config.sha256\" value=\"\(report.configSHA256)\"/>\n"
        for artifact in report.candidate.artifacts {
            out += "      <property name=\"artifact\" value=\"\(attribute(artifact.path)) sha256:\(artifact.sha256)\"/>\n"
        }
        out += "    </properties>\n"
        out += cases.joined()
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    private func testcase(classname: String, name: String, time seconds: Double, body: String) -> String {
        let open = "    <testcase classname=\"\(attribute(classname))\" name=\"\(attribute(name))\" time=\"\(time(seconds))\""
        return body.isEmpty ? open + "/>\n" : open + ">\n" + body + "    </testcase>\n"
    }

    private func element(_ tag: String, message: String, type: String, text: String?) -> String {
        let open = "      <\(tag) message=\"\(attribute(message))\" type=\"\(type)\""
        guard let text, !text.isEmpty else { return open + "/>\n" }
        return open + ">\(block(text))</\(tag)>\n"
    }

    private func gateDetail(_ gate: GateResult) -> String {
        gate.checks.filter { $0.status == .fail || $0.status == .inconclusive }
            .map { "\($0.metric) = \(HumanNumber.format($0.actual)), expected \($0.condition)" }
            .joined(separator: "\n")
    }

    private func time(_ seconds: Double) -> String { String(format: "%.3f", seconds) }

    /// An attribute: one line, every control character made visible (`VisibleText`), then XML-escaped.
    private func attribute(_ text: String) -> String { Self.xml(VisibleText.escaped(text)) }

    /// Element text (a log, a detail): line breaks kept, every other control character made visible.
    private func block(_ text: String) -> String { Self.xml(VisibleText.escaped(text, keepingNewlines: true)) }

    /// XML text and attribute escaping; characters XML 1.0 forbids become U+FFFD so the file stays well-formed.
    static func xml(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t", "\r": out += "&#\(scalar.value);"
            default:
                let v = scalar.value
                let allowed = v >= 0x20 && v != 0xFFFE && v != 0xFFFF
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }
}

import Foundation
