import Testing
import Statistics

struct PoissonBootstrapTests {
    @Test func weightsFollowPoissonOne() {
        let bootstrap = PoissonBootstrap(resamples: 100, seed: 5)
        var weights: [Int] = []
        var total = 0, squares = 0, zeros = 0, draws = 0
        for row in 0..<2000 {
            bootstrap.weights(forRow: row, into: &weights)
            for w in weights {
                total += w; squares += w * w; zeros += w == 0 ? 1 : 0; draws += 1
            }
        }
        let mean = Double(total) / Double(draws)
        let variance = Double(squares) / Double(draws) - mean * mean
        // 200,000 draws: the standard errors are about 0.002 for each of these.
        #expect(abs(mean - 1) < 0.01)
        #expect(abs(variance - 1) < 0.02)
        #expect(abs(Double(zeros) / Double(draws) - 0.36787944117144233) < 0.005)
    }

    @Test func aRowsWeightsDependOnlyOnSeedAndRow() {
        let bootstrap = PoissonBootstrap(resamples: 64, seed: 77)
        let forward = (0..<10).map { bootstrap.weights(forRow: $0) }
        let backward = (0..<10).reversed().map { bootstrap.weights(forRow: $0) }.reversed()
        #expect(forward == Array(backward))
        #expect(Set(forward).count == 10)
        #expect(PoissonBootstrap(resamples: 64, seed: 78).weights(forRow: 3) != forward[3])
        #expect(forward.allSatisfy { $0.count == 64 })
    }

    @Test func streamedReplicatesOfAMeanSpreadLikeItsStandardError() {
        // One pass over the rows, each replicate keeping a weighted sum and weight: the way
        // a gate uses it.
        let resamples = 1000
        let bootstrap = PoissonBootstrap(resamples: resamples, seed: 2024)
        var sums = [Double](repeating: 0, count: resamples)
        var counts = [Int](repeating: 0, count: resamples)
        var weights: [Int] = []
        let values = (0..<500).map { Double($0 % 10) }  // mean 4.5, sd 2.872
        for (row, value) in values.enumerated() {
            bootstrap.weights(forRow: row, into: &weights)
            for b in 0..<resamples {
                sums[b] += Double(weights[b]) * value
                counts[b] += weights[b]
            }
        }
        let means = (0..<resamples).map { sums[$0] / Double(counts[$0]) }
        let center = means.reduce(0, +) / Double(resamples)
        let spread = (means.map { ($0 - center) * ($0 - center) }.reduce(0, +) / Double(resamples - 1)).squareRoot()
        let standardError = 2.8722813232690143 / Double(values.count).squareRoot()
        #expect(abs(center - 4.5) < 0.02)
        #expect(abs(spread / standardError - 1) < 0.1)
    }
}
