/// Reads the YAML subset that modelgate configuration uses into a `Node` tree with locations.
///
/// Accepted: one document (optional `---` and `...`), block and flow mappings and sequences,
/// plain, single- and double-quoted scalars, `|` and `>` block scalars, comments; plain scalars
/// resolve by the YAML 1.2 core schema. Refused with a located message: anchors, aliases, tags,
/// directives, several documents, complex keys, duplicate keys, tab indentation, nesting deeper
/// than 256 levels.
public enum YAMLReader {
    public static func read(_ bytes: [UInt8]) throws(DocumentError) -> Node {
        var parser = YAMLParser(prepared: try YAMLSource.prepare(bytes))
        return try parser.parseDocument()
    }

    public static func read(_ text: String) throws(DocumentError) -> Node {
        try read(Array(text.utf8))
    }
}
