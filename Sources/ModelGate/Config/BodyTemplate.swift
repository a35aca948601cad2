import Document

/// The `json` protocol's request body: JSON text with `{{field}}` placeholders, each filled with
/// one of the row's input values for every request.
///
/// A placeholder outside a JSON string takes the value as JSON (`{"age": {{age}}}` sends a
/// number, a quoted string or null); one inside a string takes the value's text, escaped for JSON
/// (`"text": "Review: {{review}}"`; a missing value adds nothing). The template is compiled once:
/// literal bytes and placeholders, so filling it is appends only.
public struct BodyTemplate: Sendable, Equatable {
    public enum Segment: Sendable, Equatable {
        case literal([UInt8])
        /// The input at this index of `inputs`; `inString`: inside a JSON string literal.
        case field(Int, inString: Bool)
    }

    public let segments: [Segment]

    /// Why a template cannot be used, as a sentence for a located configuration error.
    public struct Problem: Error, Sendable, Equatable {
        public var message: String
    }

    /// Compiles `text`, whose placeholders must each name one of `inputs`; the text with its
    /// placeholders filled must be JSON.
    public init(_ text: String, inputs: [String]) throws(Problem) {
        let bytes = Array(text.utf8)
        var segments: [Segment] = []
        var literal: [UInt8] = []
        var inString = false
        var escaped = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "{"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "{") {
                guard let close = Self.find(bytes, from: i + 2) else {
                    throw Problem(message: "'{{' at byte \(i + 1) of 'body' has no closing '}}'")
                }
                let name = String(decoding: bytes[(i + 2)..<close], as: UTF8.self).trimmingSpaces
                guard let index = inputs.firstIndex(of: name) else {
                    throw Problem(message: "placeholder \(Spelling.quoted(name)) in 'body' names no input; list it in 'inputs'")
                }
                if !literal.isEmpty { segments.append(.literal(literal)); literal = [] }
                segments.append(.field(index, inString: inString))
                escaped = false
                i = close + 2
                continue
            }
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
            } else if b == UInt8(ascii: "\"") {
                inString = true
            }
            literal.append(b)
            i += 1
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        self.segments = segments
        guard segments.contains(where: { if case .field = $0 { true } else { false } }) else {
            throw Problem(message: "'body' has no {{field}} placeholder, so every row would send the same request")
        }
        // Filled with a number, null and a string with escapes: between them they start and end
        // with every kind of byte a value can, so a placeholder glued to a literal (`4{{a}}`)
        // or placed after a backslash fails here rather than on some row.
        for sample in [#"-1.5e3"#, "null", #""q\"u\\o\u0001""#] {
            var filled: [UInt8] = []
            render(into: &filled) { _ in Array(sample.utf8)[...] }
            do throws(DocumentError) {
                _ = try JSONReader.read(filled)
            } catch {
                throw Problem(message: "'body' is not JSON once its placeholders are filled (\(error.message)); a placeholder outside quotes takes a JSON value")
            }
        }
    }

    /// Appends the body for one row; `value(i)` is input i's JSON text (number, string or null).
    public func render(into out: inout [UInt8], value: (Int) -> ArraySlice<UInt8>) {
        for segment in segments {
            switch segment {
            case .literal(let bytes):
                out.append(contentsOf: bytes)
            case .field(let index, let inString):
                let json = value(index)
                if !inString {
                    out.append(contentsOf: json)
                } else if json.first == UInt8(ascii: "\""), json.count >= 2 {
                    out.append(contentsOf: json.dropFirst().dropLast())
                } else if json.elementsEqual("null".utf8) {
                    continue
                } else {
                    out.append(contentsOf: json)
                }
            }
        }
    }

    private static func find(_ bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + 1 < bytes.count {
            if bytes[i] == UInt8(ascii: "}"), bytes[i + 1] == UInt8(ascii: "}") { return i }
            i += 1
        }
        return nil
    }
}

private extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
