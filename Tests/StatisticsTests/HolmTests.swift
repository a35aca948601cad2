import Testing
import Statistics

struct HolmTests {
    @Test(arguments: Fixture.shared.holm)
    func matchesStatsmodelsMultipletests(_ reference: Fixture.Holm) {
        #expect(Holm.rejections(pValues: reference.pValues, alpha: reference.alpha) == reference.reject, "\(reference)")
        let adjusted = Holm.adjusted(pValues: reference.pValues)
        #expect(zip(adjusted, reference.adjusted).allSatisfy { close($0, $1, relative: 1e-15) }, "\(adjusted)")
    }

    @Test func noPValuesRejectNothing() {
        #expect(Holm.rejections(pValues: [], alpha: 0.05).isEmpty)
        #expect(Holm.adjusted(pValues: []).isEmpty)
    }

    // Properties over many seeded random families, ties included.
    @Test func propertiesOfTheAdjustmentHold() {
        var generator = SplitMix64(seed: 3)
        for _ in 0..<500 {
            let m = 1 + generator.next(below: 30)
            let pValues = (0..<m).map { _ in
                generator.next(below: 4) == 0 ? Double(generator.next(below: 5)) / 100 : generator.nextDouble() / 10
            }
            let alpha = [0.01, 0.05, 0.1][generator.next(below: 3)]
            let rejected = Holm.rejections(pValues: pValues, alpha: alpha)
            let adjusted = Holm.adjusted(pValues: pValues)
            for i in 0..<m {
                // Never rejects what an unadjusted test keeps, always rejects what Bonferroni rejects.
                if rejected[i] { #expect(pValues[i] <= alpha) }
                if pValues[i] <= alpha / Double(m) { #expect(rejected[i]) }
                #expect(adjusted[i] >= pValues[i] && adjusted[i] <= 1)
                // Rejection is the adjusted p-value against alpha, away from rounding ties.
                if abs(adjusted[i] - alpha) > 1e-12 { #expect(rejected[i] == (adjusted[i] <= alpha)) }
                for j in 0..<m where pValues[i] <= pValues[j] {
                    #expect(adjusted[i] <= adjusted[j])
                    if rejected[j] { #expect(rejected[i]) }
                }
            }
        }
    }
}
