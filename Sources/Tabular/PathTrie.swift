/// The dotted paths asked of a JSON Lines reader, merged into a tree of keys, so that the
/// parser knows at each key whether to descend, record the value, or skip it unseen.
///
/// The parser looks up every key of every line here. Swift arrays held by a class cost a
/// retain and a release per read (measured: half the parsing time), so the tree lives in
/// manually managed lists of plain values, and in one byte arena for the keys.
final class PathTrie {
    private struct Node {
        /// The slot that wants this node's value, or -1.
        var slot: Int
        var firstEdge: Int
    }

    /// A key leading from a node to a child node; siblings form a linked list.
    private struct Edge {
        var keyStart: Int
        var keyCount: Int
        /// The key read as an array index (`probs.0`), or -1.
        var index: Int
        var node: Int
        var nextSibling: Int
    }

    // `@exclusivity(unchecked)`: see ChunkedInput.
    @exclusivity(unchecked) private var nodes = PlainList<Node>()
    @exclusivity(unchecked) private var edges = PlainList<Edge>()
    @exclusivity(unchecked) private var keys = PlainList<UInt8>()
    static let root = 0

    init() { nodes.append(Node(slot: -1, firstEdge: -1)) }

    deinit {
        nodes.deallocate()
        edges.deallocate()
        keys.deallocate()
    }

    /// The node for `path`, created with its ancestors if new; nil if a segment is empty.
    func node(for path: String) -> Int? {
        let segments = path.split(separator: ".", omittingEmptySubsequences: false)
        guard !segments.contains(where: \.isEmpty) else { return nil }
        var current = Self.root
        for segment in segments {
            let key = Array(segment.utf8)
            let existing = key.withUnsafeBytes { child(of: current, key: $0) }
            if existing >= 0 {
                current = existing
                continue
            }
            nodes.append(Node(slot: -1, firstEdge: -1))
            edges.append(Edge(keyStart: keys.count, keyCount: key.count, index: Self.arrayIndex(key),
                              node: nodes.count - 1, nextSibling: nodes[current].firstEdge))
            for byte in key { keys.append(byte) }
            nodes[current].firstEdge = edges.count - 1
            current = nodes.count - 1
        }
        return current
    }

    func setSlot(_ slot: Int, of node: Int) { nodes[node].slot = slot }

    @inline(__always)
    func slot(of node: Int) -> Int { nodes[node].slot }

    /// The child of `node` under an object key, or -1.
    func child(of node: Int, key: UnsafeRawBufferPointer) -> Int {
        var edge = nodes[node].firstEdge
        while edge >= 0 {
            let candidate = edges[edge]
            if candidate.keyCount == key.count, equal(keys.base + candidate.keyStart, key) {
                return candidate.node
            }
            edge = candidate.nextSibling
        }
        return -1
    }

    /// Keys are short: a loop beats a call to memcmp.
    @inline(__always)
    private func equal(_ stored: UnsafePointer<UInt8>, _ key: UnsafeRawBufferPointer) -> Bool {
        for i in 0 ..< key.count where stored[i] != key[i] { return false }
        return true
    }

    /// The child of `node` for array element `index`, or -1.
    func child(of node: Int, index: Int) -> Int {
        var edge = nodes[node].firstEdge
        while edge >= 0 {
            if edges[edge].index == index { return edges[edge].node }
            edge = edges[edge].nextSibling
        }
        return -1
    }

    private static func arrayIndex(_ key: [UInt8]) -> Int {
        guard !key.isEmpty, key.count <= 9, key.allSatisfy({ $0 &- 0x30 < 10 }),
              key.count == 1 || key[0] != UInt8(ascii: "0") else { return -1 }
        return key.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }
}

/// A growable list of plain values in manually managed memory; its owner deallocates it.
struct PlainList<Element: BitwiseCopyable> {
    private(set) var base = UnsafeMutablePointer<Element>.allocate(capacity: 8)
    private(set) var count = 0
    private var capacity = 8

    subscript(index: Int) -> Element {
        get { base[index] }
        set { base[index] = newValue }
    }

    mutating func append(_ element: Element) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            grown.initialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        (base + count).initialize(to: element)
        count += 1
    }

    func deallocate() { base.deallocate() }
}
