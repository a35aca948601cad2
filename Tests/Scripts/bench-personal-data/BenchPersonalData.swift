// The PersonalData scanner's throughput on generated log text.
//   bench-personal-data generate FILE MEGABYTES   write seeded log lines (some with personal data)
//   bench-personal-data scan FILE THREADS         scan, print matches per detector and MB/s
import Dispatch
import Foundation
import PersonalData

/// SplitMix64: a seeded generator, so every run scans the same bytes.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let words = ["request", "served", "cache", "miss", "user", "session", "started", "completed", "the", "payment", "order",
             "retry", "upstream", "timeout", "latency", "model", "inference", "batch", "queue", "worker", "token", "ok",
             "error", "warning", "validated", "shipped", "customer", "updated", "record", "profile", "from", "with", "to"]
let values = ["jane.doe@example.com", "+44 20 7946 0958", "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00",
              "203.0.113.9", "2001:db8::ff00:42:8329", "00:1A:2B:3C:4D:5E", "536-22-1234", "AB 12 34 56 C", "12345678Z",
              "1 84 12 76 451 089 46", "RSSMRA85T10A562S", "111222333", "44051401359", "811218-9876", "529.982.247-25",
              "86095742719", "48.8566, 2.3522", "(212) 555-0123"]

func generate(_ path: String, megabytes: Int) throws {
    var rng = SeededGenerator(state: 20261205)
    var out: [UInt8] = []
    out.reserveCapacity(megabytes * 1_000_000 + 1000)
    var line = 0
    while out.count < megabytes * 1_000_000 {
        line += 1
        var text = "2026-12-05T10:\(10 + line % 50):\(10 + line % 49).\(100 + line % 900)Z INFO [worker-\(line % 8)] req=\(line) "
        for _ in 0..<(6 + Int(rng.next() % 10)) {
            switch rng.next() % 10 {
            case 0: text += "\(rng.next() % 100000) "
            case 1: text += "v\(rng.next() % 5).\(rng.next() % 20).\(rng.next() % 100) "
            case 2: text += "ms=\(Double(rng.next() % 100000) / 100) "
            default: text += words[Int(rng.next() % UInt64(words.count))] + " "
            }
        }
        // One line in eight carries a personal value.
        if rng.next() % 8 == 0 { text += "value=" + values[Int(rng.next() % UInt64(values.count))] + " " }
        text += "status=200\n"
        out += text.utf8
    }
    try Data(out).write(to: URL(fileURLWithPath: path))
}

func scan(_ path: String, threads: Int) throws {
    // Mapped, not copied: the scan reads the page cache as ripgrep does.
    let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    let scanner = PersonalDataScanner()
    // Split at line ends so no value is cut between two threads.
    var bounds = [0]
    for part in 1..<threads {
        var cut = data.count * part / threads
        while cut < data.count, data[cut - 1] != UInt8(ascii: "\n") { cut += 1 }
        bounds.append(cut)
    }
    bounds.append(data.count)
    let counts = UnsafeMutableBufferPointer<[Int]>.allocate(capacity: threads)
    counts.initialize(repeating: [])
    defer { counts.deallocate() }
    let cpu = UnsafeMutableBufferPointer<Double>.allocate(capacity: threads)
    cpu.initialize(repeating: 0)
    defer { cpu.deallocate() }
    let start = DispatchTime.now().uptimeNanoseconds
    data.withUnsafeBytes { all in
        DispatchQueue.concurrentPerform(iterations: threads) { part in
            let cpuStart = threadCPUSeconds()
            let slice = UnsafeRawBufferPointer(rebasing: all[bounds[part]..<bounds[part + 1]])
            var matches: [PersonalDataMatch] = []
            matches.reserveCapacity(1 << 16)
            var perDetector = [Int](repeating: 0, count: DetectorID.allCases.count)
            var offset = 0
            let chunk = 1 << 20
            while offset < slice.count {
                // Scan a megabyte at a time, as a streaming reader would hand over lines.
                var end = min(offset + chunk, slice.count)
                while end < slice.count, slice[end - 1] != UInt8(ascii: "\n") { end += 1 }
                matches.removeAll(keepingCapacity: true)
                scanner.scan(UnsafeRawBufferPointer(rebasing: slice[offset..<end]), into: &matches)
                for match in matches { perDetector[DetectorID.allCases.firstIndex(of: match.detector)!] += 1 }
                offset = end
            }
            counts[part] = perDetector
            cpu[part] = threadCPUSeconds() - cpuStart
        }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    var total = [Int](repeating: 0, count: DetectorID.allCases.count)
    for part in 0..<threads { for (index, count) in counts[part].enumerated() { total[index] += count } }
    for (index, id) in DetectorID.allCases.enumerated() { print("\(id.rawValue) \(total[index])") }
    let cpuSeconds = cpu.reduce(0, +)
    print(String(format: "matches %d seconds %.3f MB/s %.1f cpu_seconds %.3f cpu_MB/s %.1f", total.reduce(0, +), seconds,
                 Double(data.count) / 1e6 / seconds, cpuSeconds, Double(data.count) / 1e6 / cpuSeconds))
}

/// CPU time of the calling thread: on a machine shared with other work, wall time measures the load.
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

let arguments = CommandLine.arguments
switch arguments.count > 1 ? arguments[1] : "" {
case "generate": try generate(arguments[2], megabytes: Int(arguments[3]) ?? 100)
case "scan": try scan(arguments[2], threads: Int(arguments[3]) ?? 1)
default:
    FileHandle.standardError.write(Data("usage: bench-personal-data generate FILE MB | scan FILE THREADS\n".utf8))
    exit(2)
}
