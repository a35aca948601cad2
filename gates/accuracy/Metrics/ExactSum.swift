/// An exact sum of doubles that does not depend on the order of additions.
// Floating-point addition is not associative, so a running `Double` sum of shard A then B
// differs in its last bits from one pass over A and B. Keeping the sum as one long fixed-point
// integer (a Kulisch accumulator) makes every addition exact, so merged shards give the same
// bits as one pass, and the final rounding happens once.
public struct ExactSum: Sendable {
    // Fixed point in base 2^32, bit i weighing 2^(i - 1074) (the smallest subnormal); 68 digits
    // reach past 2^1024 with room for 2^64 additions, and a 69th holds only the sign. Digits are signed 64-bit, so an
    // addition adds three 32-bit parts and never carries; carries are settled every 2^30
    // additions and before reading. That keeps the hot path branch-free.
    static let digitCount = 69
    private static let smallestExponent = -1074
    private static let additionsBetweenCarries = 1 << 30

    private var digits: [Int64]
    private var additionsSinceCarry = 0
    // Infinities and NaN cannot live in the fixed-point part; remember them as IEEE would.
    private var nonFinite: UInt8 = 0
    private static let positiveInfinity: UInt8 = 1, negativeInfinity: UInt8 = 2, notANumber: UInt8 = 4

    public init() {
        digits = Array(repeating: 0, count: Self.digitCount)
    }

    /// Adds `x` exactly.
    @inline(__always)
    public mutating func add(_ x: Double) {
        let bits = x.bitPattern
        let exponent = Int(truncatingIfNeeded: (bits >> 52) & 0x7FF)
        if exponent == 0x7FF {
            recordNonFinite(x)
            return
        }
        var mantissa = bits & 0x000F_FFFF_FFFF_FFFF
        if exponent != 0 { mantissa |= 1 << 52 }
        // x = ±mantissa * 2^(position - 1074); split mantissa << offset into three 32-bit parts.
        let position = exponent == 0 ? 0 : exponent - 1
        let index = position >> 5
        let offset = UInt64(position & 31)
        let part0 = Int64(bitPattern: (mantissa << offset) & 0xFFFF_FFFF)
        let part1 = Int64(bitPattern: (mantissa >> (32 - offset)) & 0xFFFF_FFFF)
        let part2 = Int64(bitPattern: (mantissa >> 32) >> (32 - offset))
        let sign: Int64 = bits >> 63 == 0 ? 1 : -1
        digits.withUnsafeMutableBufferPointer { digit in
            digit[index] &+= sign &* part0
            digit[index + 1] &+= sign &* part1
            digit[index + 2] &+= sign &* part2
        }
        additionsSinceCarry += 1
        if additionsSinceCarry == Self.additionsBetweenCarries { settleCarries() }
    }

    /// Adds the exact product `a * b` (not its rounding), using a fused multiply-add for the error.
    /// Exact unless the product underflows below the smallest normal double.
    @inline(__always)
    public mutating func addProduct(_ a: Double, _ b: Double) {
        let product = a * b
        add(product)
        if product.isFinite {
            add((-product).addingProduct(a, b))
        }
    }

    /// Adds everything `other` holds.
    public mutating func add(_ other: ExactSum) {
        settleCarries()
        let theirs = other.settled
        nonFinite |= theirs.nonFinite
        for index in 0..<Self.digitCount { digits[index] &+= theirs.digits[index] }
        settleCarries()
    }

    /// Adds everything `other` holds, `times` times over: the same state as that many `add(other)`.
    mutating func add(_ other: ExactSum, times: Int) {
        // Settled digits are below 2^32, so a product stays far from overflow.
        precondition(times >= 0 && times < 1 << 24, "a multiplicity fits in 24 bits")
        guard times > 0 else { return }
        settleCarries()
        let theirs = other.settled
        nonFinite |= theirs.nonFinite
        let factor = Int64(times)
        for index in 0..<Self.digitCount { digits[index] &+= factor &* theirs.digits[index] }
        settleCarries()
    }

    /// The sum, correctly rounded to the nearest double.
    public var value: Double {
        if nonFinite != 0 {
            if nonFinite & Self.notANumber != 0 { return .nan }
            let both = Self.positiveInfinity | Self.negativeInfinity
            if nonFinite & both == both { return .nan }
            return nonFinite & Self.positiveInfinity != 0 ? .infinity : -.infinity
        }
        var limbs = settled.limbs
        let negative = limbs[limbs.count - 1] >> 63 != 0
        if negative { Self.negate(&limbs) }
        return Self.rounded(limbs, negative: negative)
    }

    /// The sum as an unevaluated pair `hi + lo` carrying about 106 bits, for finalising formulas
    /// that cancel (the total sum of squares of r²).
    var doubleDouble: DoubleDouble {
        let hi = value
        guard hi.isFinite else { return DoubleDouble(hi) }
        var rest = self
        rest.add(-hi)
        return DoubleDouble(hi: hi, lo: rest.value)
    }

    /// A copy with every digit but the top one in [0, 2^32): one representation per value.
    private var settled: ExactSum {
        var copy = self
        copy.settleCarries()
        return copy
    }

    private mutating func settleCarries() {
        var carry: Int64 = 0
        for index in 0..<(Self.digitCount - 1) {
            let total = digits[index] &+ carry
            digits[index] = total & 0xFFFF_FFFF
            carry = total >> 32  // arithmetic shift: floor division, so negative totals borrow
        }
        digits[Self.digitCount - 1] &+= carry
        additionsSinceCarry = 0
    }

    /// Settled digits as two's-complement 64-bit limbs, least significant first.
    private var limbs: [UInt64] {
        stride(from: 0, to: Self.digitCount, by: 2).map { index in
            let low = UInt64(bitPattern: digits[index]) & 0xFFFF_FFFF
            let high = index + 1 < Self.digitCount ? UInt64(bitPattern: digits[index + 1]) : (digits[index] < 0 ? ~0 : 0)
            return low | high << 32
        }
    }

    /// From settled limbs; the top limb is all sign (no finite sum reaches its bits).
    private init(limbs: [UInt64], nonFinite: UInt8) {
        digits = (0..<Self.digitCount).map { index in
            let limb = limbs[index / 2]
            if index == Self.digitCount - 1 { return Int64(bitPattern: limb) }
            return Int64(index % 2 == 0 ? limb & 0xFFFF_FFFF : limb >> 32)
        }
        self.nonFinite = nonFinite
    }

    private mutating func recordNonFinite(_ x: Double) {
        if x.isNaN {
            nonFinite |= Self.notANumber
        } else {
            nonFinite |= x > 0 ? Self.positiveInfinity : Self.negativeInfinity
        }
    }

    private static func negate(_ words: inout [UInt64]) {
        var carry = true
        for i in words.indices {
            let (sum, overflow) = (~words[i]).addingReportingOverflow(carry ? 1 : 0)
            words[i] = sum
            carry = overflow
        }
    }

    /// Rounds a non-negative fixed-point magnitude to the nearest double, ties to even.
    private static func rounded(_ magnitude: [UInt64], negative: Bool) -> Double {
        guard let top = magnitude.lastIndex(where: { $0 != 0 }) else { return 0 }
        let leadingZeros = magnitude[top].leadingZeroBitCount
        let leadingBit = top * 64 + 63 - leadingZeros
        // The 64 bits from the leading one down, and whether anything below them is non-zero.
        var word = magnitude[top] << UInt64(leadingZeros)
        var sticky = false
        if top > 0 {
            let below = magnitude[top - 1]
            if leadingZeros > 0 { word |= below >> UInt64(64 - leadingZeros) }
            sticky = (below << UInt64(leadingZeros)) != 0 || magnitude[..<(top - 1)].contains { $0 != 0 }
        }
        var mantissa = word >> 11
        let rest = word & 0x7FF
        if rest > 0x400 || (rest == 0x400 && (sticky || mantissa & 1 == 1)) {
            mantissa += 1
        }
        var exponent = leadingBit - 52 + smallestExponent
        if mantissa == 1 << 53 {
            mantissa >>= 1
            exponent += 1
        }
        return Double(sign: negative ? .minus : .plus, exponent: exponent, significand: Double(mantissa))
    }
}

extension ExactSum: Equatable {
    public static func == (lhs: ExactSum, rhs: ExactSum) -> Bool {
        lhs.nonFinite == rhs.nonFinite && lhs.settled.digits == rhs.settled.digits
    }
}

extension ExactSum: Codable {
    private enum CodingKeys: String, CodingKey { case limbs, nonFinite }

    // Limbs as one fixed-width hex string: JSON numbers cannot carry 64-bit words exactly everywhere.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let hex = settled.limbs.reversed().map { word -> String in
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
        try container.encode(hex, forKey: .limbs)
        try container.encode(Int(nonFinite), forKey: .nonFinite)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let hex = Array(try container.decode(String.self, forKey: .limbs).utf8)
        let limbCount = (Self.digitCount + 1) / 2
        guard hex.count == limbCount * 16 else {
            throw DecodingError.dataCorruptedError(forKey: .limbs, in: container,
                                                   debugDescription: "expected \(limbCount * 16) hex digits")
        }
        var words: [UInt64] = []
        words.reserveCapacity(limbCount)
        for chunk in stride(from: hex.count - 16, through: 0, by: -16) {
            guard let word = UInt64(String(decoding: hex[chunk..<(chunk + 16)], as: UTF8.self), radix: 16) else {
                throw DecodingError.dataCorruptedError(forKey: .limbs, in: container, debugDescription: "not hex")
            }
            words.append(word)
        }
        let flags = try container.decode(Int.self, forKey: .nonFinite)
        let top = words[limbCount - 1]
        guard (0...7).contains(flags), top == 0 || top == UInt64.max else {
            throw DecodingError.dataCorruptedError(forKey: .nonFinite, in: container, debugDescription: "out of range")
        }
        self.init(limbs: words, nonFinite: UInt8(flags))
    }
}
