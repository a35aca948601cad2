import Document

/// Reads one entry of `gates:`: the keys every gate has, then hands the rest to its type.
struct GateConfigReader {
    /// Keys the runner handles for every gate type; everything else belongs to the type.
    static let commonKeys = ["id", "type", "blocking", "timeout", "needs", "thresholds", "decide", "confidence"]

    let path: String
    let baseDirectory: String
    let registry: GateRegistry
    let hasBaseline: Bool
    /// Plug-ins' `--describe` answers, fetched once per command.
    let pluginDescriptions = PluginDescriptionCache()

    func read(_ node: Node, index: Int) throws(ConfigError) -> (GateConfig, any Gate) {
        var entry = try MappingReader(node, path: path, context: "gate #\(index + 1)")
        let id = try entry.requiredString("id")
        guard Self.isValidID(id) else {
            throw entry.error("gate id '\(id)' must be letters, digits, '-' or '_' (it is used by --only and in reports)", at: entry.node["id"]!)
        }
        entry = try MappingReader(node, path: path, context: "gate '\(id)'")
        _ = entry.optionalNode("id")
        let typeNode = try entry.requiredNode("type")
        let type = try entry.requiredString("type")
        let blocking = try entry.bool("blocking") ?? true
        let needs = try entry.stringList("needs") ?? []
        let decide = try readDecision(&entry, default: registry.builtin(type)?.descriptor.defaultDecision ?? .point)
        let confidence = try readConfidence(&entry)
        let timeoutNode = entry.optionalNode("timeout")
        let thresholdsNode = entry.optionalNode("thresholds")

        // What remains are the type's own options.
        var ownMembers: [Node.Member] = []
        for member in node.objectValue ?? [] where !Self.commonKeys.contains(member.key) {
            ownMembers.append(member)
        }
        let options = Node(.object(ownMembers), at: node.location)

        let gate: any Gate
        let defaultTimeout: Duration
        var descriptor: GateDescriptor?
        if let builtin = registry.builtin(type) {
            descriptor = builtin.descriptor
            defaultTimeout = builtin.descriptor.defaultTimeout
            gate = try builtin.init(options: GateOptions(options, path: path, gateID: id, descriptor: builtin.descriptor))
        } else {
            defaultTimeout = ExternalGate.defaultTimeout
            let external = try externalGate(type: type, typeNode: typeNode, options: options, id: id)
            gate = external
            descriptor = external.description
        }

        var timeout = defaultTimeout
        if let timeoutNode, !timeoutNode.isNull {
            guard let text = GateOptions.text(of: timeoutNode), let parsed = DurationText.parse(text) else {
                throw entry.error("timeout of gate '\(id)' must be a duration like 30s, 10m or 1h", at: timeoutNode)
            }
            timeout = parsed
        }
        let thresholds = try readThresholds(thresholdsNode, id: id, type: descriptor?.type,
                                            metrics: descriptor == nil ? nil : gate.reportedMetrics)
        let config = GateConfig(id: id, type: type, blocking: blocking, timeout: timeout, needs: needs,
                                thresholds: thresholds, decide: decide, confidence: confidence,
                                options: options, location: node.location)
        return (config, gate)
    }

    private func readDecision(_ entry: inout MappingReader, default mode: DecisionMode) throws(ConfigError) -> DecisionMode {
        guard let node = entry.optionalNode("decide"), !node.isNull else { return mode }
        guard let text = node.stringValue, let mode = DecisionMode(rawValue: text) else {
            throw entry.error("'decide' must be 'point' or 'interval'", at: node)
        }
        return mode
    }

    private func readConfidence(_ entry: inout MappingReader) throws(ConfigError) -> Double {
        guard let node = entry.optionalNode("confidence"), !node.isNull else { return 0.95 }
        var value = node.numberValue
        if let text = node.stringValue, text.hasSuffix("%"), let percent = Double(text.dropLast()) { value = percent / 100 }
        guard let value, value > 0.5, value < 1 else {
            throw entry.error("'confidence' must be a level between 0.5 and 1, like 0.95 or \"95%\"", at: node)
        }
        return value
    }

    /// `metrics`: what the configured gate reports; nil for a plug-in, which says so only when it runs.
    private func readThresholds(_ node: Node?, id: String, type: String?, metrics: [MetricSpec]?) throws(ConfigError) -> [ThresholdConfig] {
        guard let node, !node.isNull else { return [] }
        guard let members = node.objectValue else {
            throw ConfigError("thresholds of gate '\(id)' must be a mapping of metric to condition, like f1: \">= 0.85\"",
                              path: path, at: node.location)
        }
        var result: [ThresholdConfig] = []
        for member in members {
            let spec = metrics?.spec(for: member.key)
            if let metrics, let type, spec == nil {
                let names = metrics.map(\.name)
                var message = "gate '\(id)' of type '\(type)' does not report a metric '\(member.key)' as configured"
                if let near = Spelling.closest(to: member.key, among: names) { message += "; did you mean '\(near)'?" }
                message += " (it reports: \(names.joined(separator: ", ")))"
                throw ConfigError(message, path: path, at: member.keyLocation)
            }
            // A plug-in's metrics are judged by the units their names carry (`_ms`, `_rate`).
            let range = spec?.range ?? MetricRanges.conventional.range(of: member.key)
            let condition = try Self.condition(member.value, metric: member.key, range: range, path: path)
            if condition.usesBaseline && !hasBaseline {
                throw ConfigError("threshold for '\(member.key)' compares with the baseline, but no baseline report was given (run with --baseline REPORT.json; validate with --with-baseline)",
                                  path: path, at: member.value.location)
            }
            result.append(ThresholdConfig(metric: member.key, condition: condition, location: member.value.location))
        }
        return result
    }

    /// A condition node: a string like ">= 0.9". Any gate that takes conditions in its own options
    /// reads them here too, so every condition error reads the same.
    /// `range`: the metric's possible values, so that a condition none of them can pass, or all
    /// pass, is refused (a threshold beyond any measurable value is refused for every metric).
    static func condition(_ node: Node, metric: String, range: MetricRange?, path: String) throws(ConfigError) -> Condition {
        let got: String
        switch node.value {
        case .string(let text):
            let condition: Condition
            do throws(ConditionSyntaxError) {
                condition = try Condition.parse(text)
            } catch {
                throw ConfigError("threshold for '\(metric)' must be a condition like \">= 0.9\", got \"\(text)\" (\(error.reason))",
                                  path: path, at: node.location)
            }
            if let why = condition.vacuity(over: range) {
                throw ConfigError("threshold for '\(metric)' decides nothing: \(why)", path: path, at: node.location)
            }
            return condition
        case .int, .double: got = "the bare number \(GateOptions.text(of: node) ?? "")"
        default: got = node.kindDescription
        }
        throw ConfigError("threshold for '\(metric)' must be a condition like \">= 0.9\", got \(got)", path: path, at: node.location)
    }

    /// A plug-in gate, its options checked against its `--describe` answer when it gives one.
    private func externalGate(type: String, typeNode: Node, options: Node, id: String) throws(ConfigError) -> ExternalGate {
        var gate = try locatePlugin(type: type, typeNode: typeNode, options: options, id: id)
        let description: GateDescriptor?
        do throws(PluginDescriptionError) {
            description = try pluginDescriptions.description(gate.command, workingDirectory: baseDirectory == "." ? nil : baseDirectory)
        } catch {
            throw ConfigError("plug-in \(gate.command[0]) for gate '\(id)' \(error.message)", path: path, at: typeNode.location)
        }
        if let description {
            _ = try GateOptions(gate.options, path: path, gateID: id, descriptor: description)
            gate.description = description
        } else {
            // Without a description every key goes to the plug-in; one a typo away from a common
            // key was almost surely meant for modelgate, and would silently do nothing there.
            for member in gate.options.objectValue ?? [] {
                if let near = Spelling.closest(to: member.key, among: Self.commonKeys) {
                    throw ConfigError("gate '\(id)': \(Spelling.quoted(member.key)) is not a key modelgate reads; did you mean '\(near)'? "
                                      + "(plug-in \(gate.command[0]) does not describe its options with --describe, so this key would "
                                      + "only be passed to it)", path: path, at: member.keyLocation)
                }
            }
        }
        return gate
    }

    private func locatePlugin(type: String, typeNode: Node, options: Node, id: String) throws(ConfigError) -> ExternalGate {
        if let commandNode = options["command"] {
            var command: [String] = []
            if let text = commandNode.stringValue { command = [text] }
            for item in commandNode.arrayValue ?? [] {
                guard let text = GateOptions.text(of: item) else {
                    throw ConfigError("'command' must be a list of strings: [path, args...]", path: path, at: item.location)
                }
                command.append(text)
            }
            guard let program = command.first, !program.isEmpty else {
                throw ConfigError("'command' of gate '\(id)' must name an executable: [path, args...]", path: path, at: commandNode.location)
            }
            // A relative program path is relative to the pipeline file, like every other path in it.
            if program.contains("/") { command[0] = RelativePath.resolve(program, against: baseDirectory) }
            return ExternalGate(type: type, command: command, options: options)
        }
        guard Self.isValidID(type) else {
            throw ConfigError("gate type '\(type)' is not a valid type name", path: path, at: typeNode.location)
        }
        guard let executable = registry.pluginExecutable(for: type) else {
            var message = "unknown gate type '\(type)': not built in (\(registry.builtinTypes.joined(separator: ", ")))"
            message += ", no 'command:' given, and no executable modelgate-gate-\(type) in \(registry.pluginDirectories.joined(separator: ", ")) or on PATH"
            if let near = Spelling.closest(to: type, among: registry.builtinTypes) { message += "; did you mean '\(near)'?" }
            throw ConfigError(message, path: path, at: typeNode.location)
        }
        return ExternalGate(type: type, command: [executable], options: options)
    }

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy {
            ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 122) || $0 == 95 || $0 == 45 || $0 == 46
        }
    }
}
