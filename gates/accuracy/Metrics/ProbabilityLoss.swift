import Foundation

/// Per-row terms of the probabilistic losses, with scikit-learn's clipping.
enum ProbabilityLoss {
    /// scikit-learn (1.5 and later) clips probabilities to [eps, 1 - eps], eps of float64.
    static let epsilon = Double.ulpOfOne

    /// -log of the probability given to the true class, clipped. Since scikit-learn 1.5 rows
    /// are not renormalised to sum to 1 (earlier versions divided by the row sum).
    @inline(__always)
    static func logLoss(probabilityOfTrueClass probability: Double) -> Double {
        -log(min(max(probability, epsilon), 1 - epsilon))
    }
}
