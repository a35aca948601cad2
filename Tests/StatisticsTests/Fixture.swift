import Foundation

/// The reference values written by Tests/Scripts/make-statistics-fixtures.py (scipy, statsmodels, numpy).
struct Fixture: Decodable {
    struct NormalQuantile: Decodable { let p, x: Double }
    struct Wilson: Decodable { let successes, trials: Int; let confidence, lower, upper: Double }
    struct Binomial: Decodable { let k, n: Int; let p, cdf, sf, exactCdf, exactSf: Double }
    struct QuantileInterval: Decodable {
        let n: Int
        let quantile, confidence: Double
        let lower, upper: Int?
        let coverage: Double?
    }
    struct SplitMix64: Decodable { let seed: String; let outputs: [String]; let doubles: [Double] }
    struct Percentile: Decodable {
        struct Interval: Decodable { let confidence, lower, upper: Double }
        let replicates: [Double]
        let intervals: [Interval]
    }
    struct Holm: Decodable { let pValues: [Double]; let alpha: Double; let reject: [Bool]; let adjusted: [Double] }

    let normalQuantile: [NormalQuantile]
    let wilson: [Wilson]
    let binomial: [Binomial]
    let quantileInterval: [QuantileInterval]
    let splitMix64: SplitMix64
    let percentile: [Percentile]
    let holm: [Holm]

    /// Read beside this source file rather than from a resource bundle: the test target
    /// declares no resources, and the tests always run from a checkout.
    static let shared: Fixture = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/statistics.json")
        do {
            return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read the statistics fixture at \(url.path): \(error)")
        }
    }()
}

/// |actual - expected| within `relative` of the expected magnitude, or within `absolute`.
func close(_ actual: Double, _ expected: Double, relative: Double = 1e-12, absolute: Double = 1e-300) -> Bool {
    abs(actual - expected) <= max(absolute, relative * abs(expected))
}
