// Numbers straight from field bytes: no String, no strtod, no locale.

/// The pieces of a decimal literal: up to 19 significant digits, their decimal exponent, and
/// whether digits beyond the 19th were dropped.
struct DecimalLiteral {
    var negative = false
    var digits: UInt64 = 0
    var exponent = 0
    var truncated = false
    var hugeExponent = false  // an exponent past a million: left to the slow path
    var isInteger = true  // no '.' and no exponent part
}

/// ASCII spaces and tabs around a number are allowed (`1, 2` is common in hand-made CSV).
@inline(__always)
func trimmedSpaces(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    var lower = 0
    var upper = bytes.count
    while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
    while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
    return UnsafeRawBufferPointer(rebasing: bytes[lower ..< upper])
}

/// Reads `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`, all of `bytes` or nil.
func scanDecimal(_ bytes: UnsafeRawBufferPointer) -> DecimalLiteral? {
    guard let base = bytes.baseAddress else { return nil }
    let p = base.assumingMemoryBound(to: UInt8.self)
    let n = bytes.count
    var literal = DecimalLiteral()
    var i = 0
    if p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
        literal.negative = p[0] == UInt8(ascii: "-")
        i = 1
    }
    // Leading zeros are not significant; past 19 significant digits, integer digits only raise
    // the exponent and fraction digits are dropped (noted in `truncated`).
    var digits: UInt64 = 0
    var significant = 0
    var exponent = 0
    let integerStart = i
    while i < n, p[i] == UInt8(ascii: "0") { i += 1 }
    while significant <= 11, n &- i >= 8, let eight = eightDigits(p + i) {
        digits = digits &* 100_000_000 &+ eight
        significant += 8
        i += 8
    }
    while i < n, case let d = p[i] &- 0x30, d < 10 {
        if significant < 19 {
            digits = digits &* 10 &+ UInt64(d)
            significant += 1
        } else {
            if d != 0 { literal.truncated = true }
            exponent += 1
        }
        i += 1
    }
    var sawDigit = i > integerStart
    if i < n, p[i] == UInt8(ascii: ".") {
        literal.isInteger = false
        i += 1
        let fractionStart = i
        if significant == 0 {
            while i < n, p[i] == UInt8(ascii: "0") {
                exponent -= 1
                i += 1
            }
        }
        while significant <= 11, n &- i >= 8, let eight = eightDigits(p + i) {
            digits = digits &* 100_000_000 &+ eight
            significant += 8
            exponent -= 8
            i += 8
        }
        while i < n, case let d = p[i] &- 0x30, d < 10 {
            if significant < 19 {
                digits = digits &* 10 &+ UInt64(d)
                significant += 1
                exponent -= 1
            } else if d != 0 {
                literal.truncated = true
            }
            i += 1
        }
        sawDigit = sawDigit || i > fractionStart
    }
    guard sawDigit else { return nil }
    if i < n, p[i] | 0x20 == UInt8(ascii: "e") {
        literal.isInteger = false
        i += 1
        var negativeExponent = false
        if i < n, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
            negativeExponent = p[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < n, p[i] &- 0x30 < 10 else { return nil }
        var value = 0
        while i < n, case let d = p[i] &- 0x30, d < 10 {
            // Stop before overflow; such a literal takes the slow path.
            if value < 1_000_000 { value = value * 10 + Int(d) } else { literal.hugeExponent = true }
            i += 1
        }
        exponent += negativeExponent ? -value : value
    }
    guard i == n else { return nil }
    literal.digits = digits
    literal.exponent = exponent
    return literal
}

/// The value of the eight ASCII digits at `p`, or nil if they are not all digits. Scores carry
/// 17 digits: reading them eight at a time takes a third of the time of one at a time.
@inline(__always)
private func eightDigits(_ p: UnsafePointer<UInt8>) -> UInt64? {
    let word = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    // A byte below '0' sets its high bit in the difference, one above '9' in the sum.
    guard ((word &- 0x3030_3030_3030_3030) | (word &+ 0x4646_4646_4646_4646)) & 0x8080_8080_8080_8080 == 0 else {
        return nil
    }
    // The first digit is in the lowest byte: combine neighbours into 2-, then 4-, then 8-digit
    // values, each step multiplying the more significant half by a power of ten.
    var v = word &- 0x3030_3030_3030_3030
    v = (v &* 10) &+ (v >> 8)
    let pairs = v & 0x0000_00FF_0000_00FF
    let nextPairs = (v >> 16) & 0x0000_00FF_0000_00FF
    return (pairs &* (100 + (1_000_000 << 32)) &+ nextPairs &* (1 + (10_000 << 32))) >> 32
}

/// The value of `inf`, `infinity` or `nan` in any case, with an optional sign.
private func parseSpecial(_ bytes: UnsafeRawBufferPointer) -> Double? {
    var i = 0
    var negative = false
    if bytes.count > 0, bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
        negative = bytes[0] == UInt8(ascii: "-")
        i = 1
    }
    let word = UnsafeRawBufferPointer(rebasing: bytes[i...])
    if equalsIgnoringCase(word, "inf") || equalsIgnoringCase(word, "infinity") {
        return negative ? -.infinity : .infinity
    }
    if equalsIgnoringCase(word, "nan") { return negative ? -.nan : .nan }
    return nil
}

/// Whether ASCII `bytes` spell `word` (given in lower case), ignoring case.
func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
    guard bytes.count == word.utf8CodeUnitCount else { return false }
    let letters = word.utf8Start
    for i in 0 ..< bytes.count where bytes[i] | 0x20 != letters[i] { return false }
    return true
}

/// The correctly rounded Double that the text spells, or nil when it is not a number.
/// Accepts what `Double(String)` accepts except hexadecimal and `nan(...)` payloads, plus
/// surrounding spaces and tabs.
func parseDouble(_ raw: UnsafeRawBufferPointer) -> Double? {
    let bytes = trimmedSpaces(raw)
    guard let literal = scanDecimal(bytes) else { return parseSpecial(bytes) }
    return doubleValue(of: literal, text: bytes)
}

/// The Double of an already scanned literal; `text` is its source, for the rare slow path.
func doubleValue(of literal: DecimalLiteral, text: UnsafeRawBufferPointer) -> Double? {
    if literal.hugeExponent {
        // fall through to the slow path
    } else if !literal.truncated {
        if let value = decimalToDouble(literal.digits, literal.exponent, negative: literal.negative) {
            return value
        }
    } else if literal.digits < .max,
              let down = decimalToDouble(literal.digits, literal.exponent, negative: literal.negative),
              let up = decimalToDouble(literal.digits + 1, literal.exponent, negative: literal.negative),
              down == up {
        // The dropped digits lie between the two bounds, and both round to the same Double.
        return down
    }
    // Undecidable by the fast method (rare: very long literals, some halfway cases).
    return Double(String(decoding: text, as: UTF8.self))
}

/// An integer spelled `[+-]? digits`, with spaces around allowed; nil if not one or too big.
func parseInteger(_ raw: UnsafeRawBufferPointer) -> Int? {
    let bytes = trimmedSpaces(raw)
    var i = 0
    var negative = false
    if bytes.count > 0, bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
        negative = bytes[0] == UInt8(ascii: "-")
        i = 1
    }
    guard i < bytes.count else { return nil }
    var magnitude: UInt64 = 0
    while i < bytes.count {
        let d = bytes[i] &- 0x30
        guard d < 10 else { return nil }
        let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
        let (sum, o2) = times10.addingReportingOverflow(UInt64(d))
        guard !o1, !o2 else { return nil }
        magnitude = sum
        i += 1
    }
    if negative {
        guard magnitude <= UInt64(Int.max) + 1 else { return nil }
        return magnitude == UInt64(Int.max) + 1 ? .min : -Int(magnitude)
    }
    return magnitude <= UInt64(Int.max) ? Int(magnitude) : nil
}
