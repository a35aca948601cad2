// The 128-bit approximations of 5^q that the Eisel-Lemire algorithm multiplies by.
//
// They are computed once, on first use, with exact integer arithmetic, rather than pasted in as a
// 1,302-number literal: the recipe below is short enough to check by reading, and the tests
// compare the parser against `Double(String)` on millions of inputs.

/// The smallest and largest decimal exponents the table covers (5^-342 ... 5^308).
let smallestPowerOfTen = -342
let largestPowerOfTen = 308

/// For each q, two words (high, low): the 128 most significant bits of 5^q. For q < 0 the value
/// is 2^b / 5^-q rounded up, then cut to 128 bits, which is what the error analysis assumes.
let powersOfFive: [UInt64] = {
    var table = [UInt64]()
    table.reserveCapacity(2 * (largestPowerOfTen - smallestPowerOfTen + 1))
    var power = BigNumber(1)
    var negative = [(UInt64, UInt64)]()
    for k in 1 ... -smallestPowerOfTen {
        power.multiply(by: 5)
        let z = power.bitWidth
        let q = -k
        let b = q >= -27 ? z + 127 : 2 * z + 128
        var c = BigNumber.powerOfTwo(b)
        c.divide(byPowerOfFive: k)
        c.add(1)
        negative.append(c.top128Bits())
    }
    for pair in negative.reversed() {
        table.append(pair.0)
        table.append(pair.1)
    }
    power = BigNumber(1)
    for q in 0 ... largestPowerOfTen {
        if q > 0 { power.multiply(by: 5) }
        let pair = power.top128Bits()
        table.append(pair.0)
        table.append(pair.1)
    }
    return table
}()

/// Just enough unsigned big-integer arithmetic to build the table: little-endian 32-bit limbs.
struct BigNumber {
    var limbs: [UInt32]

    init(_ value: UInt32) { limbs = [value] }

    static func powerOfTwo(_ exponent: Int) -> BigNumber {
        var n = BigNumber(0)
        n.limbs = [UInt32](repeating: 0, count: exponent / 32 + 1)
        n.limbs[exponent / 32] = 1 << UInt32(exponent % 32)
        return n
    }

    var bitWidth: Int {
        guard let top = limbs.lastIndex(where: { $0 != 0 }) else { return 0 }
        return top * 32 + (32 - limbs[top].leadingZeroBitCount)
    }

    mutating func multiply(by factor: UInt32) {
        var carry: UInt64 = 0
        for i in limbs.indices {
            let product = UInt64(limbs[i]) * UInt64(factor) + carry
            limbs[i] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
    }

    mutating func add(_ value: UInt32) {
        var carry = UInt64(value)
        for i in limbs.indices where carry != 0 {
            let sum = UInt64(limbs[i]) + carry
            limbs[i] = UInt32(truncatingIfNeeded: sum)
            carry = sum >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
    }

    /// Floor division by 5^k, done as repeated floor divisions by small powers of five
    /// (floor(floor(x / a) / b) == floor(x / (a * b)) for positive integers).
    mutating func divide(byPowerOfFive k: Int) {
        var remaining = k
        while remaining > 0 {
            let step = min(remaining, 13)  // 5^13 still fits in 32 bits
            var divisor: UInt64 = 1
            for _ in 0 ..< step { divisor *= 5 }
            var rest: UInt64 = 0
            for i in limbs.indices.reversed() {
                let current = (rest << 32) | UInt64(limbs[i])
                limbs[i] = UInt32(current / divisor)
                rest = current % divisor
            }
            remaining -= step
        }
    }

    /// The value shifted so that its top bit is bit 127, then cut to 128 bits: (high, low).
    func top128Bits() -> (UInt64, UInt64) {
        let width = bitWidth
        var high: UInt64 = 0
        var low: UInt64 = 0
        for position in 0 ..< 128 {
            let source = width - 1 - position
            guard source >= 0 else { break }
            let bit = (limbs[source / 32] >> UInt32(source % 32)) & 1
            if position < 64 {
                high |= UInt64(bit) << UInt64(63 - position)
            } else {
                low |= UInt64(bit) << UInt64(127 - position)
            }
        }
        return (high, low)
    }
}
