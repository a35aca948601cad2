import ModelGate

/// The latency gate's worked examples: documentation in `modelgate gates latency` and the README,
/// and tests (every example runs and must end as it says). The predictor is a two-line POSIX sh
/// program, so the examples need nothing but a shell; latencies vary, so only counts are expected.
enum LatencyExamples {
    static let all: [GateExample] = [closedLoop, errorBudget, capacity, twoLoadModels, abortWithoutKnownCount]

    static let candidate = "{name: scorer, version: '1', predictor: {type: command, command: [sh, predict.sh], inputs: [x], persistent: true}}"

    static let closedLoop = GateExample(
        "Two requests in flight against the candidate's predictor, percentiles checked",
        yaml: """
        id: speed
        type: latency
        data: rows.csv
        concurrency: 2
        requests: 40
        request_timeout: 1m
        thresholds:
          p99_ms: "<= 5000"
          error_rate: "== 0"
        """,
        files: ["rows.csv": "x\n1\n2\n3\n4\n", "predict.sh": "while IFS= read -r line; do echo 0.5; done\n"],
        candidate: candidate,
        expect: .pass, metrics: ["error_rate": 0])

    static let errorBudget = GateExample(
        "One failed request in ten breaks the default error budget of 0",
        yaml: """
        id: speed
        type: latency
        data: rows.csv
        requests: 10
        request_timeout: 1m
        thresholds:
          p95_ms: "<= 5000"
        """,
        files: [
            "rows.csv": "x\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n",
            "predict.sh": "while IFS= read -r line; do case \"$line\" in *'\":3'*) echo oops ;; *) echo 0.5 ;; esac; done\n",
        ],
        candidate: candidate,
        expect: .fail, metrics: ["error_rate": 0.1])

    static let capacity = GateExample(
        "Capacity: step the rate up while p95 holds",
        yaml: """
        id: capacity
        type: latency
        body: '{"x": 1}'
        mode: capacity
        objective: {p95_ms: "<= 5000"}
        start_rate: 10
        rate_growth: 2
        max_rate: 20
        step_duration: 1s
        request_timeout: 1m
        thresholds:
          capacity_rps: ">= 10"
        """,
        files: ["predict.sh": "while IFS= read -r line; do echo 0.5; done\n"],
        candidate: candidate,
        expect: .pass, metrics: ["capacity_rps": 20])

    static let twoLoadModels = GateExample(
        "A closed and an open loop at once are refused",
        yaml: """
        id: speed
        type: latency
        data: rows.csv
        concurrency: 8
        rate: 100
        """,
        files: ["rows.csv": "x\n1\n"],
        candidate: candidate,
        rejectedSaying: "'concurrency' (closed loop) and 'rate' (open loop) are two ways to load; give one")

    static let abortWithoutKnownCount = GateExample(
        "abort_on_fail needs a known number of requests",
        yaml: """
        id: speed
        type: latency
        data: rows.csv
        concurrency: 4
        duration: 30s
        abort_on_fail: true
        """,
        files: ["rows.csv": "x\n1\n"],
        candidate: candidate,
        rejectedSaying: "'abort_on_fail' needs to know how many requests the run will send")
}
