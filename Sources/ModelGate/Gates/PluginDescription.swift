import ChildProcess
import Document
import Synchronization

/// What a plug-in says of itself when run with `--describe`: the descriptor shape built-in gates
/// have (summary, options with kinds, defaults and help, metrics with ranges), so that `validate`
/// checks a plug-in gate's options and thresholds, and `modelgate gates TYPE` documents it, as for
/// built-in gates. A plug-in that does not describe itself (it exits non-zero, prints nothing, or
/// prints a GateResult) is run as before, but a key of its options within a typo of a common
/// key (`tresholds:`, `timout:`) is refused: a misspelled `thresholds` would gate nothing.
///
/// The description is one JSON object on stdout:
/// `{"protocol": 1, "type": "model-card", "summary": "…", "rationale": "…",
///   "options": [{"key": "card", "kind": "path", "required": true, "help": "…"},
///               {"key": "level", "kind": "integer", "default": 3, "range": [1, 5], "help": "…"},
///               {"key": "mode", "kind": "string", "allowed": ["fast", "full"], "help": "…"}],
///   "metrics": [{"name": "sections_missing", "help": "…", "range": [0, null]}]}`
public enum PluginDescription {
    /// How long `--describe` may take; a plug-in that answers later is taken as not describing itself.
    static let timeout: Duration = .seconds(5)
    static let outputLimit = 1 << 20

    /// The plug-in's descriptor, or nil when it gives none. A description that is there but
    /// malformed is an error: a plug-in that claims to describe itself must do so correctly.
    public static func fetch(_ command: [String], workingDirectory: String?) throws(PluginDescriptionError) -> GateDescriptor? {
        let process = ChildProcess(executable: command[0], arguments: Array(command.dropFirst()) + ["--describe"],
                                   workingDirectory: workingDirectory, timeout: timeout, killGrace: .milliseconds(200),
                                   stdoutLimit: outputLimit, stderrLimit: 4 << 10)
        let outcome: ChildProcess.Outcome
        do {
            outcome = try process.runOnThisThread()
        } catch {
            // Whether the plug-in exists is judged where it is located (validate and run say so).
            return nil
        }
        guard outcome.succeeded, !outcome.stdoutTruncated else { return nil }
        guard let document = try? JSONReader.read(outcome.stdout), document.objectValue != nil,
              document["options"] != nil else { return nil }
        return try parse(document)
    }

    static func parse(_ document: Node) throws(PluginDescriptionError) -> GateDescriptor {
        guard case .int(1)? = document["protocol"]?.value else {
            throw PluginDescriptionError("its description needs \"protocol\": 1")
        }
        guard let type = document["type"]?.stringValue, !type.isEmpty else { throw PluginDescriptionError("its description has no 'type'") }
        guard let optionNodes = document["options"]?.arrayValue else { throw PluginDescriptionError("'options' must be a list") }
        var options: [OptionSpec] = []
        for node in optionNodes { options.append(try option(node)) }
        var metrics: [MetricSpec] = []
        for node in document["metrics"]?.arrayValue ?? [] {
            guard let name = node["name"]?.stringValue, !name.isEmpty else { throw PluginDescriptionError("a metric needs a 'name'") }
            metrics.append(MetricSpec(name, node["help"]?.stringValue ?? "", range: try metricRange(node["range"], of: name)))
        }
        if metrics.isEmpty { metrics = [MetricSpec("*", "whatever the plug-in reports")] }
        return GateDescriptor(type: type, summary: document["summary"]?.stringValue ?? "A plug-in gate.",
                              rationale: document["rationale"]?.stringValue ?? "", options: options, metrics: metrics,
                              defaultTimeout: ExternalGate.defaultTimeout, examples: [])
    }

    private static func option(_ node: Node) throws(PluginDescriptionError) -> OptionSpec {
        guard let key = node["key"]?.stringValue, !key.isEmpty else { throw PluginDescriptionError("an option needs a 'key'") }
        guard let kindText = node["kind"]?.stringValue, let kind = OptionSpec.Kind(rawValue: kindText) else {
            throw PluginDescriptionError("option '\(key)' needs a 'kind': string, number, integer, boolean, duration, path, list, mapping, share or any")
        }
        guard !GateConfigReader.commonKeys.contains(key), key != "command" else {
            throw PluginDescriptionError("option '\(key)' is a key modelgate reads itself")
        }
        let allowed = try node["allowed"].map { list throws(PluginDescriptionError) -> [String] in
            guard let items = list.arrayValue?.compactMap(GateOptions.text(of:)), !items.isEmpty else {
                throw PluginDescriptionError("'allowed' of option '\(key)' must be a list of words")
            }
            return items
        }
        var range: ClosedRange<Double>?
        if let bounds = node["range"] {
            let metric = try metricRange(bounds, of: key)
            range = metric.map { $0.lowerBound...$0.upperBound }
        }
        return OptionSpec(key, kind, required: node["required"]?.boolValue ?? false,
                          default: node["default"].map { GateOptions.text(of: $0) ?? JSONWriter.write($0, pretty: false) },
                          allowedValues: allowed, range: range, help: node["help"]?.stringValue ?? "",
                          accepts: { value in kind.admits(value) })
    }

    /// `[low, high]`, either end null for open.
    private static func metricRange(_ node: Node?, of name: String) throws(PluginDescriptionError) -> MetricRange? {
        guard let node else { return nil }
        guard let bounds = node.arrayValue, bounds.count == 2 else {
            throw PluginDescriptionError("the range of '\(name)' must be [low, high], with null for an open end")
        }
        let low = bounds[0].isNull ? -Double.infinity : bounds[0].numberValue
        let high = bounds[1].isNull ? Double.infinity : bounds[1].numberValue
        guard let low, let high, !low.isNaN, !high.isNaN, low <= high else {
            throw PluginDescriptionError("the range of '\(name)' must be [low, high] with low <= high")
        }
        return MetricRange(low, high)
    }
}

/// Why a plug-in's description was refused.
public struct PluginDescriptionError: Error, Sendable {
    public var message: String
    init(_ message: String) { self.message = message }
}

/// Descriptions fetched once per plug-in command while reading a pipeline: ten gates of one
/// plug-in type start it once with `--describe`.
final class PluginDescriptionCache: Sendable {
    private let entries = Mutex<[[String]: Result<GateDescriptor?, PluginDescriptionError>]>([:])

    func description(_ command: [String], workingDirectory: String?) throws(PluginDescriptionError) -> GateDescriptor? {
        if let known = entries.withLock({ $0[command] }) { return try known.get() }
        let result: Result<GateDescriptor?, PluginDescriptionError>
        do throws(PluginDescriptionError) {
            result = .success(try PluginDescription.fetch(command, workingDirectory: workingDirectory))
        } catch {
            result = .failure(error)
        }
        entries.withLock { $0[command] = result }
        return try result.get()
    }
}

extension OptionSpec.Kind {
    /// Whether a value is of this kind, for options declared by a plug-in rather than in Swift.
    func admits(_ value: Node) -> Bool {
        switch self {
        case .string, .path: return String.read(value) != nil
        case .number: return Double.read(value) != nil
        case .integer: return Int.read(value) != nil
        case .boolean: return Bool.read(value) != nil
        case .duration: return Duration.read(value) != nil
        case .list: return [String].read(value) != nil || value.arrayValue != nil
        case .mapping: return value.objectValue != nil
        case .share: return Share.read(value) != nil
        case .any: return true
        }
    }
}
