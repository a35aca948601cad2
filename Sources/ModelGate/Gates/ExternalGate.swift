import ChildProcess
import Document

/// A gate type that is not built in: an executable speaking the plug-in protocol of DESIGN.md.
/// It gets one JSON document on stdin and prints one JSON GateResult on stdout; a non-zero exit,
/// output that is not that JSON, or a timeout is an error, never a pass.
public struct ExternalGate: Gate {
    public static let protocolVersion = 1
    public static let defaultTimeout: Duration = .seconds(600)
    /// A plug-in that prints more than this is broken; cut it off rather than fill memory.
    static let stdoutLimit = 16 * 1024 * 1024
    /// Below the gate log's limit by room for the cut marker, so a long stderr is cut once, not twice.
    static let stderrLimit = GateLog.defaultLimit - 256

    public static let descriptor = GateDescriptor(
        type: "external",
        summary: "Runs a plug-in executable that speaks the modelgate plug-in protocol.",
        rationale: "Teams have checks of their own; a plug-in joins the same pipeline, report and verdict.",
        options: [OptionSpec("command", .list, help: "[path, args...] of the plug-in; default: modelgate-gate-<type> in gates/bin or on PATH"),
                  OptionSpec("*", .any, help: "every other option is passed to the plug-in as given")],
        metrics: [MetricSpec("*", "whatever the plug-in reports")],
        defaultTimeout: defaultTimeout, examples: [])

    public let type: String
    public let command: [String]
    /// The options the plug-in receives: the gate's own keys, less `command`.
    public let options: Node
    /// What the plug-in said of itself with `--describe`; nil when it does not describe itself.
    public var description: GateDescriptor?

    /// A described plug-in's metrics; any metric of one that does not describe itself.
    public var reportedMetrics: [MetricSpec] { description?.metrics ?? Self.descriptor.metrics }

    public init(type: String, command: [String], options: Node) {
        self.type = type
        self.command = command
        var members = options.objectValue ?? []
        members.removeAll { $0.key == "command" }
        self.options = Node(.object(members), at: options.location)
    }

    public init(options: GateOptions) throws(ConfigError) {
        throw options.error("external gates are made by the pipeline reader", at: nil)
    }

    public func run(_ context: GateContext) async throws -> GateOutcome {
        let request = PluginRequest(gateID: context.gateID, type: type, options: options, candidate: context.candidate,
                                    workdir: context.baseDirectory, scratch: context.workDirectory)
        // The runner cancels the gate at its timeout; the process's own limit is a second guard.
        let process = ChildProcess(executable: command[0], arguments: Array(command.dropFirst()),
                                   workingDirectory: context.baseDirectory == "." ? nil : context.baseDirectory,
                                   timeout: context.timeout, stdoutLimit: Self.stdoutLimit, stderrLimit: Self.stderrLimit)
        let stdout = try await RequiredProgram(process, role: "plug-in")
            .run(stdin: Array(JSONWriter.write(request.document, pretty: false).utf8), log: context.log)
        return try PluginResponse.parse(stdout, plugin: command[0])
    }
}
