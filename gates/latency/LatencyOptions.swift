import Document
import ModelGate
import Tabular

/// The latency gate's options, checked once before anything runs.
struct LatencyOptions: Sendable {
    /// Where the requests' rows come from.
    enum Rows: Sendable {
        case file(path: String, format: TableFormat)
        /// One JSON object, sent as every request's row.
        case fixed(Node)
    }

    var rows: Rows
    var maxRows: Int
    var arrival: Arrival
    var stop: StopRule
    var warmup: Duration
    var requestTimeout: Duration
    var connectTimeout: Duration
    var repeats: Int
    var maxErrorRate: Share
    var abortOnFail: Bool
    /// `mode: capacity`: the steps and the objective; nil in `mode: load`.
    var capacity: CapacityPlan?

    init(_ options: GateOptions) throws(ConfigError) {
        typealias O = LatencyOption
        rows = try Self.rows(options)
        maxRows = try options.require(O.maxRows)
        warmup = try options.require(O.warmup)
        requestTimeout = try Self.positive(options, O.requestTimeout)
        connectTimeout = try Self.positive(options, O.connectTimeout)
        repeats = try options.require(O.repeats)
        maxErrorRate = try options.require(O.maxErrorRate)
        abortOnFail = try options.require(O.abortOnFail)
        let maxConnections = try options.require(O.maxConnections)
        if try options.require(O.mode) == .capacity {
            for option in [O.concurrency.spec, O.rate.spec, O.requests.spec, O.duration.spec, O.abortOnFail.spec]
            where options[option.key] != nil {
                throw options.error("'\(option.key)' sets one load; with 'mode: capacity' the steps set the rate (start_rate, rate_growth, max_rate) and measure for step_duration",
                                    at: options[option.key])
            }
            let plan = try CapacityPlan(options)
            capacity = plan
            arrival = .openLoop(rate: plan.startRate, maxInFlight: maxConnections)
            stop = StopRule(requests: nil, duration: plan.stepDuration)
        } else {
            if options[O.objective] != nil {
                throw options.error("'objective' is the latency objective of 'mode: capacity'; in 'mode: load' use 'thresholds'", at: options[O.objective])
            }
            capacity = nil
            arrival = try Self.arrival(options, maxConnections: maxConnections)
            stop = try Self.stop(options)
            if abortOnFail && stop.plannedRequests(arrival) == nil {
                throw options.error("'abort_on_fail' needs to know how many requests the run will send: set 'requests', or 'rate' with 'duration'",
                                    at: options[O.abortOnFail])
            }
        }
    }

    private static func rows(_ options: GateOptions) throws(ConfigError) -> Rows {
        typealias O = LatencyOption
        switch (options.value(O.data), options[O.body]) {
        case (let path?, nil):
            if let format = options.value(O.format) {
                switch format {
                case .csv: return .file(path: path, format: .csv(delimiter: UInt8(ascii: ",")))
                case .tsv: return .file(path: path, format: .csv(delimiter: 0x09))
                case .jsonl: return .file(path: path, format: .jsonLines)
                }
            }
            guard let format = TableFormat(path: path) else {
                throw options.error("cannot tell the format of '\(path)' from its name; set 'format' to csv, tsv or jsonl", at: options[O.data])
            }
            return .file(path: path, format: format)
        case (nil, let node?):
            guard let text = node.stringValue, let object = try? JSONReader.read(Array(text.utf8)), object.objectValue != nil else {
                throw options.error("'body' must be one JSON object, like '{\"income\": 52000}'", at: node)
            }
            if options[O.format] != nil { throw options.error("'format' describes 'data'; 'body' is JSON", at: options[O.format]) }
            return .fixed(object)
        case (nil, nil):
            throw options.error("gate '\(options.gateID)' of type 'latency' needs the rows to send: 'data' (a CSV or JSON Lines file) or 'body' (one JSON object)", at: nil)
        case (_?, let node?):
            throw options.error("'data' and 'body' both say what to send; give one", at: node)
        }
    }

    private static func arrival(_ options: GateOptions, maxConnections: Int) throws(ConfigError) -> Arrival {
        typealias O = LatencyOption
        switch (options.value(O.concurrency), options.value(O.rate)) {
        case (_?, _?):
            throw options.error("'concurrency' (closed loop) and 'rate' (open loop) are two ways to load; give one", at: options[O.rate])
        case (nil, let rate?):
            return .openLoop(rate: rate, maxInFlight: maxConnections)
        case (let concurrency, nil):
            if options[O.maxConnections] != nil {
                throw options.error("'max_connections' bounds an open loop ('rate'); a closed loop has exactly 'concurrency' in flight", at: options[O.maxConnections])
            }
            return .closedLoop(concurrency: concurrency ?? 1)
        }
    }

    private static func stop(_ options: GateOptions) throws(ConfigError) -> StopRule {
        typealias O = LatencyOption
        let duration = try options.value(O.duration).map { _ throws(ConfigError) in try positive(options, O.duration) }
        let requests = options.value(O.requests)
        return StopRule(requests: requests ?? (duration == nil ? 1000 : nil), duration: duration)
    }

    static func positive(_ options: GateOptions, _ option: Option<Duration>) throws(ConfigError) -> Duration {
        let value = try options.require(option)
        guard value > .zero else { throw options.error("'\(option.key)' must be longer than zero", at: options[option]) }
        return value
    }
}

/// How requests are started.
enum Arrival: Sendable, Equatable {
    /// `concurrency` requests in flight, each followed at once by the next.
    case closedLoop(concurrency: Int)
    /// Requests started at `rate` per second, at most `maxInFlight` at a time.
    case openLoop(rate: Double, maxInFlight: Int)

    /// The most requests in flight at once.
    var slots: Int {
        switch self {
        case .closedLoop(let concurrency): return concurrency
        case .openLoop(_, let maxInFlight): return maxInFlight
        }
    }
}

/// When a measurement ends: after `requests` measured requests or `duration` of measuring,
/// whichever comes first.
struct StopRule: Sendable, Equatable {
    var requests: Int?
    var duration: Duration?

    /// How many measured requests the run will send at most, when that is known before it starts.
    func plannedRequests(_ arrival: Arrival) -> Int? {
        var planned = requests
        if case .openLoop(let rate, _) = arrival, let duration {
            let byTime = Int((rate * duration.seconds).rounded(.up))
            planned = min(planned ?? byTime, byTime)
        }
        return planned
    }
}
