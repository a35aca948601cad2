import Testing
@testable import AccuracyGate

/// The order-free sum under every sum of the engine.
@Suite struct ExactSumTests {
    @Test func sumIsTheSameInAnyOrderAndCorrectlyRounded() {
        // Multiples of 2^-30 below 2^18: every sum is an exact integer count of 2^-30 that fits an Int,
        // so Int arithmetic gives the true sum to compare with.
        var generator = SplitMix64(seed: 99)
        let units = (0..<10_000).map { _ in Int.random(in: -(1 << 48)...(1 << 48), using: &generator) }
        let values = units.map { Double($0) * 0x1p-30 }
        let truth = Double(units.reduce(0, +)) * 0x1p-30
        for order in [values, values.reversed(), values.shuffled(using: &generator)] {
            var sum = ExactSum()
            for value in order { sum.add(value) }
            #expect(sum.value == truth)
        }
    }

    @Test func cancellationKeepsTheSmallTerms() {
        var sum = ExactSum()
        for value in [1e308, 1e-300, 1e308, -1e308, Double.leastNonzeroMagnitude, -1e308] { sum.add(value) }
        var tiny = ExactSum()
        tiny.add(1e-300)
        tiny.add(Double.leastNonzeroMagnitude)
        #expect(sum.value == tiny.value && sum.value > 0)
    }

    @Test func productsAreAddedExactly() {
        let a = 1 + 0x1p-30, b = 1 - 0x1p-30  // a * b = 1 - 2^-60, which rounds to 1
        var sum = ExactSum()
        sum.addProduct(a, b)
        sum.add(-1)
        #expect(sum.value == -0x1p-60)
    }

    @Test func infinitiesAndNaNBehaveAsIEEEAddition() {
        var positive = ExactSum()
        positive.add(.infinity)
        positive.add(1)
        #expect(positive.value == .infinity)
        var both = positive
        both.add(-.infinity)
        #expect(both.value.isNaN)
    }

    @Test func mergedSumsEqualOneSum() throws {
        var whole = ExactSum(), left = ExactSum(), right = ExactSum()
        for (index, value) in [0.1, -7.25e-5, 3e200, -3e200, 0x1p-1030, 42].enumerated() {
            whole.add(value)
            if index % 2 == 0 { left.add(value) } else { right.add(value) }
        }
        left.add(right)
        #expect(left == whole)
        #expect(try jsonRoundTrip(whole) == whole)
        var negative = whole
        negative.add(-1e3)
        #expect(negative.value < 0)
        #expect(try jsonRoundTrip(negative) == negative && jsonRoundTrip(negative).value == negative.value)
    }
}
