import Foundation
import ModelFiles

/// Reads file paths from stdin and prints, per file, one JSON line: the pickles read, the globals
/// imported, the rules reported and their messages. With `--fuzz-input`, the first byte (the fuzzer's knobs) is skipped.
@main struct PickleDifferential {
    struct Line: Encodable {
        let path: String
        let pickles: Int
        let globals: [String]
        let rules: [String]
        let messages: [String]
    }

    static func main() throws {
        let skip = CommandLine.arguments.contains("--fuzz-input") ? 1 : 0
        let encoder = JSONEncoder()
        while let path = readLine() {
            // A fuzzer may replace files while this runs; a vanished file is skipped on both sides.
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else { continue }
            let bytes = Array(data.dropFirst(skip))
            let report = PickleScanner().scan(bytes)
            let line = Line(path: path, pickles: report.pickles, globals: report.globals.map(\.name.description),
                            rules: report.findings.map(\.rule.rawValue), messages: report.findings.map(\.message))
            print(String(decoding: try encoder.encode(line), as: UTF8.self))
        }
    }
}
