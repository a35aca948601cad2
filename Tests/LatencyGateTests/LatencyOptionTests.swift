import ModelGate
import Testing
@testable import LatencyGate

/// Options that cannot describe a load are refused before anything runs, at their line.
@Suite struct LatencyOptionTests {
    func refusal(_ options: String) throws -> ConfigError? {
        try LatencyWorkspace(script: LatencyWorkspace.prompt).configError(options)
    }

    @Test(arguments: [
        ("concurrency: 2", "'data' (a CSV or JSON Lines file) or 'body'"),
        ("data: rows.csv\nbody: '{\"x\": 1}'", "give one"),
        ("body: 'not json'", "'body' must be one JSON object"),
        ("body: '[1, 2]'", "'body' must be one JSON object"),
        ("data: rows.txt", "cannot tell the format"),
        ("data: rows.csv\nconcurrency: 2\nmax_connections: 8", "'max_connections' bounds an open loop"),
        ("data: rows.csv\nduration: 0s", "must be a duration"),
        ("data: rows.csv\nrequest_timeout: 0s", "must be a duration"),
        ("data: rows.csv\nmode: capacity", "needs an 'objective'"),
        ("data: rows.csv\nmode: capacity\nobjective: {p95_ms: '<= 50'}\nrate: 10", "the steps set the rate"),
        ("data: rows.csv\nmode: capacity\nobjective: {throughput_rps: '>= 50'}", "cannot be an objective"),
        ("data: rows.csv\nmode: capacity\nobjective: {p95_ms: '<= baseline'}", "compares with a number"),
        ("data: rows.csv\nmode: capacity\nobjective: {p95_ms: '<= 5'}\nstart_rate: 100\nmax_rate: 10", "is below 'start_rate'"),
        ("data: rows.csv\nobjective: {p95_ms: '<= 5'}", "'objective' is the latency objective of 'mode: capacity'"),
        ("data: rows.csv\nconcurrency: 2\nduration: 5s\nabort_on_fail: true", "needs to know how many requests"),
        ("data: rows.csv\nrate: 0", "rate"),
        ("data: rows.csv\nthresholds: {accuracy: '>= 0.9'}", "does not report a metric 'accuracy'"),
        ("data: rows.csv\nthresholds: {capacity_rps: '>= 9'}", "does not report a metric 'capacity_rps'"),
        ("data: rows.csv\nthresholds: {error_rate: '<= 2'}", "error_rate"),
    ])
    func badOptionsAreRefused(options: String, message: String) throws {
        let error = try #require(try refusal(options), "accepted: \(options.split(separator: "\n").joined(separator: " / "))")
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.location.line >= 1)
    }

    @Test func aKnownCountLetsAbortOnFailThrough() throws {
        #expect(try refusal("data: rows.csv\nrate: 10\nduration: 5s\nabort_on_fail: true") == nil)
        #expect(try refusal("data: rows.csv\nconcurrency: 4\nrequests: 100\nabort_on_fail: true") == nil)
    }

    @Test func aLatencyGateNeedsTheCandidatesPredictor() throws {
        let space = try LatencyWorkspace(script: LatencyWorkspace.prompt)
        space.workspace.candidate = "{name: m, version: '1'}"
        let error = try #require(space.configError("data: rows.csv"))
        #expect(error.message.contains("predictor"), "\(error.message)")
    }
}
