// Keeping a child's output within a byte limit while still reading all of it (a child blocked on a
// full pipe would never finish).

/// Output bytes kept up to a limit: either the first `limit` bytes, or the first and last halves.
/// Public so that a gate's log is cut the same way as the stderr it holds (`GateLog`).
public struct Capture: Sendable {
    public let limit: Int
    private let headLimit: Int
    private let tailLimit: Int
    private var head: [UInt8] = []
    /// The most recent bytes past the head, as a ring: once full, `tailStart` is the oldest byte.
    private var tail: [UInt8] = []
    private var tailStart = 0
    /// Every byte appended, kept or not.
    public private(set) var total = 0

    /// `keepingTail`: keep the last half too (stderr, where the final error usually is).
    public init(limit: Int, keepingTail: Bool) {
        self.limit = max(0, limit)
        tailLimit = keepingTail ? self.limit / 2 : 0
        headLimit = self.limit - tailLimit
    }

    public var truncated: Bool { total > limit }

    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    public mutating func append(_ chunk: UnsafeRawBufferPointer) {
        total += chunk.count
        var rest = chunk[...]
        if head.count < headLimit {
            let take = min(headLimit - head.count, rest.count)
            head.append(contentsOf: rest.prefix(take))
            rest = rest.dropFirst(take)
        }
        guard !rest.isEmpty, tailLimit > 0 else { return }

        if rest.count >= tailLimit {
            tail = Array(rest.suffix(tailLimit))
            tailStart = 0
            return
        }
        if tail.count < tailLimit {
            let take = min(tailLimit - tail.count, rest.count)
            tail.append(contentsOf: rest.prefix(take))
            rest = rest.dropFirst(take)
        }
        // The ring is full: overwrite the oldest bytes, wrapping around at most once.
        let first = min(rest.count, tailLimit - tailStart)
        tail.replaceSubrange(tailStart..<tailStart + first, with: rest.prefix(first))
        let second = rest.count - first
        tail.replaceSubrange(0..<second, with: rest.dropFirst(first))
        tailStart = (tailStart + rest.count) % tailLimit
    }

    /// The kept bytes; when bytes were left out between head and tail, a line says how many.
    public var bytes: [UInt8] {
        let orderedTail = Array(tail[tailStart...] + tail[..<tailStart])
        let omitted = total - head.count - orderedTail.count
        guard omitted > 0, tailLimit > 0 else { return head + orderedTail }
        return head + Array("\n[... \(omitted) bytes omitted ...]\n".utf8) + orderedTail
    }
}
