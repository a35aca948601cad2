/// One load spread over several threads, as `wrk -t` does: when one loop thread cannot keep up
/// (or gets too small a share of a busy machine's cores), the caller runs each part on a thread
/// of its own, each with its own callback state, and merges the totals with `LoadTotals.merged`.
/// A stop asked by one part's callback reaches the others through the cancellation check the
/// caller shares among them.
extension LoadGenerator {
    /// This load as at most `parts` generators that together make it: connections (closed model)
    /// or rate and connections (open model) and request counts divided as evenly as they go,
    /// durations unchanged. Fewer parts come back when there are fewer connections or measured
    /// requests than parts.
    public func split(into parts: Int) throws(LoadSetupError) -> [LoadGenerator] {
        guard parts >= 1 else { throw .invalidPlan("expected at least 1 part, got \(parts)") }
        let connections: Int
        switch plan.arrival {
        case .closed(let n): connections = n
        case .open(_, let n): connections = n
        }
        let count = min(parts, connections, plan.measured.requests ?? Int.max)
        var generators: [LoadGenerator] = []
        for index in 0..<count {
            var part = plan
            let share = Self.share(of: connections, part: index, of: count)
            switch plan.arrival {
            case .closed: part.arrival = .closed(connections: share)
            case .open(let rate, _): part.arrival = .open(rate: rate / Double(count), maxConnections: share)
            }
            part.measured.requests = plan.measured.requests.map { Self.share(of: $0, part: index, of: count) }
            part.warmup.requests = plan.warmup.requests.map { Self.share(of: $0, part: index, of: count) }
            generators.append(try LoadGenerator(plan: part, requests: requests))
        }
        return generators
    }

    /// Part `index`'s share of `total` split `count` ways: the first `total % count` parts get one more.
    private static func share(of total: Int, part index: Int, of count: Int) -> Int {
        total / count + (index < total % count ? 1 : 0)
    }
}
