import Document
import ModelGate
import PersonalData

/// Profiles a JSON Lines file per JSON path (`user.email`, `items[].phone`) on every core: each
/// line is one JSON document whose string and number leaves count as their path's values.
/// Paths are columns in the order a single reader meets them, whichever thread met them first.
struct JSONLinesProfiler: Sendable {
    var scanner: PersonalDataScanner
    var today: PersonalData.CalendarDate
    var asOf: Int
    var declaration: DataDeclaration
    var dateColumn: String?
    var maxColumns: Int
    var lines = LineFile()

    func profile(path: String, name: String) throws -> FileProfile {
        try merge(lines.profile(path: path, name: name, work: work(name: name)), name: name)
    }

    func work(name: String) -> JSONLineWork { JSONLineWork(settings: self, name: name) }

    /// The workers' profiles as the profile one reader would have made: each path once, in the
    /// order of its first leaf in the file, its counts merged; or the failure one reader would
    /// have met first (a path past `maxColumns` counts from the leaf that brought it).
    func merge(_ outcome: LineFile.Outcome<JSONLineWork.Worker>, name: String) throws -> FileProfile {
        var byPath: [String: (first: JSONLineWork.Place, parts: [(worker: Int, column: Int)])] = [:]
        for (worker, state) in outcome.states.enumerated() {
            for (column, profile) in state.profile.columns.enumerated() {
                let seen = state.firstSeen[column]
                if var known = byPath[profile.name] {
                    known.first = min(known.first, seen)
                    known.parts.append((worker, column))
                    byPath[profile.name] = known
                } else {
                    byPath[profile.name] = (seen, [(worker, column)])
                }
            }
        }
        let ordered = byPath.values.sorted { $0.first < $1.first }
        var failure = outcome.failure
        if ordered.count > maxColumns {
            let place = ordered[maxColumns].first
            let overflow = LineFailure(line: place.line, leaf: place.leaf, message: JSONLineWork.tooManyPaths(name, maxColumns))
            failure = failure.map { min($0, overflow) } ?? overflow
        }
        if let failure { throw GateFailure(failure.message) }
        var profile = FileProfile(name: name, format: .jsonLines)
        for state in outcome.states { profile.mergeRecords(state.profile) }
        profile.columns = ordered.map { path in
            var column = outcome.states[path.parts[0].worker].profile.columns[path.parts[0].column]
            for part in path.parts.dropFirst() { column.merge(outcome.states[part.worker].profile.columns[part.column]) }
            return column
        }
        profile.bytes = outcome.bytes
        return profile
    }
}
