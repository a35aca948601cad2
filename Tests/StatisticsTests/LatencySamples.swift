import Foundation
import Statistics

/// Seeded latency samples in nanoseconds, and the exact percentiles a histogram is held to.
enum LatencySamples {
    static let microsecond: UInt64 = 1_000
    static let hour: UInt64 = 3_600_000_000_000

    /// Uniform integers in `range`.
    static func uniform(_ count: Int, in range: ClosedRange<UInt64>, seed: UInt64) -> [UInt64] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in range.lowerBound + UInt64(random.nextDouble() * Double(range.upperBound - range.lowerBound)) }
    }

    /// exp(N(log median, sigma²)), the shape of most service latencies.
    static func logNormal(_ count: Int, median: Double, sigma: Double, seed: UInt64) -> [UInt64] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in UInt64((median * exp(sigma * standardNormal(&random))).rounded()) }
    }

    /// Pareto with tail index `alpha` above `scale`, cut at an hour: a heavy tail of stalls.
    static func pareto(_ count: Int, scale: Double, alpha: Double, seed: UInt64) -> [UInt64] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let value = scale / pow(1 - random.nextDouble(), 1 / alpha)
            return UInt64(Swift.min(value, Double(hour)))
        }
    }

    /// Box–Muller: enough for test samples, and fixed by the seed.
    static func standardNormal(_ random: inout SplitMix64) -> Double {
        let u = 1 - random.nextDouble()  // in (0, 1], so the logarithm is finite
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * random.nextDouble())
    }

    /// The r-th smallest value for the histogram's own rank definition.
    static func exactPercentile(_ sorted: [UInt64], _ q: Double) -> UInt64 {
        sorted[Int(LatencyHistogram.rank(quantile: q, count: UInt64(sorted.count))) - 1]
    }

    static func histogram(of values: some Sequence<UInt64>) -> LatencyHistogram {
        var histogram = LatencyHistogram()
        for value in values { histogram.record(nanoseconds: value) }
        return histogram
    }
}
