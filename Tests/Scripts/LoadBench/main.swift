// The load generator alone, for Tests/Scripts/bench-latency.sh: one run against a URL, one line
// of results (requests per second, exact p50/p99 of the measured latencies, CPU per request),
// comparable with wrk's. Usage:
//   LoadBench URL CONNECTIONS SECONDS [RATE]
// With RATE, the open model at RATE requests per second on up to CONNECTIONS connections.
// SECONDS may instead be a request count ending in r (20000r): then there is no warm-up, which
// is how allocations per request are counted (run it twice under a malloc counter).
// THREADS=N in the environment splits the load over N loop threads (LoadGenerator.split).
//   LoadBench serve DELAY_MS
// serves every request after DELAY_MS milliseconds (the loopback test server), printing
// `port=N` once it listens: the fixed-delay server the p50 accuracy target is measured against.
import Foundation
import GateTestSupport
import HTTP
import Synchronization
#if canImport(Glibc)
import Glibc
let everyThreadOfThisProcess = RUSAGE_SELF.rawValue
#else
import Darwin
let everyThreadOfThisProcess = RUSAGE_SELF
#endif

let arguments = CommandLine.arguments
if arguments.count == 3, arguments[1] == "serve", let milliseconds = Double(arguments[2]) {
    let server = try LoopbackHTTPServer(reply: LoopbackReply(body: #"{"predictions":[0.25,0.75]}"#,
                                                             delay: .nanoseconds(Int64(milliseconds * 1e6))))
    FileHandle.standardOutput.write(Data("port=\(server.port)\n".utf8))
    while true { sleep(3600) }
}
let requestCount = arguments.count >= 4 && arguments[3].hasSuffix("r") ? Int(arguments[3].dropLast()) : nil
guard arguments.count >= 4, let connections = Int(arguments[2]), let seconds = requestCount.map(Double.init) ?? Double(arguments[3]),
      let url = URL(string: arguments[1]), let host = url.host, let port = url.port else {
    FileHandle.standardError.write(Data("usage: LoadBench http://HOST:PORT/PATH CONNECTIONS SECONDS [RATE]\n".utf8))
    exit(2)
}
let rate = arguments.count > 4 ? Double(arguments[4]) : nil

do {
    let writer = try HTTPRequestWriter(method: .get, target: url.path.isEmpty ? "/" : url.path, host: "\(host):\(port)")
    var request: [UInt8] = []
    writer.write(into: &request)
    let plan = LoadPlan(endpoint: try LoadEndpoint(host: host, port: port),
                        arrival: rate.map { .open(rate: $0, maxConnections: connections) } ?? .closed(connections: connections),
                        warmup: requestCount == nil ? LoadLength(duration: .seconds(1)) : .none,
                        measured: requestCount.map { LoadLength(requests: $0) } ?? LoadLength(duration: .seconds(seconds)))
    let threads = Int(ProcessInfo.processInfo.environment["THREADS"] ?? "1") ?? 1
    let parts = try LoadGenerator(plan: plan, requests: try LoadRequests(fixed: request)).split(into: threads)
    let results = Mutex<[(LoadTotals, [UInt64], Int)]>([])
    var before = rusage()
    getrusage(everyThreadOfThisProcess, &before)
    let done = DispatchSemaphore(value: 0)
    for part in parts {
        Thread {
            var latencies: [UInt64] = []
            latencies.reserveCapacity(4_000_000 / parts.count)
            var errors = 0
            let totals = try? part.run { outcome in
                if !outcome.isWarmup {
                    if outcome.response?.status == 200 { latencies.append(outcome.latencyNanoseconds) } else { errors += 1 }
                }
                return .proceed
            }
            let result = (totals ?? LoadTotals(), latencies, errors)
            results.withLock { $0.append(result) }
            done.signal()
        }.start()
    }
    for _ in parts { done.wait() }
    let totals = LoadTotals.merged(results.withLock { $0.map(\.0) })
    var latencies = results.withLock { $0.flatMap(\.1) }
    let errors = results.withLock { $0.reduce(0) { $0 + $1.2 } }
    var after = rusage()
    getrusage(everyThreadOfThisProcess, &after)
    func microseconds(_ t: timeval) -> Double { Double(t.tv_sec) * 1e6 + Double(t.tv_usec) }
    let cpu = microseconds(after.ru_utime) + microseconds(after.ru_stime) - microseconds(before.ru_utime) - microseconds(before.ru_stime)
    latencies.sort()
    func percentile(_ q: Double) -> Double {
        latencies.isEmpty ? .nan : Double(latencies[min(latencies.count - 1, Int(q * Double(latencies.count)))]) / 1e6
    }
    let all = totals.warmup.started + totals.measured.started
    print(String(format: "requests=%d seconds=%.3f rps=%.0f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f cpu_us_per_request=%.2f errors=%d connections_opened=%d all_requests=%d",
                 totals.measured.responses, Double(totals.measuredNanoseconds) / 1e9,
                 Double(totals.measured.responses) / (Double(totals.measuredNanoseconds) / 1e9),
                 percentile(0.5), percentile(0.99), latencies.last.map { Double($0) / 1e6 } ?? .nan,
                 cpu / Double(max(all, 1)), errors + totals.measured.failures, totals.connectionsOpened, all))
} catch {
    FileHandle.standardError.write(Data("LoadBench: \(error)\n".utf8))
    exit(3)
}
