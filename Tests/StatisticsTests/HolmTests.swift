import Testing
import Statistics

struct HolmTests {
    @Test(arguments: Fixture.shared.holm)
    func matchesStatsmodelsMultipletests(_ reference: Fixture.Holm) {
        #expect(Holm.rejections(pValues: reference.pValues, alpha: reference.alpha) == reference.reject, "\(reference)")
        // statsmodels' adjusted p-values say what is rejected at every other level too.
        for alpha in [0.001, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5] {
            let expected = reference.adjusted.map { $0 <= alpha }
            let nearTie = reference.adjusted.contains { abs($0 - alpha) < 1e-12 }
            if !nearTie { #expect(Holm.rejections(pValues: reference.pValues, alpha: alpha) == expected, "alpha \(alpha)") }
        }
    }

    @Test func noPValuesRejectNothing() {
        #expect(Holm.rejections(pValues: [], alpha: 0.05).isEmpty)
    }

    // Properties over many seeded random families, ties included.
    @Test func propertiesOfTheProcedureHold() {
        var generator = SplitMix64(seed: 3)
        for _ in 0..<500 {
            let m = 1 + generator.next(below: 30)
            let pValues = (0..<m).map { _ in
                generator.next(below: 4) == 0 ? Double(generator.next(below: 5)) / 100 : generator.nextDouble() / 10
            }
            let alpha = [0.01, 0.05, 0.1][generator.next(below: 3)]
            let rejected = Holm.rejections(pValues: pValues, alpha: alpha)
            for i in 0..<m {
                // Never rejects what an unadjusted test keeps, always rejects what Bonferroni rejects.
                if rejected[i] { #expect(pValues[i] <= alpha) }
                if pValues[i] <= alpha / Double(m) { #expect(rejected[i]) }
                // A smaller p-value is rejected whenever a larger one is.
                for j in 0..<m where pValues[i] <= pValues[j] && rejected[j] { #expect(rejected[i]) }
            }
        }
    }
}
