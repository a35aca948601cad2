import Document
import ModelGate

/// `mode: capacity`: arrival rates tried in turn, from `startRate` up by `growth` to `maxRate`,
/// each for `stepDuration`, until a step breaks the objective or the error budget.
struct CapacityPlan: Sendable {
    var objective: [(metric: String, condition: Condition)]
    var startRate: Double
    var growth: Double
    var maxRate: Double
    var stepDuration: Duration

    /// The metrics an objective may name: what one step measures on its own.
    static let objectiveMetrics = ["p50_ms", "p90_ms", "p95_ms", "p99_ms", "p999_ms", "max_ms", "mean_ms", "error_rate"]

    init(_ options: GateOptions) throws(ConfigError) {
        typealias O = LatencyOption
        guard let node = options[O.objective], let members = node.objectValue, !members.isEmpty else {
            throw options.error("'mode: capacity' needs an 'objective' that each step must hold, like objective: {p95_ms: \"<= 50\"}",
                                at: options[O.objective] ?? options[O.mode])
        }
        var objective: [(metric: String, condition: Condition)] = []
        for member in members {
            guard Self.objectiveMetrics.contains(member.key) else {
                throw options.error("'\(member.key)' cannot be an objective; one of: \(Self.objectiveMetrics.joined(separator: ", "))",
                                    at: member.value)
            }
            let condition = try options.condition(member.value, metric: member.key)
            guard case .value = condition.bound else {
                throw options.error("an objective compares with a number, not the baseline: each step is judged while the load runs", at: member.value)
            }
            objective.append((member.key, condition))
        }
        self.objective = objective
        startRate = try options.require(O.startRate)
        growth = try options.require(O.rateGrowth)
        maxRate = try options.require(O.maxRate)
        stepDuration = try LatencyOptions.positive(options, O.stepDuration)
        guard maxRate >= startRate else {
            throw options.error("'max_rate' (\(maxRate)) is below 'start_rate' (\(startRate))", at: options[O.maxRate])
        }
    }

    /// Every rate the search may try, in order: start_rate × growth^k, the last one max_rate.
    var rates: [Double] {
        var rates: [Double] = []
        var rate = startRate
        while rate < maxRate {
            rates.append(rate)
            rate *= growth
        }
        rates.append(maxRate)
        return rates
    }
}
