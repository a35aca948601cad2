/// A threshold condition such as `>= 0.85`, `< 1%` or `<= baseline * 1.10`.
///
/// Kept free of every import so the parser can be fuzzed on its own (Fuzz/ConditionFuzz.swift).
public struct Condition: Sendable, Equatable, CustomStringConvertible {
    public enum Operator: String, Sendable, CaseIterable {
        case greaterOrEqual = ">=", greater = ">", lessOrEqual = "<=", less = "<", equal = "==", notEqual = "!="

        /// Which side of the threshold passes; nil for `==`/`!=`, which an interval cannot decide.
        public var passesAbove: Bool? {
            switch self {
            case .greaterOrEqual, .greater: return true
            case .lessOrEqual, .less: return false
            case .equal, .notEqual: return nil
            }
        }

        public func holds(_ actual: Double, _ threshold: Double) -> Bool {
            switch self {
            case .greaterOrEqual: return actual >= threshold
            case .greater: return actual > threshold
            case .lessOrEqual: return actual <= threshold
            case .less: return actual < threshold
            case .equal: return actual == threshold
            case .notEqual: return actual != threshold
            }
        }
    }

    /// What the metric is compared with.
    public enum Bound: Sendable, Equatable {
        case value(Double)
        /// The baseline report's value of the same metric, optionally adjusted.
        case baseline(Adjustment)
    }

    public enum Adjustment: Sendable, Equatable {
        case none, plus(Double), minus(Double), times(Double)

        public func apply(to baseline: Double) -> Double {
            switch self {
            case .none: return baseline
            case .plus(let x): return baseline + x
            case .minus(let x): return baseline - x
            case .times(let x): return baseline * x
            }
        }
    }

    public var op: Operator
    public var bound: Bound
    /// The text as written, for reports: `>= baseline - 0.01`.
    public var text: String

    public init(op: Operator, bound: Bound, text: String) {
        self.op = op
        self.bound = bound
        self.text = text
    }

    public var description: String { text }

    public var usesBaseline: Bool {
        if case .baseline = bound { return true }
        return false
    }

    /// The number to compare with, given the baseline value when the condition needs one.
    public func threshold(baseline: Double?) -> Double? {
        switch bound {
        case .value(let v): return v
        case .baseline(let adjustment): return baseline.map(adjustment.apply(to:))
        }
    }
}

/// Why a condition could not be read; `offset` counts bytes into the text.
public struct ConditionSyntaxError: Error, Sendable, Equatable {
    public var reason: String
    public var offset: Int
}

extension Condition {
    /// Parses `OP NUMBER[%]` or `OP baseline [(+|-|*) NUMBER[%]]`, spaces optional.
    public static func parse(_ text: String) throws(ConditionSyntaxError) -> Condition {
        var scanner = ConditionScanner(Array(text.utf8))
        scanner.skipSpaces()
        guard let op = scanner.readOperator() else {
            throw ConditionSyntaxError(reason: "expected an operator (>=, >, <=, <, ==, !=)", offset: scanner.position)
        }
        scanner.skipSpaces()
        let bound: Bound
        if scanner.consumeWord("baseline") {
            scanner.skipSpaces()
            var adjustment = Adjustment.none
            if let sign = scanner.readByte(of: [UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*")]) {
                scanner.skipSpaces()
                guard let amount = scanner.readNumber() else {
                    throw ConditionSyntaxError(reason: "expected a number after 'baseline \(Character(Unicode.Scalar(sign)))'", offset: scanner.position)
                }
                switch sign {
                case UInt8(ascii: "+"): adjustment = .plus(amount)
                case UInt8(ascii: "-"): adjustment = .minus(amount)
                default: adjustment = .times(amount)
                }
            }
            bound = .baseline(adjustment)
        } else if let value = scanner.readNumber() {
            bound = .value(value)
        } else {
            throw ConditionSyntaxError(reason: "expected a number, a percentage or 'baseline'", offset: scanner.position)
        }
        scanner.skipSpaces()
        guard scanner.atEnd else {
            throw ConditionSyntaxError(reason: "unexpected text after the condition", offset: scanner.position)
        }
        let trimmed = String(decoding: scanner.bytes.drop(while: { $0 == 32 || $0 == 9 }).reversed().drop(while: { $0 == 32 || $0 == 9 }).reversed(), as: UTF8.self)
        return Condition(op: op, bound: bound, text: trimmed)
    }
}

/// A byte cursor over a condition's text.
private struct ConditionScanner {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position >= bytes.count }

    mutating func skipSpaces() {
        while position < bytes.count, bytes[position] == 32 || bytes[position] == 9 { position += 1 }
    }

    mutating func readByte(of choices: [UInt8]) -> UInt8? {
        guard position < bytes.count, choices.contains(bytes[position]) else { return nil }
        position += 1
        return bytes[position - 1]
    }

    mutating func readOperator() -> Condition.Operator? {
        // Two-byte operators first so `>=` is not read as `>` followed by `=`.
        for op in [Condition.Operator.greaterOrEqual, .lessOrEqual, .equal, .notEqual, .greater, .less] {
            let token = Array(op.rawValue.utf8)
            if bytes.count - position >= token.count, Array(bytes[position..<position + token.count]) == token {
                position += token.count
                return op
            }
        }
        return nil
    }

    mutating func consumeWord(_ word: String) -> Bool {
        let token = Array(word.utf8)
        guard bytes.count - position >= token.count, Array(bytes[position..<position + token.count]) == token else { return false }
        let end = position + token.count
        if end < bytes.count, Self.isWordByte(bytes[end]) { return false }
        position = end
        return true
    }

    /// A decimal number (sign, digits, fraction, exponent), with `%` meaning hundredths.
    mutating func readNumber() -> Double? {
        let start = position
        var end = position
        if end < bytes.count, bytes[end] == UInt8(ascii: "-") || bytes[end] == UInt8(ascii: "+") { end += 1 }
        let digitsStart = end
        while end < bytes.count, Self.isDigit(bytes[end]) { end += 1 }
        var digits = end - digitsStart
        if end < bytes.count, bytes[end] == UInt8(ascii: ".") {
            end += 1
            let fractionStart = end
            while end < bytes.count, Self.isDigit(bytes[end]) { end += 1 }
            digits += end - fractionStart
        }
        guard digits > 0 else { return nil }
        if end < bytes.count, bytes[end] == UInt8(ascii: "e") || bytes[end] == UInt8(ascii: "E") {
            var e = end + 1
            if e < bytes.count, bytes[e] == UInt8(ascii: "-") || bytes[e] == UInt8(ascii: "+") { e += 1 }
            let expStart = e
            while e < bytes.count, Self.isDigit(bytes[e]) { e += 1 }
            if e > expStart { end = e }
        }
        guard let value = Double(String(decoding: bytes[start..<end], as: UTF8.self)), value.isFinite else { return nil }
        position = end
        if position < bytes.count, bytes[position] == UInt8(ascii: "%") {
            position += 1
            return value / 100
        }
        return value
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    static func isWordByte(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20 >= 97 && b | 0x20 <= 122) || b == 95 }
}
