// fuzz-sources: gates/gdpr/JSONLines Sources/Document
// The GDPR gate's JSON Lines walker against the project's JSON reader on arbitrary bytes: it must
// never crash, accept exactly what the reader accepts (or say it cannot check an object's keys,
// and then read what the reader accepted), and give the reader's string and number leaves in the
// same order with the same paths (numbers as written, equal in value to the reader's).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var walker = JSONLeafWalker()
    var outcome = bytes.withUnsafeBytes { walker.walk($0) }
    let tree = try? JSONReader.read(bytes)
    switch outcome {
    case .leaves: precondition(tree != nil, "the walker accepts what the reader refuses")
    case .invalid: precondition(tree == nil, "the walker refuses what the reader accepts")
    case .unchecked:
        guard tree != nil else { return 0 }
        outcome = bytes.withUnsafeBytes { walker.walk($0, checkDuplicates: false) }
        precondition(outcome == .leaves, "the walker refuses, unchecked, what the reader accepts")
    }
    guard let tree else { return 0 }
    var expected: [(path: String, value: Node.Value)] = []
    collect(tree, path: "", into: &expected)
    var leaves: [(path: String, value: String)] = []
    walker.forEachLeaf { _, path, value in
        leaves.append((String(decoding: path, as: UTF8.self), String(decoding: value, as: UTF8.self)))
    }
    precondition(leaves.count == expected.count, "\(leaves.count) leaves, the reader has \(expected.count)")
    for (leaf, wanted) in zip(leaves, expected) {
        precondition(leaf.path == wanted.path, "path \(leaf.path), the reader's \(wanted.path)")
        switch wanted.value {
        case .string(let text): precondition(leaf.value == text, "string \(leaf.value), the reader's \(text)")
        case .int(let number): precondition(Int(leaf.value) == number || Double(leaf.value) == Double(number), "number \(leaf.value), the reader's \(number)")
        case .double(let number): precondition(Double(leaf.value) == number, "number \(leaf.value), the reader's \(number)")
        default: fatalError("a leaf that is not a string or a number")
        }
    }
    return 0
}

private func collect(_ node: Node, path: String, into leaves: inout [(path: String, value: Node.Value)]) {
    switch node.value {
    case .object(let members):
        for member in members { collect(member.value, path: path.isEmpty ? member.key : path + "." + member.key, into: &leaves) }
    case .array(let elements):
        for element in elements { collect(element, path: path + "[]", into: &leaves) }
    case .string, .int, .double:
        leaves.append((path, node.value))
    case .bool, .null:
        break
    }
}
