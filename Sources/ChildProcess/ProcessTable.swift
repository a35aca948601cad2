// Every process on a Linux machine, as /proc shows it: enough to find a child's descendants.

#if os(Linux)
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One snapshot of /proc: each process's parent, session and whether it has already exited.
struct ProcessTable {
    struct Entry {
        let pid: pid_t
        let parent: pid_t
        let session: pid_t
        /// A zombie: it has exited and waits for its parent to reap it.
        let exited: Bool
    }

    let entries: [Entry]

    init() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        entries = names.compactMap { name in pid_t(name).flatMap(Self.entry) }
    }

    /// `pid`'s line of /proc/PID/stat: "pid (comm) state ppid pgrp session ..."; comm may hold
    /// spaces and parentheses, so fields are counted from the last ')'. Nil once the process is gone.
    private static func entry(_ pid: pid_t) -> Entry? {
        let fd = open("/proc/\(pid)/stat", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = read(fd, &buffer, buffer.count)
        guard count > 0, let close = buffer[..<count].lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let fields = buffer[(close + 1)..<count].split(separator: UInt8(ascii: " "))
        guard fields.count >= 4, let parent = pid_t(String(decoding: fields[1], as: UTF8.self)),
              let session = pid_t(String(decoding: fields[3], as: UTF8.self)) else { return nil }
        return Entry(pid: pid, parent: parent, session: session, exited: fields[0].first == UInt8(ascii: "Z"))
    }

    /// `roots` and every process below them.
    func withDescendants(of roots: [Entry]) -> [Entry] {
        var children: [pid_t: [Entry]] = [:]
        for entry in entries { children[entry.parent, default: []].append(entry) }
        var found: [pid_t: Entry] = [:]
        var pending = roots
        while let next = pending.popLast() {
            guard found.updateValue(next, forKey: next.pid) == nil else { continue }
            pending += children[next.pid] ?? []
        }
        return Array(found.values)
    }
}
#endif
