import Testing
import Statistics

struct NormalDistributionTests {
    @Test(arguments: Fixture.shared.normalQuantile)
    func quantileMatchesScipyNormPpf(_ reference: Fixture.NormalQuantile) {
        let x = NormalDistribution.quantile(reference.p)
        #expect(close(x, reference.x, relative: 1e-13, absolute: 1e-15), "p = \(reference.p): \(x) vs \(reference.x)")
    }

    @Test func quantileIsInfiniteAtTheEndsAndNaNOutside() {
        #expect(NormalDistribution.quantile(0) == -.infinity)
        #expect(NormalDistribution.quantile(1) == .infinity)
        #expect(NormalDistribution.quantile(-0.1).isNaN)
        #expect(NormalDistribution.quantile(1.5).isNaN)
        #expect(NormalDistribution.quantile(.nan).isNaN)
    }

    @Test func quantileInvertsTheCDF() {
        for p in stride(from: 0.001, to: 0.5, by: 0.0137) {
            #expect(close(NormalDistribution.cdf(NormalDistribution.quantile(p)), p, relative: 1e-14))
        }
    }

    @Test func quantileIsFiniteAtTheSmallestDoubles() {
        let x = NormalDistribution.quantile(Double.leastNonzeroMagnitude)
        #expect(x.isFinite && x < -38)
    }
}
