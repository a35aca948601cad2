import Testing
import Statistics

struct WilsonTests {
    @Test(arguments: Fixture.shared.wilson)
    func intervalMatchesStatsmodels(_ reference: Fixture.Wilson) throws {
        let interval = try #require(Wilson.interval(
            successes: reference.successes, trials: reference.trials, confidence: reference.confidence))
        #expect(close(interval.lowerBound, reference.lower, relative: 1e-11, absolute: 1e-15), "\(reference)")
        #expect(close(interval.upperBound, reference.upper, relative: 1e-11, absolute: 1e-15), "\(reference)")
    }

    @Test func noTrialsHaveNoInterval() {
        #expect(Wilson.interval(successes: 0, trials: 0, confidence: 0.95) == nil)
    }

    @Test func allOrNoSuccessesReachTheBoundExactly() throws {
        // statsmodels leaves rounding noise here (1.7e-18 at n = 100, confidence 0.8).
        for n in [1, 7, 37, 100, 1000, 10_000_000] {
            for confidence in [0.8, 0.95, 0.99] {
                #expect(try #require(Wilson.interval(successes: 0, trials: n, confidence: confidence)).lowerBound == 0)
                #expect(try #require(Wilson.interval(successes: n, trials: n, confidence: confidence)).upperBound == 1)
            }
        }
    }

    @Test func intervalContainsTheObservedProportion() throws {
        for (k, n) in [(0, 5), (1, 5), (3, 7), (99, 100), (500, 1000), (12, 100_000)] {
            let interval = try #require(Wilson.interval(successes: k, trials: n, confidence: 0.95))
            #expect(interval.contains(Double(k) / Double(n)))
        }
    }

    @Test func intervalWidensWithConfidence() throws {
        var previous: ClosedRange<Double>?
        for confidence in [0.5, 0.8, 0.9, 0.95, 0.99, 0.999] {
            let interval = try #require(Wilson.interval(successes: 37, trials: 120, confidence: confidence))
            if let previous {
                #expect(interval.lowerBound < previous.lowerBound && interval.upperBound > previous.upperBound)
            }
            previous = interval
        }
    }
}
