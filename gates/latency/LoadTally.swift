import Statistics

/// What one measurement window counted: the latencies of the requests that succeeded (from each
/// request's intended start), the failures by kind, and how long the window lasted.
struct LoadTally: Sendable, Equatable {
    var latencies = LatencyHistogram()
    var errors = [Int](repeating: 0, count: LoadErrorKind.allCases.count)
    /// From the window's first measured intended start to its last measured answer.
    var elapsedNanoseconds: UInt64 = 0
    /// Successful requests per second. Stored rather than derived, because windows measured at
    /// the same time (shards) add their rates while windows one after another average them.
    var throughput = 0.0

    var succeeded: Int { Int(latencies.count) }
    var failed: Int { errors.reduce(0, +) }
    var requests: Int { succeeded + failed }

    subscript(kind: LoadErrorKind) -> Int {
        get { errors[Self.index(kind)] }
        set { errors[Self.index(kind)] = newValue }
    }

    mutating func recordSuccess(nanoseconds: UInt64) { latencies.record(nanoseconds: nanoseconds) }
    mutating func recordFailure(_ kind: LoadErrorKind) { self[kind] += 1 }

    /// Closes the window: its length fixes the throughput.
    mutating func finish(elapsedNanoseconds: UInt64) {
        self.elapsedNanoseconds = elapsedNanoseconds
        throughput = elapsedNanoseconds == 0 ? 0 : Double(succeeded) / (Double(elapsedNanoseconds) / 1e9)
    }

    /// Adds a window measured at the same time against the same server (another shard's).
    mutating func addConcurrent(_ other: LoadTally) throws {
        try latencies.merge(other.latencies)
        for index in errors.indices { errors[index] += other.errors[index] }
        elapsedNanoseconds = max(elapsedNanoseconds, other.elapsedNanoseconds)
        throughput += other.throughput
    }

    /// Adds a window measured after this one (another repeat): rates average over the time.
    mutating func addSequential(_ other: LoadTally) throws {
        try latencies.merge(other.latencies)
        for index in errors.indices { errors[index] += other.errors[index] }
        let total = elapsedNanoseconds + other.elapsedNanoseconds
        if total > 0 {
            throughput = (throughput * Double(elapsedNanoseconds) + other.throughput * Double(other.elapsedNanoseconds)) / Double(total)
        }
        elapsedNanoseconds = total
    }

    private static func index(_ kind: LoadErrorKind) -> Int { LoadErrorKind.allCases.firstIndex(of: kind)! }
}
