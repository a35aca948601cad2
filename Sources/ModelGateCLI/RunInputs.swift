import Digest
import Document
import Foundation
import ModelGate

/// Every file a run reads: the pipeline file, the artifacts, the gates' data files, the programs
/// it starts, the baseline and the shard reports. A report must never be written over one of them
/// (`--report json:test.csv` would destroy the test set), and data must be regular files (a FIFO
/// or /dev/zero as a test set would hang the run).
struct RunInputs {
    struct Input {
        /// What the file is to the run, for messages: "the pipeline file", "option 'data' of gate 'q'".
        var role: String
        var path: String
        /// Where the pipeline file names it, when it does.
        var location: SourceLocation?
        /// A data file that is read to its end, so it must be a regular file when it exists.
        var mustBeRegular: Bool
    }

    var inputs: [Input] = []

    init(pipeline: Pipeline, baselinePath: String?, shardReports: [String]) {
        let config = pipeline.config
        let base = config.baseDirectory
        inputs.append(Input(role: "the pipeline file", path: config.path, mustBeRegular: true))
        for artifact in config.candidate.artifacts {
            inputs.append(Input(role: "artifact '\(artifact.path)'", path: RelativePath.resolve(artifact.path, against: base),
                                location: artifact.location, mustBeRegular: true))
        }
        if let program = config.candidate.predictor?.command.first, program.contains("/") {
            inputs.append(Input(role: "the predictor program", path: program, mustBeRegular: false))
        }
        for (gateConfig, gate) in pipeline.gates {
            if let external = gate as? ExternalGate, let program = external.command.first, program.contains("/") {
                inputs.append(Input(role: "the plug-in of gate '\(gateConfig.id)'", path: program,
                                    location: gateConfig.options["command"]?.location, mustBeRegular: false))
            }
            let descriptor = type(of: gate).descriptor
            for member in gateConfig.options.objectValue ?? [] {
                let isPath = descriptor.option(member.key)?.kind == .path && !(gate is ExternalGate)
                for text in Self.strings(in: member.value) {
                    let path = RelativePath.resolve(text, against: base)
                    // A declared path is an input whether or not it exists yet; any other string
                    // is one when it names an existing regular file (a plug-in's options are not described).
                    guard isPath || Self.isExistingFile(path) else { continue }
                    inputs.append(Input(role: "option '\(member.key)' of gate '\(gateConfig.id)'", path: path,
                                        location: member.value.location, mustBeRegular: isPath))
                }
            }
        }
        if let baselinePath { inputs.append(Input(role: "the baseline report", path: baselinePath, mustBeRegular: true)) }
        for shard in shardReports { inputs.append(Input(role: "shard report \(shard)", path: shard, mustBeRegular: true)) }
    }

    /// The first report that would be written over an input, as a message naming both.
    func clash(with destinations: [ReportDestination]) -> String? {
        // A FIFO or a device is not destroyed by writing into it (stdout may well be /dev/null).
        let files = inputs.filter { !Self.isStream($0.path) }
        let byIdentity = Dictionary(files.map { (FileIdentity(path: $0.path), $0) }, uniquingKeysWith: { first, _ in first })
        for destination in destinations {
            guard let identity = destination.target.identity, let input = byIdentity[identity] else { continue }
            return "the \(destination.format.rawValue) report would be written over \(input.role) (\(input.path)); a report never replaces a file the run reads"
        }
        return nil
    }

    /// The first data input that exists but is not a regular file, as a located error.
    func specialFile(configPath: String) -> ConfigError? {
        for input in inputs where input.mustBeRegular {
            guard let problem = InputFile.problem(input.path) else { continue }
            return ConfigError("\(input.role): \(problem)", path: input.location == nil ? input.path : configPath,
                               at: input.location ?? .none)
        }
        return nil
    }

    private static func strings(in node: Node) -> [String] {
        if let text = node.stringValue { return text.isEmpty ? [] : [text] }
        if let items = node.arrayValue { return items.flatMap(strings(in:)) }
        if let members = node.objectValue { return members.flatMap { strings(in: $0.value) } }
        return []
    }

    private static func isExistingFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    private static func isStream(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && [S_IFIFO, S_IFCHR].contains(info.st_mode & S_IFMT)
    }
}
