/// Flow collections: `[a, b]` and `{k: v}`, which may span lines.
extension YAMLParser {
    /// Reads the flow collection whose bracket is at the cursor. Lines inside it must be indented
    /// more than `blockIndent`, the indentation of the block collection around it.
    mutating func parseFlowCollection(blockIndent: Int) throws(DocumentError) -> Node {
        let open = pos
        try enterCollection(at: open)
        defer { depth -= 1 }
        let outerOpen = flowOpen
        flowOpen = open
        defer { flowOpen = outerOpen }
        let at = location(open)
        let isSequence = peek() == UInt8(ascii: "[")
        let close = isSequence ? UInt8(ascii: "]") : UInt8(ascii: "}")
        var items: [Node] = []
        var members: [Node.Member] = []
        var seen: [String: SourceLocation] = [:]
        pos += 1
        try skipFlowSpace(blockIndent: blockIndent)
        while peek() != close {
            if atEnd { throw unclosed(open, close: close) }
            if isSequence {
                items.append(try parseFlowSequenceEntry(blockIndent: blockIndent))
            } else {
                let member = try parseFlowMappingEntry(blockIndent: blockIndent)
                if let first = seen[member.key] {
                    throw DocumentError(Self.duplicateKeyMessage(member.key, first: first), at: member.keyLocation)
                }
                seen[member.key] = member.keyLocation
                members.append(member)
            }
            try skipFlowSpace(blockIndent: blockIndent)
            if peek() == UInt8(ascii: ",") {
                pos += 1
                try skipFlowSpace(blockIndent: blockIndent)
            } else if peek() != close {
                if atEnd { throw unclosed(open, close: close) }
                let expected = isSequence ? "',' or ']'" : "',' or '}'"
                throw error("expected \(expected) in this flow collection, found \(found(at: pos))", at: pos)
            }
        }
        pos += 1
        return Node(isSequence ? .array(items) : .object(members), at: at)
    }

    /// An entry of `[...]`: a node, or a single-pair mapping `key: value`.
    private mutating func parseFlowSequenceEntry(blockIndent: Int) throws(DocumentError) -> Node {
        let start = pos
        let item = try parseNode(threshold: blockIndent, inFlow: true)
        let keyEnd = pos
        try skipFlowSpace(blockIndent: blockIndent)
        guard isPairColon(after: item) else { return item.node }
        guard let key = item.keyText else { throw refusal(.collectionKey, at: start) }
        if item.isMultiline || text[keyEnd..<pos].contains(YAMLByte.lf) {
            throw error("a key inside a flow list must be on one line with its ':'", at: start)
        }
        // The pair is a mapping of its own: it counts toward the depth limit like any other.
        try enterCollection(at: start)
        defer { depth -= 1 }
        let keyLocation = item.node.location
        let value = try parseFlowValue(blockIndent: blockIndent, close: UInt8(ascii: "]"))
        let member = Node.Member(key: key, keyLocation: keyLocation, value: value)
        return Node(.object([member]), at: keyLocation)
    }

    /// An entry of `{...}`: `key: value`, or a lone `key` whose value is null.
    private mutating func parseFlowMappingEntry(blockIndent: Int) throws(DocumentError) -> Node.Member {
        let start = pos
        if peek() == UInt8(ascii: "[") || peek() == UInt8(ascii: "{") { throw refusal(.collectionKey, at: start) }
        let keyLocation = location(start)
        let item = try parseNode(threshold: blockIndent, inFlow: true)
        guard let key = item.keyText else { throw refusal(.collectionKey, at: start) }
        try skipFlowSpace(blockIndent: blockIndent)
        guard isPairColon(after: item) else {
            return Node.Member(key: key, keyLocation: keyLocation, value: Node(.null, at: keyLocation))
        }
        let value = try parseFlowValue(blockIndent: blockIndent, close: UInt8(ascii: "}"))
        return Node.Member(key: key, keyLocation: keyLocation, value: value)
    }

    /// After a key's ':' (at the cursor): the value, or null when the entry ends right away.
    private mutating func parseFlowValue(blockIndent: Int, close: UInt8) throws(DocumentError) -> Node {
        pos += 1
        try skipFlowSpace(blockIndent: blockIndent)
        if peek() == UInt8(ascii: ",") || peek() == close {
            return Node(.null, at: location(pos))
        }
        return try parseNode(threshold: blockIndent, inFlow: true).node
    }

    /// A ':' that makes the node before it a key. After a quoted scalar or a collection it may touch
    /// the value (`"a":1`); after a plain scalar it needs a space or a flow indicator next.
    private func isPairColon(after item: Item) -> Bool {
        guard peek() == UInt8(ascii: ":") else { return false }
        let next = peek(1)
        return item.isJSONLike || YAMLByte.isWhiteOrEnd(next) || YAMLByte.isFlowIndicator(next)
    }

    /// Skips white space, comments and line breaks between flow tokens, checking the indentation
    /// of each line where content resumes.
    mutating func skipFlowSpace(blockIndent: Int) throws(DocumentError) {
        while true {
            switch peek() {
            case YAMLByte.space, YAMLByte.tab:
                pos += 1
            case UInt8(ascii: "#"):
                let before = byte(at: pos - 1)
                guard YAMLByte.isBlank(before) || before == YAMLByte.lf else {
                    throw error(Self.commentSpacingMessage, at: pos)
                }
                while !YAMLByte.isBreakOrEnd(peek()) { pos += 1 }
            case YAMLByte.lf:
                pos += 1
                try checkFlowLine(blockIndent: blockIndent)
            default:
                return
            }
        }
    }

    /// At a line start inside a flow collection: a line with content must be indented enough and
    /// must not be a document marker. Blank and comment lines may sit anywhere.
    private mutating func checkFlowLine(blockIndent: Int) throws(DocumentError) {
        let spaces = countSpaces(from: pos)
        var p = pos + spaces
        while YAMLByte.isBlank(byte(at: p)) { p += 1 }
        let c = byte(at: p)
        if YAMLByte.isBreakOrEnd(c) || c == UInt8(ascii: "#") { return }
        if spaces == 0 && isDocumentMarker(at: pos) {
            throw error("a document marker ('---' or '...') cannot appear inside a flow collection", at: pos)
        }
        if spaces <= blockIndent {
            let at = pos + spaces
            if byte(at: at) == YAMLByte.tab { throw error(Self.tabIndentMessage, at: at) }
            let opening = Character(Unicode.Scalar(text[flowOpen]))
            let closing = opening == "[" ? "]" : "}"
            let openedAt = location(flowOpen)
            throw error("this line is inside the flow collection '\(opening)' opened at \(openedAt) and must be indented by at least \(Self.spaces(blockIndent + 1)) (or is a '\(closing)' missing?)", at: at)
        }
    }

    private mutating func unclosed(_ open: Int, close: UInt8) -> DocumentError {
        let opening = Character(Unicode.Scalar(text[open]))
        let closing = Character(Unicode.Scalar(close))
        return error("this '\(opening)' is never closed (expected '\(closing)' before the end of the file)", at: open)
    }
}
