import Testing
import Statistics

struct SplitMix64Tests {
    @Test func seedZeroGivesThePublishedReferenceSequence() {
        // Vigna's splitmix64.c, seeded with 0.
        var generator = SplitMix64(seed: 0)
        let expected: [UInt64] = [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F, 0xF88B_B8A8_724C_81EC]
        #expect((0..<4).map { _ in generator.next() } == expected)
    }

    @Test func outputsAndDoublesMatchAnIndependentImplementation() throws {
        let reference = Fixture.shared.splitMix64
        var generator = SplitMix64(seed: try #require(UInt64(reference.seed, radix: 16)))
        for (hex, double) in zip(reference.outputs, reference.doubles) {
            var copy = generator
            #expect(generator.next() == UInt64(hex, radix: 16))
            #expect(copy.nextDouble() == double)
        }
    }

    @Test func boundedDrawsAreInRangeAndUniform() {
        var generator = SplitMix64(seed: 7)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[generator.next(below: 6)] += 1 }
        // Each count is ~Binomial(60000, 1/6): sd 91, so 500 is over five sd.
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 }, "\(counts)")
    }

    @Test func boundedDrawsReachTheExtremesOfLargeRanges() {
        var generator = SplitMix64(seed: 11)
        let bound = Int.max
        let draws = (0..<1000).map { _ in generator.next(below: bound) }
        #expect(draws.allSatisfy { $0 >= 0 && $0 < bound })
        #expect(draws.contains { $0 > bound / 2 } && draws.contains { $0 < bound / 2 })
        #expect(generator.next(below: 1) == 0)
    }
}
