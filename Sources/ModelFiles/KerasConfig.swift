/// Judges a Keras `config.json` (in a `.keras` zip): Lambda layers carry Python code that runs on
/// load, and a `module` outside Keras is imported on load.
enum KerasConfig {
    static func findings(_ bytes: UnsafeRawBufferPointer, member: String?) -> [ModelFileFinding] {
        let config: HeaderJSON
        do {
            config = try HeaderJSON.parse(bytes)
        } catch {
            return [ModelFileFinding(.zipMalformed, offset: error.offset, member: member,
                                     message: "config.json is not JSON (\(error.problem)), so its layers cannot be judged")]
        }
        var findings: [ModelFileFinding] = []
        visit(config, member: member, into: &findings)
        return findings
    }

    private static func visit(_ value: HeaderJSON, member: String?, into findings: inout [ModelFileFinding]) {
        switch value {
        case let .object(pairs):
            let className = value["class_name"]?.string
            if className == "Lambda" || className == "TFOpLambda" {
                findings.append(ModelFileFinding(.kerasLambda, offset: 0, member: member,
                                                 message: "a \(className!) layer ('\(value["config"]?["name"]?.string ?? "?")') runs Python code when loaded"))
            }
            if let module = value["module"]?.string, !isKeras(module) {
                var finding = ModelFileFinding(.kerasCustomModule, offset: 0, member: member,
                                               message: "class '\(className ?? "?")' comes from module '\(ZipDirectory.printable(module))', imported on load")
                finding.callable = module + "." + (className ?? "")
                findings.append(finding)
            }
            for (_, child) in pairs { visit(child, member: member, into: &findings) }
        case let .array(items):
            for item in items { visit(item, member: member, into: &findings) }
        default: break
        }
    }

    static func isKeras(_ module: String) -> Bool {
        module == "keras" || module.hasPrefix("keras.")
    }
}
