// Correctly rounded conversion of w * 10^q to a Double, without strtod or a String.
//
// Scores printed by Python or NumPy carry 17 significant digits, beyond the classic exact fast
// path (w <= 2^53), so the common case needs the Eisel-Lemire algorithm (Lemire, "Number Parsing
// at a Gigabyte per Second", 2021): multiply by a 128-bit approximation of 5^q and round, and
// give up (nil) in the rare cases where the approximation cannot decide the rounding.

/// Exact powers of ten that a Double holds.
private let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

/// The Double nearest to w * 10^q (ties to even), or nil when this fast method cannot tell.
func decimalToDouble(_ w: UInt64, _ q: Int, negative: Bool) -> Double? {
    if w == 0 { return negative ? -0.0 : 0.0 }
    // Both w and 10^|q| are exact Doubles, so one IEEE operation rounds correctly.
    if w <= 1 << 53, q >= -22, q <= 22 {
        let value = q < 0 ? Double(w) / exactPowersOfTen[-q] : Double(w) * exactPowersOfTen[q]
        return negative ? -value : value
    }
    guard let bits = eiselLemire(w, q) else { return nil }
    let value = Double(bitPattern: bits)
    return negative ? -value : value
}

/// The bit pattern of the positive Double nearest to w * 10^q, w != 0; nil when undecidable.
private func eiselLemire(_ w: UInt64, _ q: Int) -> UInt64? {
    if q < smallestPowerOfTen { return 0 }
    if q > largestPowerOfTen { return 0x7FF0_0000_0000_0000 }
    let leadingZeros = w.leadingZeroBitCount
    let normalized = w << UInt64(leadingZeros)
    let index = 2 * (q - smallestPowerOfTen)
    var (high, low) = normalized.multipliedFullWidth(by: powersOfFive[index])
    // 55 bits decide the result; only when the bits below them are all ones can the truncated
    // 5^q have hidden a carry, so only then take the second 64 bits of 5^q into account.
    let precisionMask: UInt64 = .max >> 55
    if high & precisionMask == precisionMask {
        let second = normalized.multipliedFullWidth(by: powersOfFive[index + 1]).high
        let (sum, carried) = low.addingReportingOverflow(second)
        low = sum
        if carried { high &+= 1 }
        if low == .max, q < -27 || q > 55 { return nil }
    }
    let upperBit = Int(high >> 63)
    let shift = UInt64(upperBit + 9)
    var mantissa = high >> shift
    // floor(q * log2(10)) + 63, the exponent of the product, biased for a Double.
    var power2 = (((152_170 + 65_536) * q) >> 16) + 63 + upperBit - leadingZeros + 1023
    if power2 <= 0 {
        // Subnormal: shift into place, then round half up on the last bit.
        if -power2 + 1 >= 64 { return 0 }
        mantissa >>= UInt64(-power2 + 1)
        mantissa += mantissa & 1
        mantissa >>= 1
        return mantissa  // a carry into bit 52 makes it the smallest normal, as it should
    }
    // Exactly halfway between two Doubles: round to even instead of up. Only products that
    // are exact (small |q|) can be exactly halfway.
    if low <= 1, q >= -4, q <= 23, mantissa & 3 == 1, (mantissa << shift) == high {
        mantissa &= ~1
    }
    mantissa += mantissa & 1
    mantissa >>= 1
    if mantissa >= 2 << 52 {
        mantissa = 1 << 52
        power2 += 1
    }
    mantissa &= ~(1 << 52)
    if power2 >= 0x7FF { return 0x7FF0_0000_0000_0000 }
    return UInt64(power2) << 52 | mantissa
}
