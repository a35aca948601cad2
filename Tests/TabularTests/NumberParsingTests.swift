import Foundation
import Testing
@testable import Tabular

/// The byte-level number parser must give the same bits as `Double(String)`.
@Suite struct NumberParsingTests {
    private func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parseDouble(UnsafeRawBufferPointer($0)) }
    }

    private func parseInt(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { parseInteger(UnsafeRawBufferPointer($0)) }
    }

    /// A reproducible generator, so that a failure can be replayed.
    private struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func randomDoublesRoundTripBitExactInShortestAndSeventeenDigitForms() {
        var random = SplitMix(state: 1)
        for _ in 0 ..< 100_000 {
            let value = Double(bitPattern: random.next())
            guard value.isFinite else { continue }
            for text in ["\(value)", String(format: "%.17g", value)] {
                #expect(parse(text)?.bitPattern == value.bitPattern, "\(text)")
            }
        }
    }

    /// Guards speed as much as exactness: seventeen-digit scores must not need `Double(String)`.
    @Test func seventeenDigitValuesNeedNoFallback() {
        var random = SplitMix(state: 4)
        for _ in 0 ..< 100_000 {
            let value = Double(bitPattern: random.next() >> 2)  // positive, finite
            var text = String(format: "%.17g", value)
            let fast = text.withUTF8 { bytes -> Double? in
                guard let literal = scanDecimal(UnsafeRawBufferPointer(bytes)), !literal.truncated else { return nil }
                return decimalToDouble(literal.digits, literal.exponent, negative: false)
            }
            #expect(fast?.bitPattern == value.bitPattern, "\(text)")
        }
    }

    @Test func scoresBetweenZeroAndOneRoundTripInEveryPrecision() {
        var random = SplitMix(state: 2)
        for _ in 0 ..< 20_000 {
            let value = Double.random(in: 0 ..< 1, using: &random)
            for format in ["%.3f", "%.6f", "%.9g", "%.15g", "%.16g", "%.17g", "%.20f", "%.25e"] {
                let text = String(format: format, value)
                #expect(parse(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
            }
        }
    }

    @Test func randomDecimalTextAgreesWithDoubleFromString() {
        var random = SplitMix(state: 3)
        for _ in 0 ..< 200_000 {
            let digits = Int.random(in: 1 ... 25, using: &random)
            var text = Bool.random(using: &random) ? "-" : ""
            for i in 0 ..< digits {
                if i == Int.random(in: 0 ..< digits + 2, using: &random) { text += "." }
                text += String(Int.random(in: 0 ... 9, using: &random))
            }
            if Bool.random(using: &random) { text += "e\(Int.random(in: -360 ... 330, using: &random))" }
            #expect(parse(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }

    @Test func hardRoundingCasesAgreeWithDoubleFromString() {
        let cases = [
            "9007199254740993", "9007199254740995", "1e23", "8.98846567431158e307",
            "2.2250738585072011e-308", "2.2250738585072012e-308", "4.9406564584124654e-324",
            "2.4703282292062327e-324", "2.4703282292062328e-324", "1.7976931348623157e308",
            "1.7976931348623158e308", "1.7976931348623159e308", "1e-400", "1e400", "0.1", "0.3",
            "123456789012345678901234567890", "0.000000000000000000000000000001",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126",
            "7.3177701707893310e+15", "4.3877613480661e-300", "0e10", "-0", "-0.0e-5",
            "00000000000000000000000000001.5", "1." + String(repeating: "0", count: 400) + "1",
            "1e1000000000", "1e-1000000000", "0.0000001e1000007",
        ]
        for text in cases { #expect(parse(text)?.bitPattern == Double(text)?.bitPattern, "\(text)") }
    }

    @Test func readsSpecialValuesSignsAndSurroundingSpaces() {
        #expect(parse("inf") == .infinity)
        #expect(parse("-Infinity") == -.infinity)
        #expect(parse("+INF") == .infinity)
        #expect(parse("nan")?.isNaN == true)
        #expect(parse("NaN")?.isNaN == true)
        #expect(parse("+1.5") == 1.5)
        #expect(parse(".5") == 0.5)
        #expect(parse("5.") == 5)
        #expect(parse("1E-2") == 0.01)
        #expect(parse(" \t2.5 ") == 2.5)
    }

    @Test func rejectsWhatIsNotADecimalNumber() {
        for text in ["", " ", "-", "+", ".", "1e", "1e+", "e5", "0x10", "1,5", "1.2.3", "--1", "1 2",
                     "nan(1)", "infinit", "1_000", "١"] {
            #expect(parse(text) == nil, "\(text)")
        }
    }

    @Test func readsIntegersToTheLimitsAndNoFurther() {
        #expect(parseInt("9223372036854775807") == .max)
        #expect(parseInt("-9223372036854775808") == .min)
        #expect(parseInt("9223372036854775808") == nil)
        #expect(parseInt("-9223372036854775809") == nil)
        #expect(parseInt(" +42 ") == 42)
        #expect(parseInt("4.0") == nil)
        #expect(parseInt("-") == nil)
    }

    @Test func powersOfFiveTableHoldsExactSmallPowers() {
        var power: UInt64 = 1
        for q in 0 ... 27 {
            let index = 2 * (q - smallestPowerOfTen)
            #expect(powersOfFive[index] == power << UInt64(power.leadingZeroBitCount))
            #expect(powersOfFive[index + 1] == 0)
            if q < 27 { power *= 5 }
        }
        #expect(powersOfFive.count == 2 * (largestPowerOfTen - smallestPowerOfTen + 1))
    }
}
