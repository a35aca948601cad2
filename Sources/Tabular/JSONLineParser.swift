#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The JSON Lines reader's parser: one line, one object, validated in full (RFC 8259), with the
// values on the requested paths recorded into slots and every other value skipped unbuilt.
//
// It is iterative, with an explicit stack of open containers, so that deep nesting in a hostile
// file costs memory bounded by the line length rather than the call stack.

/// An open array or object: which path node it is (or -1 when off every path), where it starts,
/// and, for arrays, the index of the next element.
struct JSONFrame {
    var isObject: Bool
    var node: Int
    var start: Int
    var index: Int
}

private enum Expect {
    case value, firstKey, key, firstElement, element, afterValue
}

extension JSONLinesReader {
    func parseLine(_ lineStart: Int, _ lineEnd: Int) throws(TabularError) {
        let b = input.buffer
        for slot in 0 ..< context.slotCount { context.fields[slot] = .missing }
        prepareScratch(for: lineEnd - lineStart)
        // The container stack is moved into a local for the line: appending to a class's array
        // property would check its uniqueness on every push.
        var frames: [JSONFrame] = []
        swap(&frames, &self.frames)
        defer { swap(&frames, &self.frames) }
        frames.removeAll(keepingCapacity: true)
        var p = lineStart
        skipSpace(&p, lineEnd)
        guard p < lineEnd, b[p] == UInt8(ascii: "{") else {
            throw syntaxError("expected a JSON object at the start of the line", p, lineStart)
        }
        var expect = Expect.value
        var node = PathTrie.root
        while true {
            skipSpace(&p, lineEnd)
            if p == lineEnd {
                throw syntaxError("unexpected end of line inside a JSON value", p, lineStart)
            }
            let c = b[p]
            switch expect {
            case .value:
                let slot = node >= 0 ? trie.slot(of: node) : -1
                switch c {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    let isObject = c == UInt8(ascii: "{")
                    frames.append(JSONFrame(isObject: isObject, node: node, start: p, index: 0))
                    p += 1
                    expect = isObject ? .firstKey : .firstElement
                    continue
                case UInt8(ascii: "\""):
                    let (close, escaped) = try scanString(p + 1, lineEnd, lineStart)
                    if slot >= 0 { record(slot, string: p + 1, close, escaped: escaped) }
                    p = close + 1
                case UInt8(ascii: "t"):
                    try expectWord("true", &p, lineEnd, lineStart)
                    if slot >= 0 { context.fields[slot] = Field(base: UnsafeRawPointer(b + p - 4), count: 4, kind: .trueValue) }
                case UInt8(ascii: "f"):
                    try expectWord("false", &p, lineEnd, lineStart)
                    if slot >= 0 { context.fields[slot] = Field(base: UnsafeRawPointer(b + p - 5), count: 5, kind: .falseValue) }
                case UInt8(ascii: "n"):
                    try expectWord("null", &p, lineEnd, lineStart)
                    if slot >= 0 { context.fields[slot] = .missing }
                case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"):
                    let start = p
                    try scanNumber(&p, lineEnd, lineStart)
                    if slot >= 0 { context.fields[slot] = Field(base: UnsafeRawPointer(b + start), count: p - start, kind: .number) }
                default:
                    throw syntaxError("expected a JSON value", p, lineStart)
                }
                expect = .afterValue
            case .firstKey, .key:
                if expect == .firstKey, c == UInt8(ascii: "}") {
                    closeContainer(frames.removeLast(), at: &p, &expect)
                    if frames.isEmpty { break }
                    continue
                }
                guard c == UInt8(ascii: "\"") else { throw syntaxError("expected a string key", p, lineStart) }
                let (close, escaped) = try scanString(p + 1, lineEnd, lineStart)
                let parent = frames[frames.count - 1].node
                node = parent >= 0 ? trie.child(of: parent, key: keyBytes(p + 1, close, escaped: escaped)) : -1
                p = close + 1
                skipSpace(&p, lineEnd)
                guard p < lineEnd, b[p] == UInt8(ascii: ":") else {
                    throw syntaxError("expected ':' after an object key", p, lineStart)
                }
                p += 1
                expect = .value
                continue
            case .firstElement, .element:
                if expect == .firstElement, c == UInt8(ascii: "]") {
                    closeContainer(frames.removeLast(), at: &p, &expect)
                    if frames.isEmpty { break }
                    continue
                }
                let top = frames.count - 1
                node = frames[top].node >= 0 ? trie.child(of: frames[top].node, index: frames[top].index) : -1
                frames[top].index += 1
                expect = .value
                continue
            case .afterValue:
                let isObject = frames[frames.count - 1].isObject
                if c == UInt8(ascii: ",") {
                    p += 1
                    expect = isObject ? .key : .element
                    continue
                }
                guard c == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                    throw syntaxError(isObject ? "expected ',' or '}' in an object" : "expected ',' or ']' in an array", p, lineStart)
                }
                closeContainer(frames.removeLast(), at: &p, &expect)
            }
            if frames.isEmpty { break }
        }
        skipSpace(&p, lineEnd)
        guard p == lineEnd else { throw syntaxError("unexpected text after the JSON object", p, lineStart) }
    }

    /// Steps over the closing bracket of `frame`, recording the container if a slot wants it.
    private func closeContainer(_ frame: JSONFrame, at p: inout Int, _ expect: inout Expect) {
        p += 1
        if frame.node >= 0, case let slot = trie.slot(of: frame.node), slot >= 0 {
            context.fields[slot] = Field(base: UnsafeRawPointer(input.buffer + frame.start), count: p - frame.start,
                                         kind: frame.isObject ? .object : .array)
        }
        expect = .afterValue
    }

    @inline(__always)
    private func skipSpace(_ p: inout Int, _ end: Int) {
        let b = input.buffer
        while p < end, case let c = b[p], c == 0x20 || c == 0x09 || c == 0x0D { p += 1 }
    }

    private func expectWord(_ word: StaticString, _ p: inout Int, _ end: Int, _ lineStart: Int) throws(TabularError) {
        let n = word.utf8CodeUnitCount
        guard end - p >= n, memcmp(input.buffer + p, word.utf8Start, n) == 0 else {
            throw syntaxError("expected a JSON value", p, lineStart)
        }
        p += n
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`; leaves `p` after it.
    private func scanNumber(_ p: inout Int, _ end: Int, _ lineStart: Int) throws(TabularError) {
        let b = input.buffer
        let start = p
        if b[p] == UInt8(ascii: "-") { p += 1 }
        func digits() -> Int {
            let first = p
            while p < end, b[p] &- 0x30 < 10 { p += 1 }
            return p - first
        }
        guard p < end, b[p] &- 0x30 < 10 else { throw syntaxError("invalid number", start, lineStart) }
        if b[p] == UInt8(ascii: "0") { p += 1 } else { _ = digits() }
        if p < end, b[p] == UInt8(ascii: ".") {
            p += 1
            guard digits() > 0 else { throw syntaxError("invalid number: digits must follow '.'", start, lineStart) }
        }
        if p < end, b[p] | 0x20 == UInt8(ascii: "e") {
            p += 1
            if p < end, b[p] == UInt8(ascii: "+") || b[p] == UInt8(ascii: "-") { p += 1 }
            guard digits() > 0 else { throw syntaxError("invalid number: digits must follow the exponent", start, lineStart) }
        }
    }

    private func record(_ slot: Int, string start: Int, _ close: Int, escaped: Bool) {
        let bytes = escaped ? unescape(start, close) : UnsafeRawBufferPointer(start: input.buffer + start, count: close - start)
        context.fields[slot] = Field(base: bytes.baseAddress, count: bytes.count, kind: .string)
    }

    private func keyBytes(_ start: Int, _ close: Int, escaped: Bool) -> UnsafeRawBufferPointer {
        escaped ? unescape(start, close) : UnsafeRawBufferPointer(start: input.buffer + start, count: close - start)
    }

    func syntaxError(_ message: String, _ p: Int, _ lineStart: Int) -> TabularError {
        var error = TabularError(.syntax, path: path, line: lineNumber, column: p - lineStart + 1, message: message)
        error.isJSON = true
        return error
    }
}
