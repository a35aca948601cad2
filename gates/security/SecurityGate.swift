import Document
import ModelGate
import Predictors

/// `type: security` — what attackers use against a model release: artifacts that are not the bytes
/// the team pinned, secrets shipped beside the model, and files the scan cannot vouch for.
public struct SecurityGate: Gate {
    public static let descriptor = GateDescriptor(
        type: "security",
        summary: "Scans the candidate's files for secrets and checks them against SHA-256 pins and a manifest.",
        rationale: """
        A model release is a set of files that a serving machine will load and trust. This gate reads \
        each file from disk once and checks over those bytes that they are the ones the team pinned \
        (a SHA-256 per file, or a SHA256SUMS manifest that must list every file of its folder), that \
        a model file (recognised by content) would run no code when loaded, and that neither the file \
        nor any zip member inside it carries a credential: private keys, cloud and service tokens, \
        JWTs, or generated values assigned to passwords and tokens. Findings show only a masked \
        excerpt. What it cannot read (a link, a FIFO, a file past a bound) is a finding too, never a \
        silent pass.
        """,
        options: SecurityOption.all,
        metrics: SecurityMetrics.specs,
        defaultTimeout: .seconds(1800),
        examples: SecurityExamples.all,
        notes: [
            """
            **Verdict.** The gate fails when a finding is at least as severe as `fail_on` (default \
            `high`); findings below it are reported. Thresholds on the counts (`high_findings: "== 0"`) \
            add checks of their own. `modelgate run --report sarif:PATH` writes every finding for \
            code-scanning views.
            """,
            """
            **ONNX models** are recognised by content (the `ir_version` tag, then another ModelProto \
            field; the whole top level must read as a ModelProto with a graph). Findings: \
            `onnx.external-data-escape` (critical: external data absolute, climbing out with `..`, or \
            a symbolic link leaving the model's folder), `onnx.external-data-unreadable` (high: \
            missing, not a regular file, offset or length past its end), `onnx.custom-domain` (high: \
            a node needing a native custom-op library, in any graph, subgraph or function), \
            `onnx.vendor-domain` (low: onnxruntime's built-in `com.microsoft` contrib operators), \
            `onnx.malformed` (high). Nodes calling a model-local function are not custom.
            """,
        ],
        rules: SecurityRules.all + EndpointRules.all)

    let options: SecurityOptions

    public init(options: GateOptions) throws(ConfigError) {
        self.options = try SecurityOptions(options)
    }

    public var predictorRequest: SourceLocation? { options.predictorRequest }

    public func run(_ context: GateContext) async throws -> GateOutcome {
        var scan = try SecurityScan(options: options, context: context).run()
        var evidence = Evidence([("files_scanned", scan.filesScanned), ("bytes_scanned", scan.bytesScanned)])
        if options.endpoint {
            scan.findings += try await probeEndpoint(context)
            evidence["endpoints_checked"] = 1
        }
        let failing = scan.findings.filter { $0.severity >= options.failOn }
        var summary = "\(scan.findings.count) findings in \(scan.filesScanned) files"
        if let worst = scan.findings.map(\.severity).max() { summary += ", the worst \(worst.rawValue)" }
        return GateOutcome(metrics: SecurityMetrics.metrics(scan.findings),
                           evidence: evidence,
                           findings: scan.findings.sorted { ($0.severity, $1.location.path ?? "") > ($1.severity, $0.location.path ?? "") },
                           status: failing.isEmpty ? .pass : .fail,
                           summary: summary)
    }
}

extension SecurityGate {
    /// The endpoint probes, with the candidate's server started for them when it says how.
    func probeEndpoint(_ context: GateContext) async throws -> [Finding] {
        guard let predictor = try CandidatePredictor.make(context) as? HTTPPredictor else {
            throw GateFailure("'endpoint: true' probes the candidate's served model: its predictor must be of type http")
        }
        let server = try await ManagedServer.startIfConfigured(predictor.http, inputs: predictor.inputs, workingDirectory: context.baseDirectory,
                                                               lifetime: context.timeout, log: context.log)
        do {
            let findings = try await EndpointProbe(predictor: predictor, inputs: predictor.inputs, timeout: options.probeTimeout)
                .findings(log: context.log)
            await server?.stop()
            return findings
        } catch {
            await server?.stop()
            throw error
        }
    }
}

/// The counts the security gate reports, for thresholds and for the report.
enum SecurityMetrics {
    static let specs: [MetricSpec] = [
        MetricSpec("findings", "Findings of every severity", range: .nonNegative),
        MetricSpec("critical_findings", "Findings of severity critical", range: .nonNegative),
        MetricSpec("high_findings", "Findings of severity high", range: .nonNegative),
        MetricSpec("medium_findings", "Findings of severity medium", range: .nonNegative),
        MetricSpec("low_findings", "Findings of severity low", range: .nonNegative),
    ]

    static func metrics(_ findings: [Finding]) -> [Metric] {
        var metrics = [Metric("findings", Double(findings.count))]
        for severity in [Finding.Severity.critical, .high, .medium, .low] {
            metrics.append(Metric("\(severity.rawValue)_findings", Double(findings.filter { $0.severity == severity }.count)))
        }
        return metrics
    }
}
