import Document
import ModelGate

/// The latency gate's options, each declared once: the descriptor, `modelgate gates latency`,
/// the README and `LatencyOptions` all read these.
enum LatencyOption {
    static let all: [OptionSpec] = [
        data.spec, format.spec, body.spec, maxRows.spec, concurrency.spec, rate.spec, maxConnections.spec,
        requests.spec, duration.spec, warmup.spec, requestTimeout.spec, connectTimeout.spec, repeats.spec,
        maxErrorRate.spec, abortOnFail.spec, mode.spec, objective.spec, startRate.spec, rateGrowth.spec,
        maxRate.spec, stepDuration.spec,
    ]

    enum FileFormat: String, OptionChoice { case csv, tsv, jsonl }
    enum Mode: String, OptionChoice { case load, capacity }

    static let data = Option<String>("data", .path,
        help: "Rows to send (CSV or JSON Lines): each request carries one row's predictor 'inputs', cycling through the rows in file order.")
    static let format = Option<FileFormat>("format",
        help: "The data file's format, when the file name does not tell.")
    static let body = Option<String>("body",
        help: "One JSON object sent as every request's row instead of rows from 'data' (the predictor's 'inputs' are its keys).")
    static let maxRows = Option<Int>("max_rows", default: 10_000, range: 1...1_000_000,
        help: "Rows of 'data' read and encoded before the load starts; requests cycle through them.")
    static let concurrency = Option<Int>("concurrency", range: 1...4096,
        help: "Closed loop: this many requests in flight, each sent as soon as the one before it is answered (wrk's connections). The default when 'rate' is not given: 1.")
    static let rate = Option<Double>("rate", range: 0.001...1_000_000,
        help: "Open loop: requests started per second at a constant arrival rate, whatever the answers do; latency counts from each request's intended start, so a stalled server shows in the percentiles (wrk2, k6's constant-arrival-rate).")
    static let maxConnections = Option<Int>("max_connections", default: 64, range: 1...4096,
        help: "Open loop: the most requests in flight (connections, or predictor processes). A request whose time has come waits for one to be free, and its waiting counts in its latency.")
    static let requests = Option<Int>("requests", range: 1...100_000_000,
        help: "Measured requests to send (after the warm-up). With 'duration' too, whichever is reached first ends the run. Default when neither is given: 1000.")
    static let duration = Option<Duration>("duration",
        help: "How long to measure (after the warm-up), like 30s.")
    static let warmup = Option<Duration>("warmup", default: .zero,
        help: "Load sent before measuring, not counted (caches, JIT, connection set-up).")
    static let requestTimeout = Option<Duration>("request_timeout", default: .seconds(10),
        help: "A request not answered this long after its intended start is a timeout error.")
    static let connectTimeout = Option<Duration>("connect_timeout", default: .seconds(2),
        help: "HTTP: a connection not established this long after it was started is a connect error.")
    static let repeats = Option<Int>("repeats", default: 1, range: 1...100,
        help: "Independent measurement windows. Requests of one run are not independent (they share queues, caches, a warm server), so intervals from one run understate the uncertainty; with repeats ≥ 5 each metric's interval comes from the windows' values.")
    static let maxErrorRate = Option<Share>("max_error_rate", default: Share(0),
        help: "The error budget: the largest share of measured requests that may fail (connect errors, timeouts, 4xx, 5xx, invalid answers). More fails the gate whatever the thresholds say.")
    static let abortOnFail = Option<Bool>("abort_on_fail", default: false,
        help: "Stop the load as soon as a threshold on a percentile, max_ms or error_rate (or the error budget) can no longer be met, as k6's abortOnFail does; needs a known request count ('requests', or 'rate' with 'duration').")
    static let mode = Option<Mode>("mode", default: .load,
        help: "load: one load as configured. capacity: step the arrival rate up until 'objective' or the error budget breaks, and report capacity_rps.")
    static let objective = Option<Node>("objective", .mapping,
        help: "capacity: the latency objective each step must hold, metric: condition (p50_ms, p90_ms, p95_ms, p99_ms, p999_ms, max_ms, mean_ms, error_rate), like {p95_ms: \"<= 50\"}.")
    static let startRate = Option<Double>("start_rate", default: 10, range: 0.001...1_000_000,
        help: "capacity: the first step's arrival rate, per second.")
    static let rateGrowth = Option<Double>("rate_growth", default: 1.5, range: 1.01...10,
        help: "capacity: each step's rate is the one before times this.")
    static let maxRate = Option<Double>("max_rate", default: 10_000, range: 0.001...1_000_000,
        help: "capacity: the highest rate tried; reaching it with the objective held reports it as the capacity.")
    static let stepDuration = Option<Duration>("step_duration", default: .seconds(10),
        help: "capacity: how long each step measures (after 'warmup').")
}
