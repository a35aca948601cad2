extension RunReport {
    /// The same report with every interpolated secret masked in every text it holds. Gates never see
    /// which strings are secrets, so this pass over the whole report is the one place that guarantees it.
    func redacted(with redactor: SecretRedactor) -> RunReport {
        guard !redactor.secrets.isEmpty else { return self }
        var copy = self
        let r = redactor.redact
        copy.interruption = interruption.map(r)
        copy.gates = gates.map { gate in
            var gate = gate
            gate.summary = r(gate.summary)
            gate.error = gate.error.map(r)
            gate.log = gate.log.map(r)
            gate.checks = gate.checks.map { check in
                var check = check
                check.note = check.note.map(r)
                return check
            }
            gate.findings = gate.findings.map { finding in
                var finding = finding
                finding.message = r(finding.message)
                finding.excerpt = finding.excerpt.map(r)
                return finding
            }
            return gate
        }
        return copy
    }
}
