import ModelGate

/// The range of each metric the accuracy gate reports, by scikit-learn's definition, declared on
/// the gate's metrics so that a report read back (`--baseline`, `merge`) cannot carry an f1 of 1.7.
enum AccuracyMetricRange {
    static func of(_ name: String) -> MetricRange {
        switch name {
        case "accuracy", "balanced_accuracy", "precision", "recall", "f1", "roc_auc", "pr_auc", "brier",
             "precision_macro", "recall_macro", "f1_macro", "precision_micro", "recall_micro", "f1_micro",
             "precision_weighted", "recall_weighted", "f1_weighted",
             // Spreads of rates across slices (fairlearn's definitions).
             "demographic_parity_difference", "equal_opportunity_difference":
            return .proportion
        case "mcc", "cohen_kappa": return .correlation
        case "r2": return .atMostOne
        // Losses, errors and confusion counts.
        case "log_loss", "mae", "mse", "rmse", "mape", "max_error", "tn", "fp", "fn", "tp": return .nonNegative
        default: return .finite
        }
    }
}
