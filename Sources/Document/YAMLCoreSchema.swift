/// Resolves plain scalars by the YAML 1.2 core schema.
///
/// null: `null` `Null` `NULL` `~` and the empty scalar; bool: `true` `True` `TRUE` and the same
/// for false; int: decimal with an optional sign, `0o` octal, `0x` hexadecimal (beyond the range
/// of `Int` the value becomes a double); float: `.inf` `-.inf` `.nan` in their three spellings,
/// and decimal or exponent forms. Everything else is a string. Quoted scalars never come here.
enum YAMLCoreSchema {
    static func resolve(_ text: String) -> Node.Value {
        // Every null, bool and number starts with one of these: most keys and strings stop here.
        if let first = text.utf8.first, !Self.mayStartNonString(first) { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL":
            return .null
        case "true", "True", "TRUE":
            return .bool(true)
        case "false", "False", "FALSE":
            return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
            return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF":
            return .double(-.infinity)
        case ".nan", ".NaN", ".NAN":
            return .double(.nan)
        default:
            break
        }
        let bytes = Array(text.utf8)
        if let value = radixInteger(bytes) { return value }
        if isDecimalInteger(bytes) {
            if let value = Int(text) { return .int(value) }
            if let value = Double(text) { return .double(value) }
        }
        if isFloat(bytes), let value = Double(text) { return .double(value) }
        return .string(text)
    }

    private static func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }

    private static func mayStartNonString(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "~"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"),
             UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }

    /// `[-+]? [0-9]+`
    private static func isDecimalInteger(_ b: [UInt8]) -> Bool {
        var i = 0
        if i < b.count && (b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+")) { i += 1 }
        return i < b.count && b[i...].allSatisfy(isDigit)
    }

    /// `0o [0-7]+` and `0x [0-9a-fA-F]+` (the core schema gives them no sign).
    private static func radixInteger(_ b: [UInt8]) -> Node.Value? {
        guard b.count > 2, b[0] == UInt8(ascii: "0") else { return nil }
        let radix: Int
        switch b[1] {
        case UInt8(ascii: "o"): radix = 8
        case UInt8(ascii: "x"): radix = 16
        default: return nil
        }
        var value = 0
        var overflow = false
        var approximate = 0.0
        for c in b[2...] {
            guard YAMLByte.isHexDigit(c) else { return nil }
            let digit = Int(YAMLByte.hexValue(c))
            guard digit < radix else { return nil }
            approximate = approximate * Double(radix) + Double(digit)
            if !overflow {
                let (shifted, o1) = value.multipliedReportingOverflow(by: radix)
                let (sum, o2) = shifted.addingReportingOverflow(digit)
                overflow = o1 || o2
                value = sum
            }
        }
        return overflow ? .double(approximate) : .int(value)
    }

    /// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
    private static func isFloat(_ b: [UInt8]) -> Bool {
        var i = 0
        func digits() -> Int {
            let from = i
            while i < b.count && isDigit(b[i]) { i += 1 }
            return i - from
        }
        if i < b.count && (b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+")) { i += 1 }
        let whole = digits()
        if i < b.count && b[i] == UInt8(ascii: ".") {
            i += 1
            let fraction = digits()
            if whole == 0 && fraction == 0 { return false }
        } else if whole == 0 {
            return false
        }
        if i < b.count && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            i += 1
            if i < b.count && (b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+")) { i += 1 }
            if digits() == 0 { return false }
        }
        return i == b.count
    }
}
