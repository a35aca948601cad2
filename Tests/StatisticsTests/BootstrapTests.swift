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
