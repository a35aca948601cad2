/// Error messages of the YAML reader: each says what was found, where, and what was expected.
extension YAMLParser {
    /// YAML features that are valid YAML but outside the configuration subset.
    enum Refused {
        case anchorOrAlias, tag, directive, multipleDocuments, explicitKey, collectionKey, emptyKey
    }

    static let tabIndentMessage =
        "tab characters cannot be used for indentation in YAML; indent with spaces"
    static let commentSpacingMessage =
        "a comment needs white space before its '#'"
    static let multilineKeyMessage =
        "a mapping key must fit on one line (a scalar that spans lines cannot be a key; check the indentation)"

    /// A scalar spanning lines, then ':'. When it is plain, YAML read a key indented deeper than
    /// its mapping's keys as the continuation of the text above it: the error names that key's
    /// line, where the mistake is, not the line the text started on. `mappingIndent` is the
    /// indentation of the mapping the key was meant for, when the parser knows it. The cursor is
    /// on the ':'.
    mutating func multilineKeyError(_ item: Item, at start: Int, mappingIndent: Int? = nil) -> DocumentError {
        guard let keyStart = item.lastLineStart else { return error(Self.multilineKeyMessage, at: start) }
        var keyEnd = pos
        while keyEnd > keyStart && YAMLByte.isBlank(text[keyEnd - 1]) { keyEnd -= 1 }
        let key = Self.quoted(String(decoding: text[keyStart..<keyEnd], as: UTF8.self))
        let textStart = location(start)
        let column = location(keyStart).column
        if let mappingIndent {
            return error("bad indentation: the key \(key) is at column \(column), but the keys of its mapping are at column \(mappingIndent + 1) (indented deeper, it would continue the value on line \(textStart.line))", at: keyStart)
        }
        return error("bad indentation: the key \(key) at column \(column) is indented as a continuation of the text that starts at \(textStart); a key must start its own line at its mapping's indentation (or is a ':' missing after that text?)", at: keyStart)
    }

    mutating func error(_ message: String, at offset: Int) -> DocumentError {
        DocumentError(message, at: location(offset))
    }

    mutating func refusal(_ kind: Refused, at offset: Int) -> DocumentError {
        let token = tokenText(at: offset)
        let message: String
        switch kind {
        case .anchorOrAlias:
            message = "anchors and aliases are not supported in modelgate configuration (found '\(token)'); repeat the value instead"
        case .tag:
            message = "tags are not supported in modelgate configuration (found '\(token)'); quote the value if it is a string"
        case .directive:
            message = "directives are not supported in modelgate configuration (found '\(token)'); remove the line"
        case .multipleDocuments:
            message = "multiple documents are not supported in modelgate configuration (found a second '---'); use one document per file"
        case .explicitKey:
            message = "complex mapping keys are not supported in modelgate configuration (found '? '); write keys as 'key: value'"
        case .collectionKey:
            message = "complex mapping keys are not supported in modelgate configuration (found a list or mapping used as a key); keys must be plain or quoted strings"
        case .emptyKey:
            message = "a mapping key is missing before ':' (empty keys are not supported in modelgate configuration)"
        }
        return DocumentError(message, at: location(offset))
    }

    /// What is at `offset`, for "found ..." in messages: a short token in quotes, or the end of
    /// the line or file.
    func found(at offset: Int) -> String {
        if offset >= text.count { return "the end of the file" }
        if text[offset] == YAMLByte.lf { return "the end of the line" }
        return "'\(tokenText(at: offset))'"
    }

    /// The token starting at `offset`: its first character, then up to white space or a flow
    /// indicator, cut at 40 bytes on a character boundary.
    func tokenText(at offset: Int) -> String {
        guard offset < text.count else { return "" }
        var end = offset + 1
        while end < text.count && end - offset < 40 {
            let b = text[end]
            if YAMLByte.isWhiteOrEnd(b) || YAMLByte.isFlowIndicator(b) { break }
            end += 1
        }
        while end < text.count && text[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: text[offset..<end], as: UTF8.self)
    }

    static func spaces(_ n: Int) -> String { n == 1 ? "1 space" : "\(n) spaces" }

    static func duplicateKeyMessage(_ key: String, first: SourceLocation) -> String {
        "duplicate key \(quoted(key)) (first defined at \(first))"
    }

    /// A key or value quoted for a message, shortened so one bad line cannot flood a log.
    static func quoted(_ s: String) -> String {
        let scalars = s.unicodeScalars
        if scalars.count <= 60 { return "'\(s)'" }
        return "'\(String(String.UnicodeScalarView(scalars.prefix(57))))...'"
    }
}
