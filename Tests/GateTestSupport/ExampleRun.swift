import ModelGate

/// One worked example of a gate, run as a user would run it, and what went differently from
/// what the example says; an empty `problems` list means the example holds.
public struct ExampleRun {
    public let example: GateExample
    public private(set) var problems: [String] = []

    /// Writes the example's files and pipeline into a fresh workspace, reads it as `validate`
    /// does and, unless the example expects a refusal, runs it as `run` does.
    public init(_ example: GateExample, gate: any Gate.Type) async throws {
        self.example = example
        let workspace = try GateWorkspace(example.files, gate: gate)
        if let candidate = example.candidate { workspace.candidate = candidate }
        // The example's entry starts with its id and type, which the workspace writes itself.
        let options = example.yaml.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("id:") && !$0.hasPrefix("type:") }.joined(separator: "\n")
        switch example.expectation {
        case .rejected(let message):
            guard let error = workspace.configError(options) else {
                problems.append("validate accepted it; expected a refusal saying \"\(message)\"")
                return
            }
            if !error.message.contains(message) { problems.append("refused with \"\(error.message)\"; expected \"\(message)\"") }
        case .status(let status, let metrics):
            let result: GateResult
            do {
                result = try await workspace.run(options)
            } catch let error as ConfigError {
                problems.append("validate refused it: \(error)")
                return
            }
            if result.status != status {
                problems.append("status \(result.status.rawValue), expected \(status.rawValue): \(result.summary) \(result.error ?? "")")
            }
            for (metric, expected) in metrics.sorted(by: { $0.key < $1.key }) {
                guard let actual = result.metric(metric) else {
                    problems.append("metric \(metric) not reported; got \(result.metrics.map(\.name))")
                    continue
                }
                if abs(actual - expected) > 1e-9 { problems.append("\(metric): \(actual), expected \(expected)") }
            }
        }
    }
}
