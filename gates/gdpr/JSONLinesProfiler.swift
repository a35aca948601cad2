import Document
import ModelGate
import PersonalData

/// Profiles a JSON Lines file per JSON path (`user.email`, `items[].phone`): each line is read as
/// one JSON document and its string and number leaves are counted as that path's values.
struct JSONLinesProfiler {
    var scanner: PersonalDataScanner
    var today: PersonalData.CalendarDate
    var asOf: Int
    var declaration: DataDeclaration
    var dateColumn: String?
    var maxColumns: Int

    func profile(path: String, name: String) throws -> FileProfile {
        var profile = FileProfile(name: name, format: .jsonLines)
        var index: [String: Int] = [:]
        var matches: [PersonalDataMatch] = []
        profile.bytes = try LineFile.forEachLine(path: path, name: name) { line, number in
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
            let document: Node
            do {
                document = try JSONReader.read(Array(line))
            } catch let error as DocumentError {
                throw GateFailure("\(name) line \(number): not JSON (\(error.message))")
            }
            profile.records += 1
            var leaves: [(path: String, value: [UInt8])] = []
            Self.collect(document, path: "", into: &leaves)
            var recordDate: Int??
            for leaf in leaves {
                if leaf.path == dateColumn { recordDate = .some(leaf.value.withUnsafeBytes { DayNumber.parse($0) }) }
                let column: Int
                if let known = index[leaf.path] {
                    column = known
                } else {
                    guard profile.columns.count < maxColumns else {
                        throw GateFailure("\(name) has more than max_columns (\(maxColumns)) JSON paths")
                    }
                    column = profile.columns.count
                    index[leaf.path] = column
                    profile.columns.append(ColumnProfile(name: leaf.path))
                }
                leaf.value.withUnsafeBytes { value in
                    profile.columns[column].add(value, row: number, scanner: scanner, today: today, matches: &matches)
                }
            }
            judgeRetention(recordDate, leaves: leaves, row: number, profile: &profile)
        }
        return profile
    }

    private func judgeRetention(_ recordDate: Int??, leaves: [(path: String, value: [UInt8])], row: Int, profile: inout FileProfile) {
        let held = Set(leaves.filter { !$0.value.isEmpty }.map(\.path)).compactMap { path -> RetentionRule? in
            declaration.fields[path]?.retentionDays.map { RetentionRule(field: path, oldestAllowed: asOf - $0) }
        }
        guard dateColumn != nil, !held.isEmpty else { return }
        guard case .some(.some(let day)) = recordDate else {
            profile.undated = ((profile.undated?.count ?? 0) + 1, profile.undated?.firstRow ?? row)
            return
        }
        for rule in held where day < rule.oldestAllowed {
            let previous = profile.expired[rule.field]
            profile.expired[rule.field] = ((previous?.count ?? 0) + 1, previous?.firstRow ?? row)
        }
    }

    /// The string and number leaves of a document, by dotted path; array elements share `[]`.
    static func collect(_ node: Node, path: String, into leaves: inout [(path: String, value: [UInt8])]) {
        switch node.value {
        case .object(let members):
            for member in members { collect(member.value, path: path.isEmpty ? member.key : path + "." + member.key, into: &leaves) }
        case .array(let elements):
            for element in elements { collect(element, path: path + "[]", into: &leaves) }
        case .string(let text):
            leaves.append((path, Array(text.utf8)))
        case .int, .double:
            leaves.append((path, Array(JSONWriter.write(node, pretty: false).utf8)))
        case .bool, .null:
            break
        }
    }
}
