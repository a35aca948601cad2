import Testing
import Statistics

struct BootstrapTests {
    @Test(arguments: Fixture.shared.percentile)
    func percentileIntervalMatchesNumpyPercentile(_ reference: Fixture.Percentile) throws {
        for expected in reference.intervals {
            let interval = try #require(Bootstrap.percentileInterval(
                replicates: reference.replicates.reversed(), confidence: expected.confidence))
            #expect(close(interval.lowerBound, expected.lower, relative: 1e-13), "\(expected)")
            #expect(close(interval.upperBound, expected.upper, relative: 1e-13), "\(expected)")
        }
    }

    @Test func noReplicatesOrANaNReplicateHaveNoInterval() {
        #expect(Bootstrap.percentileInterval(replicates: [], confidence: 0.95) == nil)
        #expect(Bootstrap.percentileInterval(replicates: [1, .nan, 2], confidence: 0.95) == nil)
        // An overflowing statistic (an infinite squared error on a resample) has no interval either.
        #expect(Bootstrap.percentileInterval(replicates: [1, .infinity, 2], confidence: 0.95) == nil)
        #expect(Bootstrap.percentileInterval(sortedReplicates: [-.infinity, 1, 2], confidence: 0.95) == nil)
    }

    @Test func theSameSeedGivesTheSameReplicates() {
        let data = (0..<50).map { Double($0 * $0 % 17) }
        let mean: ([Int]) -> Double = { indices in indices.reduce(0) { $0 + data[$1] } / Double(indices.count) }
        let first = Bootstrap.replicates(count: data.count, resamples: 100, seed: 42, statistic: mean)
        let again = Bootstrap.replicates(count: data.count, resamples: 100, seed: 42, statistic: mean)
        let other = Bootstrap.replicates(count: data.count, resamples: 100, seed: 43, statistic: mean)
        #expect(first == again)
        #expect(first != other)
    }

    @Test func resamplesDrawEveryRowWithReplacement() {
        var seen = Set<Int>()
        var sawRepeat = false
        _ = Bootstrap.replicates(count: 20, resamples: 50, seed: 1) { indices in
            #expect(indices.count == 20 && indices.allSatisfy { (0..<20).contains($0) })
            seen.formUnion(indices)
            sawRepeat = sawRepeat || Set(indices).count < 20
            return 0
        }
        #expect(seen.count == 20 && sawRepeat)
    }

    @Test func bootstrapSpreadOfAMeanMatchesItsStandardError() throws {
        let data = (0..<400).map { Double($0 % 100) }
        let n = Double(data.count)
        let mean = data.reduce(0, +) / n
        let standardError = (data.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n).squareRoot() / n.squareRoot()
        let replicates = Bootstrap.replicates(count: data.count, resamples: 2000, seed: 9) { indices in
            indices.reduce(0) { $0 + data[$1] } / n
        }
        let interval = try #require(Bootstrap.percentileInterval(replicates: replicates, confidence: 0.95))
        // A 95% interval of a near-normal statistic spans about ±1.96 standard errors.
        #expect(interval.contains(mean))
        #expect(abs((interval.upperBound - interval.lowerBound) / (2 * 1.96 * standardError) - 1) < 0.1)
    }

    @Test func percentileIntervalWidensWithConfidence() throws {
        let replicates = (0..<500).map { Double(($0 * 7919) % 500) / 10 }
        var previous = try #require(Bootstrap.percentileInterval(replicates: replicates, confidence: 0.5))
        for confidence in [0.8, 0.9, 0.95, 0.99] {
            let interval = try #require(Bootstrap.percentileInterval(replicates: replicates, confidence: confidence))
            #expect(interval.lowerBound < previous.lowerBound && interval.upperBound > previous.upperBound)
            previous = interval
        }
    }
}
