import Statistics

extension IntervalEstimate {
    /// The interval at `confidence` (0.95 for 95%), or nil when the evidence is too thin for one.
    public func interval(confidence: Double) -> ClosedRange<Double>? {
        switch self {
        case .proportion(let successes, let trials):
            return Wilson.interval(successes: successes, trials: trials, confidence: confidence)
        case .replicates(let replicates):
            guard replicates.count >= 2 else { return nil }
            return Bootstrap.percentileInterval(replicates: replicates, confidence: confidence)
        case .quantile(let sample, let quantile):
            return QuantileInterval.interval(sorted: sample, quantile: quantile, confidence: confidence)
        case .latencyQuantile(let histogram, let quantile, let unit):
            guard let range = histogram.interval(quantile: quantile, confidence: confidence) else { return nil }
            return Double(range.lowerBound) / unit ... Double(range.upperBound) / unit
        case .fixed(let interval):
            return interval
        case .undetermined:
            return nil
        }
    }
}
