import Document
import Foundation
import ModelGate

/// The column profile as a data inventory (JSON): per file and column, the kind of personal data
/// found, its share and count, and what the declaration says of it — the start of a record of
/// processing activities (Art. 30). Counts and kinds only: no value is written.
struct DataInventory {
    var profiles: [FileProfile]
    var judgement: GDPRJudgement

    func document() -> Node {
        func member(_ key: String, _ value: Node.Value) -> Node.Member { Node.Member(key: key, value: Node(value)) }
        let files = profiles.map { profile -> Node in
            let fields = profile.columns.compactMap { column -> Node? in
                let verdict = judgement.verdict(column)
                guard verdict.personal else { return nil }
                var members = [member("name", .string(column.name)), member("kind", .string(verdict.kind ?? "personal_data")),
                               member("values", .int(column.values)), member("non_empty", .int(column.nonEmpty)),
                               member("matches", .int(max(column.detectorMatches, column.contextFits)))]
                if let share = verdict.share { members.append(member("share", .double((share * 10_000).rounded() / 10_000))) }
                if let special = verdict.special { members.append(member("special_category", .string(special.rawValue))) }
                if let declared = judgement.declaration.fields[column.name] {
                    var declaration: [Node.Member] = [member("pseudonymised", .bool(declared.pseudonymised))]
                    if let purpose = declared.purpose { declaration.append(member("purpose", .string(purpose))) }
                    if let basis = declared.lawfulBasis { declaration.append(member("lawful_basis", .string(basis.rawValue))) }
                    if let days = declared.retentionDays { declaration.append(member("retention_days", .int(days))) }
                    if let condition = declared.article9Condition { declaration.append(member("art9_condition", .string(condition.rawValue))) }
                    members.append(member("declared", .object(declaration)))
                } else {
                    members.append(member("declared", .null))
                }
                return Node(.object(members))
            }
            var members = [member("path", .string(profile.name)), member("format", .string(profile.format.rawValue)),
                           member("records", .int(profile.records)), member("fields", .array(fields))]
            if !profile.textMatches.isEmpty {
                members.append(member("text_matches", .object(profile.textMatches.sorted { $0.key < $1.key }.map {
                    member($0.key.rawValue, .int($0.value.count))
                })))
            }
            return Node(.object(members))
        }
        return Node(.object([member("version", .int(1)), member("files", .array(files))]))
    }

    /// Writes the inventory to `path` through a temporary file renamed into place, refusing a
    /// path that is one of the scanned files (the gate never overwrites what it was given).
    func write(to path: String, scanned: [String]) throws {
        var target = stat()
        if stat(path, &target) == 0 {
            for input in scanned {
                var info = stat()
                if stat(input, &info) == 0, info.st_dev == target.st_dev, info.st_ino == target.st_ino {
                    throw GateFailure("the inventory path '\(path)' is one of the scanned files; it is never overwritten")
                }
            }
            guard target.st_mode & S_IFMT == S_IFREG else { throw GateFailure("the inventory path '\(path)' is not a regular file") }
        }
        let temporary = path + ".modelgate-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let text = JSONWriter.write(document(), pretty: true) + "\n"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            throw GateFailure("cannot write the inventory next to '\(path)'")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw GateFailure("cannot write the inventory '\(path)': \(reason)")
        }
    }
}
