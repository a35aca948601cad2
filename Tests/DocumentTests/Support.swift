import Document

/// Reads YAML text, or returns the error (nil when the text was accepted).
func yamlError(_ text: String) -> DocumentError? {
    do {
        _ = try YAMLReader.read(text)
        return nil
    } catch {
        return error
    }
}

func yamlError(bytes: [UInt8]) -> DocumentError? {
    do {
        _ = try YAMLReader.read(bytes)
        return nil
    } catch {
        return error
    }
}

func jsonError(_ text: String) -> DocumentError? {
    do {
        _ = try JSONReader.read(text)
        return nil
    } catch {
        return error
    }
}

/// Two documents say the same thing: numbers compare by value (a YAML `1` equals a JSON `1.0`),
/// NaN equals NaN, and everything else must match exactly, members in order.
func sameDocument(_ a: Node, _ b: Node) -> Bool {
    switch (a.value, b.value) {
    case (.null, .null):
        return true
    case (.bool(let x), .bool(let y)):
        return x == y
    case (.string(let x), .string(let y)):
        return x.unicodeScalars.elementsEqual(y.unicodeScalars)
    case (.array(let x), .array(let y)):
        return x.count == y.count && zip(x, y).allSatisfy { sameDocument($0, $1) }
    case (.object(let x), .object(let y)):
        return x.count == y.count
            && zip(x, y).allSatisfy { $0.key.unicodeScalars.elementsEqual($1.key.unicodeScalars) && sameDocument($0.value, $1.value) }
    default:
        guard let x = a.numberValue, let y = b.numberValue else { return false }
        return x == y || (x.isNaN && y.isNaN)
    }
}

/// Walks a path of keys (String) and indexes (Int) into a node.
func node(_ root: Node, _ path: Any...) -> Node? {
    var current: Node? = root
    for step in path {
        if let key = step as? String {
            current = current?[key]
        } else if let index = step as? Int, let items = current?.arrayValue, items.indices.contains(index) {
            current = items[index]
        } else {
            return nil
        }
    }
    return current
}

func loc(_ line: Int, _ column: Int) -> SourceLocation {
    SourceLocation(line: line, column: column)
}
