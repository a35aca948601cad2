/// A class label compared by value: numbers as numbers (`1 == 1.0`), strings by bytes, booleans.
public struct Label: Sendable, Hashable, CustomStringConvertible {
    /// The normalized value: an integral number is always `.integer`, so `Label(1.0) == Label(1)`.
    public enum Value: Sendable {
        case integer(Int)
        case number(Double)
        case string(String)
        case bool(Bool)
    }

    public let value: Value

    public init(_ integer: Int) { value = .integer(integer) }

    public init(_ number: Double) {
        // -0 and 0 are one label; all NaNs are one label.
        if number == number.rounded(), number >= -0x1p63, number < 0x1p63 {
            value = .integer(Int(number))
        } else {
            value = .number(number.isNaN ? .nan : number)
        }
    }

    /// A string label, taken exactly as is.
    public init(_ string: String) { value = .string(string) }

    public init(_ bool: Bool) { value = .bool(bool) }

    /// A label written as text, read the way a CSV cell is: a decimal number is a number,
    /// `true`/`True`/`TRUE`/`false`/`False`/`FALSE` (pandas' spellings) a boolean, anything else
    /// the exact string.
    public init(text: String) {
        var text = text
        self = text.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            return Label.number(fromText: raw) ?? Label.bool(fromText: raw) ?? Label(String(decoding: raw, as: UTF8.self))
        }
    }

    /// The number a CSV cell spells (decimal syntax only: `nan` and `inf` stay strings).
    static func number(fromText raw: UnsafeRawBufferPointer) -> Label? {
        let bytes = trimmedSpaces(raw)
        if let integer = parseInteger(bytes) { return Label(integer) }
        guard let literal = scanDecimal(bytes), let number = doubleValue(of: literal, text: bytes) else {
            return nil
        }
        return Label(number)
    }

    static func bool(fromText bytes: UnsafeRawBufferPointer) -> Label? {
        // Runs for every text label of every row (slice names too): bytes only, no allocation.
        guard bytes.count == 4 || bytes.count == 5 else { return nil }
        let value: Bool
        switch bytes[0] {
        case UInt8(ascii: "t"), UInt8(ascii: "T"): value = true
        case UInt8(ascii: "f"), UInt8(ascii: "F"): value = false
        default: return nil
        }
        let lower: StaticString = value ? "true" : "false"
        let upper: StaticString = value ? "TRUE" : "FALSE"
        guard lower.utf8CodeUnitCount == bytes.count else { return nil }
        // pandas' spellings: all lower case, all upper case, or capitalised.
        var allLower = true, allUpper = true, capitalised = bytes[0] == upper.utf8Start[0]
        for i in 0 ..< bytes.count {
            let byte = bytes[i]
            allLower = allLower && byte == lower.utf8Start[i]
            allUpper = allUpper && byte == upper.utf8Start[i]
            if i > 0 { capitalised = capitalised && byte == lower.utf8Start[i] }
        }
        return allLower || allUpper || capitalised ? Label(value) : nil
    }

    public var description: String {
        switch value {
        case .integer(let n): return String(n)
        case .number(let x): return String(x)
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        }
    }

    public static func == (lhs: Label, rhs: Label) -> Bool {
        switch (lhs.value, rhs.value) {
        case let (.integer(a), .integer(b)): return a == b
        case let (.number(a), .number(b)): return a.bitPattern == b.bitPattern
        case let (.string(a), .string(b)): return a.utf8.elementsEqual(b.utf8)
        case let (.bool(a), .bool(b)): return a == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch value {
        case .integer(let n): hasher.combine(0); hasher.combine(n)
        case .number(let x): hasher.combine(1); hasher.combine(x.bitPattern)
        case .string(let s): hasher.combine(2); hasher.combine(s.utf8.count); for b in s.utf8 { hasher.combine(b) }
        case .bool(let b): hasher.combine(3); hasher.combine(b)
        }
    }
}
