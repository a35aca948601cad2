import Document
@testable import ModelGate

/// A place in a JSON document: `[.key("gates"), .index(0), .key("status")]`.
enum ReportStep: Sendable, CustomStringConvertible {
    case key(String), index(Int)

    var description: String {
        switch self {
        case .key(let key): return ".\(key)"
        case .index(let index): return "[\(index)]"
        }
    }
}

/// Edits of written reports, as a careless user or an attacker makes them, for the reader's tests.
extension Node {
    /// The node at `path`, if there is one.
    func node(at path: [ReportStep]) -> Node? {
        guard let step = path.first else { return self }
        switch (step, value) {
        case (.key(let key), .object): return self[key]?.node(at: Array(path.dropFirst()))
        case (.index(let index), .array(let items)) where items.indices.contains(index):
            return items[index].node(at: Array(path.dropFirst()))
        default: return nil
        }
    }

    /// A copy with the node at `path` set to `replacement` (a missing last key is added at the end).
    func setting(_ path: [ReportStep], to replacement: Node.Value) -> Node {
        guard let step = path.first else { return Node(replacement) }
        let rest = Array(path.dropFirst())
        switch (step, value) {
        case (.key(let key), .object(var members)):
            if let index = members.firstIndex(where: { $0.key == key }) {
                members[index].value = members[index].value.setting(rest, to: replacement)
            } else {
                members.append(Node.Member(key: key, value: Node(.null).setting(rest, to: replacement)))
            }
            return Node(.object(members))
        case (.index(let index), .array(var items)):
            items[index] = items[index].setting(rest, to: replacement)
            return Node(.array(items))
        default:
            preconditionFailure("no \(step) in \(kindDescription)")
        }
    }
}
