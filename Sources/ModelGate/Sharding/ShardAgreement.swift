/// Whether two shard reports can be parts of one run: everything the merge takes from one report
/// for all (the split, the pipeline file, the candidate, modelgate's version, the list of gates)
/// must be the same in every report. Shards of one pipeline file agree on all of it by construction,
/// so a difference means reports of different runs, or an edited one; either way nothing merges.
struct ShardAgreement {
    var first: (path: String, report: RunReport)
    var other: (path: String, report: RunReport)

    func check() throws(ConfigError) {
        let (mine, theirs) = (other.report, first.report)
        if let a = mine.shard, let b = theirs.shard, a.count != b.count {
            throw ConfigError("this is shard \(a), but \(first.path) is shard \(b): the reports come from different splits",
                              path: other.path, at: .none)
        }
        try same("modelgate version", mine.toolVersion, theirs.toolVersion)
        try same("pipeline file sha256", mine.configSHA256, theirs.configSHA256)
        try same("candidate", "\(mine.candidate.name) \(mine.candidate.version)",
                 "\(theirs.candidate.name) \(theirs.candidate.version)")
        if mine.candidate.artifacts != theirs.candidate.artifacts {
            throw differs("candidate artifacts", ShardReports.describe(mine.candidate.artifacts),
                          ShardReports.describe(theirs.candidate.artifacts))
        }
        // Every shard lists every gate of the pipeline, measured or skipped, in the pipeline's order.
        let (gates, firstGates) = (mine.gates.map(Self.gate), theirs.gates.map(Self.gate))
        if let index = gates.indices.first(where: { $0 < firstGates.count && gates[$0] != firstGates[$0] }) {
            throw differs("as gate \(index + 1)", gates[index], firstGates[index])
        }
        try same("a number of gates:", String(gates.count), String(firstGates.count))
    }

    private static func gate(_ gate: GateResult) -> String {
        "\(gate.id) (\(gate.type)\(gate.blocking ? "" : ", not blocking"))"
    }

    private func same(_ what: String, _ mine: String, _ theirs: String) throws(ConfigError) {
        if mine != theirs { throw differs(what, mine, theirs) }
    }

    /// Values from the files are quoted with control characters escaped: the files may be hostile.
    private func differs(_ what: String, _ mine: String, _ theirs: String) -> ConfigError {
        ConfigError("this shard report has \(what) \(ReportFields.shown(mine)), but \(first.path) has \(ReportFields.shown(theirs)): "
                    + "every shard of a run must come from the same pipeline file, candidate and modelgate",
                    path: other.path, at: .none)
    }
}
