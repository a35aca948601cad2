import Document

// Fuzzed on its own against the project's JSON reader (Tests/Fuzz/JSONLeafWalkerFuzz.swift).

/// The string and number leaves of one JSON document with their paths (`user.email`,
/// `items[].phone`), read straight from the bytes without building a tree: a JSON Lines file is
/// profiled per path, and a tree per line costs more than the profile. It accepts exactly what
/// `JSONReader` accepts (RFC 8259 strictly: UTF-8, escapes and surrogate pairs, no leading
/// zeros, numbers within `Double`, no duplicate keys, nesting up to 256, a byte-order mark
/// skipped), so a line is malformed here when and only when the reader says so; the reader then
/// tells where and why. Strings are unescaped; numbers are kept as written.
struct JSONLeafWalker {
    enum Outcome: Error, Equatable {
        /// The document is valid and its leaves are ready.
        case leaves
        /// The document is not valid JSON.
        case invalid
        /// An object has more keys than are checked for duplicates here; another reader must
        /// decide, then `walk(_:checkDuplicates: false)` gives the leaves.
        case unchecked
    }

    static let maximumDepth = 256
    /// Keys per object compared with each other for duplicates; past it, `unchecked`.
    static let checkedKeys = 64

    /// Each leaf's path, end to end, and where each ends.
    private(set) var paths: [UInt8] = []
    private(set) var pathEnds: [Int] = []
    /// Each leaf's value (a string unescaped, a number as written), end to end, and where each ends.
    private(set) var values: [UInt8] = []
    private(set) var valueEnds: [Int] = []
    /// The path of the value being read.
    private var path: [UInt8] = []
    /// The keys of the objects being read, for duplicates.
    private var keys: [UInt8] = []
    private var keyEnds: [Int] = []

    init() {}

    var leafCount: Int { pathEnds.count }

    /// Reads `document` and keeps its leaves.
    mutating func walk(_ document: UnsafeRawBufferPointer, checkDuplicates: Bool = true) -> Outcome {
        paths.removeAll(keepingCapacity: true)
        pathEnds.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        valueEnds.removeAll(keepingCapacity: true)
        path.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        keyEnds.removeAll(keepingCapacity: true)
        var cursor = Cursor(bytes: document, checkDuplicates: checkDuplicates)
        if document.count >= 3, document[0] == 0xEF, document[1] == 0xBB, document[2] == 0xBF { cursor.pos = 3 }
        do {
            cursor.skipWhitespace()
            try cursor.value(depth: 0, into: &self)
            cursor.skipWhitespace()
            guard cursor.pos == document.count else { return .invalid }
            return .leaves
        } catch {
            return error
        }
    }

    /// Calls `body` with each leaf's path and value, in document order, and the leaf's index.
    func forEachLeaf(_ body: (Int, UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void) {
        paths.withUnsafeBytes { paths in
            values.withUnsafeBytes { values in
                var pathStart = 0, valueStart = 0
                for leaf in 0..<pathEnds.count {
                    body(leaf, UnsafeRawBufferPointer(rebasing: paths[pathStart..<pathEnds[leaf]]),
                             UnsafeRawBufferPointer(rebasing: values[valueStart..<valueEnds[leaf]]))
                    pathStart = pathEnds[leaf]
                    valueStart = valueEnds[leaf]
                }
            }
        }
    }

    /// Whether the key just read repeats one of its object's earlier keys (`invalid`), or the object
    /// has too many keys to check here (`unchecked`); nil when it is new. A key beyond ASCII is
    /// `unchecked` too: the reader compares keys as Swift strings, so `é` and `e` with a combining
    /// accent (or `K` and the Kelvin sign) are the same key there, and bytes cannot tell that.
    private func duplicateCheck(base: Int, byteBase: Int) -> Outcome? {
        let last = keyEnds.count - 1
        guard last - base < Self.checkedKeys else { return .unchecked }
        let newStart = last == base ? byteBase : keyEnds[last - 1]
        let newKey = keys[newStart..<keyEnds[last]]
        if newKey.contains(where: { $0 >= 0x80 }) { return .unchecked }
        var start = byteBase
        for index in base..<last {
            if keys[start..<keyEnds[index]].elementsEqual(newKey) { return .invalid }
            start = keyEnds[index]
        }
        return nil
    }

    private mutating func addLeaf() {
        paths.append(contentsOf: path)
        pathEnds.append(paths.count)
        valueEnds.append(values.count)
    }

    /// The read position in one document; stops with the outcome that ends the walk.
    private struct Cursor {
        let bytes: UnsafeRawBufferPointer
        let checkDuplicates: Bool
        var pos = 0

        @inline(__always) func peek(_ ahead: Int = 0) -> UInt8 {
            pos + ahead < bytes.count ? bytes[pos + ahead] : 0
        }

        mutating func skipWhitespace() {
            while pos < bytes.count {
                switch bytes[pos] {
                case 0x20, 0x09, 0x0A, 0x0D: pos += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int, into walker: inout JSONLeafWalker) throws(Outcome) {
            switch peek() {
            case UInt8(ascii: "{"): try object(depth: depth + 1, into: &walker)
            case UInt8(ascii: "["): try array(depth: depth + 1, into: &walker)
            case UInt8(ascii: "\""):
                try string(into: &walker.values)
                walker.addLeaf()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = pos
                try number()
                walker.values.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<pos]))
                walker.addLeaf()
            default: throw .invalid
            }
        }

        private mutating func object(depth: Int, into walker: inout JSONLeafWalker) throws(Outcome) {
            guard depth <= JSONLeafWalker.maximumDepth else { throw .invalid }
            pos += 1
            skipWhitespace()
            if peek() == UInt8(ascii: "}") {
                pos += 1
                return
            }
            let pathBase = walker.path.count, keyBase = walker.keyEnds.count, keyByteBase = walker.keys.count
            while true {
                guard peek() == UInt8(ascii: "\"") else { throw .invalid }
                let keyStart = walker.keys.count
                try string(into: &walker.keys)
                walker.keyEnds.append(walker.keys.count)
                if checkDuplicates, let stop = walker.duplicateCheck(base: keyBase, byteBase: keyByteBase) { throw stop }
                skipWhitespace()
                guard peek() == UInt8(ascii: ":") else { throw .invalid }
                pos += 1
                skipWhitespace()
                walker.path.removeSubrange(pathBase...)
                if pathBase > 0 { walker.path.append(UInt8(ascii: ".")) }
                walker.path.append(contentsOf: walker.keys[keyStart...])
                try value(depth: depth, into: &walker)
                guard try another(before: UInt8(ascii: "}")) else { break }
            }
            walker.path.removeSubrange(pathBase...)
            walker.keys.removeSubrange(keyByteBase...)
            walker.keyEnds.removeSubrange(keyBase...)
        }

        private mutating func array(depth: Int, into walker: inout JSONLeafWalker) throws(Outcome) {
            guard depth <= JSONLeafWalker.maximumDepth else { throw .invalid }
            pos += 1
            skipWhitespace()
            if peek() == UInt8(ascii: "]") {
                pos += 1
                return
            }
            let pathBase = walker.path.count
            walker.path.append(UInt8(ascii: "["))
            walker.path.append(UInt8(ascii: "]"))
            repeat {
                try value(depth: depth, into: &walker)
            } while try another(before: UInt8(ascii: "]"))
            walker.path.removeSubrange(pathBase...)
        }

        /// After a member or element: true past a `,` (another follows), false past `close`.
        private mutating func another(before close: UInt8) throws(Outcome) -> Bool {
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","):
                pos += 1
                skipWhitespace()
                return true
            case close:
                pos += 1
                return false
            default:
                throw .invalid
            }
        }

        private mutating func literal(_ word: StaticString) throws(Outcome) {
            let text = UnsafeRawBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            for expected in text {
                guard peek() == expected else { throw .invalid }
                pos += 1
            }
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, within `Double`'s range.
        private mutating func number() throws(Outcome) {
            let start = pos
            if peek() == UInt8(ascii: "-") { pos += 1 }
            let integerStart = pos
            if peek() == UInt8(ascii: "0") {
                pos += 1
                if isDigit(peek()) { throw .invalid }
            } else if isDigit(peek()) {
                while isDigit(peek()) { pos += 1 }
            } else {
                throw .invalid
            }
            let integerDigits = pos - integerStart
            if peek() == UInt8(ascii: ".") {
                pos += 1
                guard isDigit(peek()) else { throw .invalid }
                while isDigit(peek()) { pos += 1 }
            }
            var exponent = false
            if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
                pos += 1
                if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { pos += 1 }
                guard isDigit(peek()) else { throw .invalid }
                while isDigit(peek()) { pos += 1 }
                exponent = true
            }
            // Only an exponent or some 309 digits reach past Double's range (JSON has no infinity).
            if exponent || integerDigits > 300 {
                guard let value = Double(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)),
                      value.isFinite else { throw .invalid }
            }
        }

        @inline(__always) private func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

        /// A string at the cursor, unescaped onto `out`.
        private mutating func string(into out: inout [UInt8]) throws(Outcome) {
            pos += 1
            while true {
                let runStart = pos
                while pos < bytes.count {
                    let byte = bytes[pos]
                    if byte < 0x20 || byte >= 0x80 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { break }
                    pos += 1
                }
                if pos > runStart { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<pos])) }
                guard pos < bytes.count else { throw .invalid }
                let byte = bytes[pos]
                switch byte {
                case UInt8(ascii: "\""):
                    pos += 1
                    return
                case UInt8(ascii: "\\"):
                    try escape(into: &out)
                case 0..<0x20:
                    throw .invalid
                default:
                    let length = try utf8Length(at: pos)
                    out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[pos..<pos + length]))
                    pos += length
                }
            }
        }

        private mutating func escape(into out: inout [UInt8]) throws(Outcome) {
            let escaped = peek(1)
            pos += 2
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escaped)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard peek() == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "u") else { throw .invalid }
                    pos += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw .invalid }
                    scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw .invalid
                }
                StrictUTF8.append(scalar, to: &out)
            default:
                throw .invalid
            }
        }

        private mutating func hex4() throws(Outcome) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = peek()
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 0x30)
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 0x61 + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 0x41 + 10)
                default: throw .invalid
                }
                value = value << 4 | digit
                pos += 1
            }
            return value
        }

        /// The length of the well-formed UTF-8 sequence at `index` (no overlong forms, no
        /// surrogates, nothing past U+10FFFF), or `invalid`.
        private func utf8Length(at index: Int) throws(Outcome) -> Int {
            let lead = bytes[index]
            func continuation(_ offset: Int) throws(Outcome) -> UInt32 {
                guard index + offset < bytes.count, bytes[index + offset] & 0xC0 == 0x80 else { throw .invalid }
                return UInt32(bytes[index + offset] & 0x3F)
            }
            switch lead {
            case 0xC2...0xDF:
                _ = try continuation(1)
                return 2
            case 0xE0...0xEF:
                let value = UInt32(lead & 0x0F) << 12 | (try continuation(1)) << 6 | (try continuation(2))
                guard value >= 0x800, !(0xD800...0xDFFF).contains(value) else { throw .invalid }
                return 3
            case 0xF0...0xF4:
                let value = UInt32(lead & 0x07) << 18 | (try continuation(1)) << 12 | (try continuation(2)) << 6 | (try continuation(3))
                guard (0x10000...0x10FFFF).contains(value) else { throw .invalid }
                return 4
            default:
                throw .invalid
            }
        }
    }
}
