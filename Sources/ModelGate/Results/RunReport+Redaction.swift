extension RunReport {
    /// The same report with every interpolated secret masked in every text it holds, and the
    /// redactor kept so reporters mask the finished text again (`Reporter.render`): that second
    /// pass is the guarantee, whatever field a secret came through; this first one keeps the report
    /// itself (which the command line also reads) clean and masks a secret before a reporter
    /// escapes it a second time (a plug-in that echoes it JSON-escaped, written into JSON).
    /// A report built anywhere but `PipelineRunner` (one written when a run is cut short) must pass
    /// through here with the pipeline's redactor before it is rendered.
    public func redacted(with redactor: SecretRedactor) -> RunReport {
        var copy = self
        copy.redactor = redactor
        guard !redactor.secrets.isEmpty else { return copy }
        let r = redactor.redact
        copy.toolVersion = r(toolVersion)
        copy.startedAt = r(startedAt)
        copy.configPath = r(configPath)
        copy.candidate.name = r(candidate.name)
        copy.candidate.version = r(candidate.version)
        copy.candidate.artifacts = candidate.artifacts.map { artifact in
            var artifact = artifact
            artifact.path = r(artifact.path)
            return artifact
        }
        copy.interruption = interruption.map(r)
        copy.gates = gates.map { $0.redacted(with: redactor) }
        copy.rules = rules.map { rule in
            FindingRule(id: r(rule.id), summary: r(rule.summary), help: r(rule.help), severity: rule.severity)
        }
        return copy
    }
}

extension GateResult {
    func redacted(with redactor: SecretRedactor) -> GateResult {
        let r = redactor.redact
        var gate = self
        gate.id = r(id)
        gate.type = r(type)
        gate.summary = r(summary)
        gate.error = error.map(r)
        gate.log = log.map(r)
        gate.metrics = metrics.map { (r($0.name), $0.value) }
        gate.evidence = Evidence(evidence.entries.map { (r($0.name), $0.value) })
        gate.checks = checks.map { check in
            var check = check
            check.metric = r(check.metric)
            check.condition = r(check.condition)
            check.note = check.note.map(r)
            check.waiver = check.waiver.map { AppliedWaiver(reason: r($0.reason), approvedBy: r($0.approvedBy), expires: r($0.expires)) }
            return check
        }
        gate.findings = findings.map { finding in
            var finding = finding
            finding.rule = r(finding.rule)
            finding.message = r(finding.message)
            finding.excerpt = finding.excerpt.map(r)
            finding.location.path = finding.location.path.map(r)
            finding.location.field = finding.location.field.map(r)
            return finding
        }
        gate.state = state.map { GateState($0.document.redacted(with: redactor)) }
        return gate
    }
}
