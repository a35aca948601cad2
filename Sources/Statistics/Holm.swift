// Holm (1979), "A simple sequentially rejective multiple test procedure": controls the
// family-wise error rate at alpha for any dependence between the tests, which is why the
// engine uses it over the checks of one run (they share data, so they are dependent).

/// Holm's step-down adjustment for many tests in one run.
public enum Holm {
    /// Which hypotheses are rejected at family-wise level `alpha`: sorted ascending,
    /// p_(i) is rejected while every p_(j), j <= i, is <= alpha / (m - j + 1). In input order.
    public static func rejections(pValues: [Double], alpha: Double) -> [Bool] {
        checkInput(pValues)
        let m = pValues.count
        var rejected = [Bool](repeating: false, count: m)
        for (rank, index) in ascendingOrder(pValues).enumerated() {
            // The division, not p * (m - rank) <= alpha, as statsmodels compares.
            guard pValues[index] <= alpha / Double(m - rank) else { break }
            rejected[index] = true
        }
        return rejected
    }

    /// Indices in ascending order of p-value. Ties may come in any order: both results
    /// are the same for every order of tied values.
    private static func ascendingOrder(_ pValues: [Double]) -> [Int] {
        pValues.indices.sorted { pValues[$0] < pValues[$1] }
    }

    private static func checkInput(_ pValues: [Double]) {
        precondition(pValues.allSatisfy { $0 >= 0 && $0 <= 1 }, "p-values must be in [0, 1]")
    }
}
