/// A recursive-descent reader for the YAML subset that configuration files use.
///
/// It reads lines and indentation directly instead of going through a token stream: the subset is
/// small, and keeping byte offsets everywhere gives every node and every error its exact place.
/// This file holds the cursor and the block structure (documents, block mappings and sequences);
/// scalars, block scalars and flow collections live in the extensions beside it.
struct YAMLParser {
    /// Where a block node sits; it decides what may start on the indicator's own line.
    enum Slot {
        case document, afterDocumentMarker, mappingValue, sequenceEntry
    }

    /// A node as read, plus what deciding "is this a mapping key?" needs.
    struct Item {
        var node: Node
        /// The node's text as a mapping key; nil for collections and block scalars.
        var keyText: String?
        var isMultiline = false
        /// A plain scalar that spans lines: where its last line's text starts. Followed by ':',
        /// that line is a key indented too deep, and errors point there.
        var lastLineStart: Int?
        /// Quoted scalars and flow collections: in flow, their ':' needs no space after it.
        var isJSONLike = false
    }

    let text: [UInt8]
    var pos = 0
    var depth = 0
    /// The bracket of the innermost flow collection being read, for its error messages.
    var flowOpen = 0
    var locator: SourceLocator

    init(prepared text: [UInt8]) {
        self.text = text
        locator = SourceLocator()
    }

    // MARK: Cursor

    func byte(at offset: Int) -> UInt8 {
        offset >= 0 && offset < text.count ? text[offset] : 0
    }

    func peek(_ ahead: Int = 0) -> UInt8 { byte(at: pos + ahead) }

    var atEnd: Bool { pos >= text.count }

    var atLineStart: Bool { pos == 0 || byte(at: pos - 1) == YAMLByte.lf }

    mutating func location(_ offset: Int) -> SourceLocation { locator.location(of: offset, in: text) }

    mutating func skipBlanks() {
        while YAMLByte.isBlank(peek()) { pos += 1 }
    }

    /// Where the line holding `offset` starts (the prepared text breaks lines with LF only).
    func lineStart(of offset: Int) -> Int {
        var p = offset
        while p > 0 && text[p - 1] != YAMLByte.lf { p -= 1 }
        return p
    }

    func countSpaces(from offset: Int) -> Int {
        var p = offset
        while byte(at: p) == YAMLByte.space { p += 1 }
        return p - offset
    }

    /// `---` or `...` at `lineStart`, followed by white space or the end.
    func isDocumentMarker(at lineStart: Int) -> Bool {
        let c = byte(at: lineStart)
        guard c == UInt8(ascii: "-") || c == UInt8(ascii: ".") else { return false }
        return byte(at: lineStart + 1) == c && byte(at: lineStart + 2) == c
            && YAMLByte.isWhiteOrEnd(byte(at: lineStart + 3))
    }

    func isSequenceIndicator(at offset: Int) -> Bool {
        byte(at: offset) == UInt8(ascii: "-") && YAMLByte.isWhiteOrEnd(byte(at: offset + 1))
    }

    /// From a line start, skips lines that hold only white space or a comment. Stops at the start
    /// of the next line with content, or at the end.
    mutating func skipBlankLines() {
        while pos < text.count {
            var p = pos
            while YAMLByte.isBlank(byte(at: p)) { p += 1 }
            if byte(at: p) == UInt8(ascii: "#") {
                while !YAMLByte.isBreakOrEnd(byte(at: p)) { p += 1 }
            }
            if byte(at: p) == YAMLByte.lf {
                pos = p + 1
            } else {
                if p >= text.count { pos = p }
                return
            }
        }
    }

    /// After a node: allows trailing blanks and a comment, then moves past blank lines to the
    /// start of the next line with content.
    mutating func finishLine() throws(DocumentError) {
        if !atLineStart {
            let start = pos
            skipBlanks()
            if peek() == UInt8(ascii: "#") {
                guard pos > start else { throw error(Self.commentSpacingMessage, at: pos) }
                while !YAMLByte.isBreakOrEnd(peek()) { pos += 1 }
            }
            guard YAMLByte.isBreakOrEnd(peek()) else {
                throw error("unexpected \(found(at: pos)) after the value; expected the end of the line", at: pos)
            }
            if peek() == YAMLByte.lf { pos += 1 }
        }
        skipBlankLines()
    }

    mutating func enterCollection(at offset: Int) throws(DocumentError) {
        depth += 1
        if depth > DocumentLimits.maxDepth { throw error(DocumentLimits.depthMessage, at: offset) }
    }

    // MARK: Document

    mutating func parseDocument() throws(DocumentError) -> Node {
        skipBlankLines()
        if peek() == UInt8(ascii: "%") { throw refusal(.directive, at: pos) }
        let root: Node
        if isDocumentMarker(at: pos) && peek() == UInt8(ascii: "-") {
            pos += 3
            root = try parseBlockNode(parent: -1, slot: .afterDocumentMarker)
        } else if atEnd || isDocumentMarker(at: pos) {
            root = Node(.null, at: location(pos))
        } else {
            root = try parseBlockNode(parent: -1, slot: .document)
        }
        try finishLine()
        while isDocumentMarker(at: pos) && peek() == UInt8(ascii: ".") {
            pos += 3
            skipBlanks()
            if !YAMLByte.isBreakOrEnd(peek()) && peek() != UInt8(ascii: "#") {
                throw error("unexpected \(found(at: pos)) after the document end marker '...'", at: pos)
            }
            try finishLine()
        }
        if atEnd { return root }
        if isDocumentMarker(at: pos) { throw refusal(.multipleDocuments, at: pos) }
        if peek() == UInt8(ascii: "%") { throw refusal(.directive, at: pos) }
        let at = pos + countSpaces(from: pos)
        throw error("unexpected \(found(at: at)); expected the end of the document (check the indentation)", at: at)
    }

    // MARK: Block nodes

    /// Reads the node that follows an indicator (`key:`, `-`, `---`), or the document's root.
    /// `parent` is the indentation of the enclosing block collection (-1 at the top level).
    mutating func parseBlockNode(parent: Int, slot: Slot) throws(DocumentError) -> Node {
        let emptyAt = pos
        if slot != .document {
            let gap = pos
            skipBlanks()
            let tabbed = text[gap..<pos].contains(YAMLByte.tab)
            if !YAMLByte.isBreakOrEnd(peek()) && peek() != UInt8(ascii: "#") {
                return try parseInlineNode(parent: parent, slot: slot, tabbed: tabbed)
            }
            while !YAMLByte.isBreakOrEnd(peek()) { pos += 1 }
            if peek() == YAMLByte.lf { pos += 1 }
            skipBlankLines()
        }
        let lineStart = pos
        if atEnd || isDocumentMarker(at: lineStart) { return Node(.null, at: location(emptyAt)) }
        let indent = countSpaces(from: lineStart)
        // A mapping's value may be a block sequence at the mapping's own indentation.
        let sequenceAtParentIndent = slot == .mappingValue && indent == parent
            && isSequenceIndicator(at: lineStart + indent)
        guard indent > parent || sequenceAtParentIndent else {
            return Node(.null, at: location(emptyAt))
        }
        pos = lineStart + indent
        let tabbed = peek() == YAMLByte.tab
        skipBlanks()
        return try parseLineStartNode(indent: indent, parent: parent, slot: slot, tabbed: tabbed)
    }

    /// A node that is the first thing on its line, at column `indent`.
    private mutating func parseLineStartNode(indent: Int, parent: Int, slot: Slot, tabbed: Bool) throws(DocumentError) -> Node {
        if isSequenceIndicator(at: pos) {
            if tabbed { throw error(Self.tabIndentMessage, at: pos) }
            let sameIndent = slot == .mappingValue && indent == parent
            return try parseBlockSequence(indent: indent, endsAtSameIndent: sameIndent)
        }
        let start = pos
        let item = try parseNode(threshold: parent, inFlow: false)
        guard takeMappingColon() else { return item.node }
        let key = try mappingKey(item, at: start, tabbed: tabbed)
        return try parseBlockMapping(indent: indent, firstKey: key, at: start)
    }

    /// A node on the same line as its indicator: `key: value`, `- value`, `--- value`.
    private mutating func parseInlineNode(parent: Int, slot: Slot, tabbed: Bool) throws(DocumentError) -> Node {
        let start = pos
        let column = pos - lineStart(of: pos)
        if isSequenceIndicator(at: pos) {
            switch slot {
            case .sequenceEntry:
                // Compact nested list `- - a`; indentation made of tabs cannot be measured.
                if tabbed { throw error(Self.tabIndentMessage, at: pos) }
                return try parseBlockSequence(indent: column, endsAtSameIndent: false)
            case .mappingValue:
                throw error("a list cannot start on the same line as its key; put its '- ' items on the following lines", at: pos)
            case .afterDocumentMarker, .document:
                throw error("a list cannot start on the '---' line; start it on the next line", at: pos)
            }
        }
        let item = try parseNode(threshold: parent, inFlow: false)
        guard takeMappingColon() else { return item.node }
        switch slot {
        case .sequenceEntry:
            // Compact mapping `- key: value`: its keys line up at this column.
            let key = try mappingKey(item, at: start, tabbed: tabbed)
            return try parseBlockMapping(indent: column, firstKey: key, at: start)
        case .mappingValue:
            if item.isMultiline { throw multilineKeyError(item, at: start, mappingIndent: parent) }
            throw error("a mapping cannot start on the same line as its key; put 'key: value' on the next line, indented", at: pos)
        case .afterDocumentMarker, .document:
            throw error("a mapping cannot start on the '---' line; start it on the next line", at: start)
        }
    }

    /// If a block mapping's ':' (followed by white space) comes next on this line, moves to it.
    private mutating func takeMappingColon() -> Bool {
        // A block scalar ends at a line start; what follows it is never its ':'.
        if atLineStart { return false }
        var p = pos
        while YAMLByte.isBlank(byte(at: p)) { p += 1 }
        guard byte(at: p) == UInt8(ascii: ":"), YAMLByte.isWhiteOrEnd(byte(at: p + 1)) else { return false }
        pos = p
        return true
    }

    /// Checks that a node read before ':' can be a block mapping key, and returns its text.
    private mutating func mappingKey(_ item: Item, at start: Int, tabbed: Bool) throws(DocumentError) -> String {
        guard let key = item.keyText else { throw refusal(.collectionKey, at: start) }
        if item.isMultiline { throw multilineKeyError(item, at: start) }
        if tabbed { throw error(Self.tabIndentMessage, at: start) }
        return key
    }

    /// At the start of the line after an entry: is the next entry of a collection at `indent` here?
    /// Moves to its first character when it is; stays at the line start when the collection ends.
    private mutating func nextEntryLine(indent: Int) throws(DocumentError) -> Bool {
        if atEnd || isDocumentMarker(at: pos) { return false }
        let spaces = countSpaces(from: pos)
        if byte(at: pos + spaces) == YAMLByte.tab && spaces <= indent {
            throw error(Self.tabIndentMessage, at: pos + spaces)
        }
        if spaces < indent { return false }
        if spaces > indent {
            throw error("bad indentation: \(found(at: pos + spaces)) is at column \(spaces + 1), but the entries it would continue are at column \(indent + 1)", at: pos + spaces)
        }
        pos += spaces
        return true
    }

    private mutating func parseBlockMapping(indent: Int, firstKey: String, at firstKeyStart: Int) throws(DocumentError) -> Node {
        try enterCollection(at: firstKeyStart)
        defer { depth -= 1 }
        let mappingLocation = location(firstKeyStart)
        var members: [Node.Member] = []
        var seen: [String: SourceLocation] = [:]
        var key = firstKey
        var keyLocation = mappingLocation
        while true {
            if let first = seen[key] {
                throw DocumentError(Self.duplicateKeyMessage(key, first: first), at: keyLocation)
            }
            seen[key] = keyLocation
            pos += 1  // the ':'
            let value = try parseBlockNode(parent: indent, slot: .mappingValue)
            members.append(Node.Member(key: key, keyLocation: keyLocation, value: value))
            try finishLine()
            guard try nextEntryLine(indent: indent) else { break }
            let keyStart = pos
            key = try parseBlockKey(indent: indent)
            keyLocation = location(keyStart)
        }
        return Node(.object(members), at: mappingLocation)
    }

    /// The key of a block mapping's next entry; leaves the cursor on its ':'.
    private mutating func parseBlockKey(indent: Int) throws(DocumentError) -> String {
        let start = pos
        if isSequenceIndicator(at: pos) {
            throw error("expected 'key: value' in this mapping, found a list item ('- '); a list must be the value of a key", at: pos)
        }
        let item = try parseNode(threshold: indent, inFlow: false)
        guard takeMappingColon() else {
            if let text = item.keyText, !item.isMultiline {
                let hint = text.contains(":") ? "; a ':' inside it needs a space after it to separate key and value" : ""
                throw error("expected ':' after the key \(Self.quoted(text)) (a mapping entry is 'key: value'\(hint))", at: start)
            }
            throw error("expected 'key: value' in this mapping, found \(found(at: start))", at: start)
        }
        return try mappingKey(item, at: start, tabbed: false)
    }

    private mutating func parseBlockSequence(indent: Int, endsAtSameIndent: Bool) throws(DocumentError) -> Node {
        let start = pos
        let at = location(start)
        try enterCollection(at: start)
        defer { depth -= 1 }
        var items: [Node] = []
        while true {
            pos += 1  // the '-'
            items.append(try parseBlockNode(parent: indent, slot: .sequenceEntry))
            try finishLine()
            guard try nextEntryLine(indent: indent) else { break }
            if !isSequenceIndicator(at: pos) {
                // A list that is a mapping value at the mapping's indentation ends at the next key.
                guard endsAtSameIndent else {
                    throw error("expected a list item ('- ') at this indentation, found \(found(at: pos))", at: pos)
                }
                pos -= indent
                break
            }
        }
        return Node(.array(items), at: at)
    }
}
