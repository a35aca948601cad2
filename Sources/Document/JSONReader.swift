/// Reads JSON (RFC 8259, strictly) into a `Node` tree with locations.
///
/// Strict means: no comments, no trailing commas, no leading zeros, strings of valid UTF-8 with
/// control characters escaped and surrogates paired, one value per document. Duplicate keys,
/// numbers beyond `Double`'s range and nesting deeper than 256 levels are refused too.
/// Integers that fit `Int` read as `.int`, other numbers as `.double`. A byte-order mark is skipped.
public enum JSONReader {
    public static func read(_ bytes: [UInt8]) throws(DocumentError) -> Node {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        var parser = JSONParser(body)
        return try parser.parseDocument()
    }

    public static func read(_ text: String) throws(DocumentError) -> Node {
        try read(Array(text.utf8))
    }
}
