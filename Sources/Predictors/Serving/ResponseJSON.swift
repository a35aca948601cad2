import Document
import ModelGate

/// Reads a server's JSON response: strict JSON, plus the bare `NaN`, `Infinity` and `-Infinity`
/// that Python's json module and TF Serving write for non-finite numbers. Those are read as
/// numbers so the answer that holds one is refused by name ("must be a finite number") rather
/// than the whole response being "not JSON".
enum ResponseJSON {
    static func read(_ bytes: [UInt8]) throws(GateFailure) -> Node {
        do throws(DocumentError) {
            return try JSONReader.read(bytes)
        } catch {
            guard let marked = markNonFinite(bytes) else {
                throw GateFailure("the response is not JSON (\(error.message) at line \(error.location.line), column \(error.location.column))")
            }
            do throws(DocumentError) {
                return restore(try JSONReader.read(marked))
            } catch {
                throw GateFailure("the response is not JSON (\(error.message) at line \(error.location.line), column \(error.location.column))")
            }
        }
    }

    /// The spellings replaced, each by a string no JSON text spells without an escape.
    private static let words: [(word: [UInt8], marker: String, value: Double)] = [
        (Array("-Infinity".utf8), "\u{0}-Infinity", -.infinity),
        (Array("Infinity".utf8), "\u{0}Infinity", .infinity),
        (Array("NaN".utf8), "\u{0}NaN", .nan),
    ]

    /// The text with each non-finite word outside strings replaced by its marker string; nil
    /// when there is none (the response was simply not JSON).
    private static func markNonFinite(_ bytes: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var inString = false, escaped = false, replaced = false
        var i = 0
        outer: while i < bytes.count {
            let b = bytes[i]
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
            } else if b == UInt8(ascii: "\"") {
                inString = true
            } else if b == UInt8(ascii: "N") || b == UInt8(ascii: "I") || b == UInt8(ascii: "-") {
                for entry in words where bytes[i...].starts(with: entry.word) {
                    out.append(contentsOf: "\"\\u0000\(entry.marker.dropFirst())\"".utf8)
                    i += entry.word.count
                    replaced = true
                    continue outer
                }
            }
            out.append(b)
            i += 1
        }
        return replaced ? out : nil
    }

    private static func restore(_ node: Node) -> Node {
        switch node.value {
        case .string(let text) where text.hasPrefix("\u{0}"):
            if let entry = words.first(where: { $0.marker == text }) { return Node(.double(entry.value), at: node.location) }
            return node
        case .array(let items):
            return Node(.array(items.map(restore)), at: node.location)
        case .object(let members):
            return Node(.object(members.map { Node.Member(key: $0.key, keyLocation: $0.keyLocation, value: restore($0.value)) }), at: node.location)
        default:
            return node
        }
    }
}
