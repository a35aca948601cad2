import Document
import Foundation
import ModelGate
import Statistics

/// A shard's measurement as it travels in its JSON report, for `modelgate merge`: each window's
/// histogram (base64 of its byte form), failures by kind, length and throughput, and the load the
/// shard was given, so that states of different loads are not added up.
struct LatencyState: Sendable, Equatable {
    static let version = 1

    /// The shard's load as configured (rate or concurrency, requests, duration, repeats): equal
    /// for every shard of one run.
    var load: String
    var windows: [LoadTally]

    func encoded() -> GateState {
        let windowNodes = windows.map { window -> Node in
            var errors: [Node.Member] = []
            for kind in LoadErrorKind.allCases { errors.append(Node.Member(key: kind.rawValue, value: Node(.int(window[kind])))) }
            return Node(.object([
                Node.Member(key: "histogram", value: Node(.string(Data(window.latencies.encode()).base64EncodedString()))),
                Node.Member(key: "errors", value: Node(.object(errors))),
                Node.Member(key: "elapsed_ns", value: Node(.int(Int(window.elapsedNanoseconds)))),
                Node.Member(key: "throughput", value: Node(.double(window.throughput))),
            ]))
        }
        return GateState(Node(.object([
            Node.Member(key: "version", value: Node(.int(Self.version))),
            Node.Member(key: "load", value: Node(.string(load))),
            Node.Member(key: "windows", value: Node(.array(windowNodes))),
        ])))
    }

    /// Reads a state back, refusing anything a real measurement could not have written.
    init(_ state: GateState, name: String) throws {
        func bad(_ why: String) -> GateFailure { GateFailure("the latency state of \(name) cannot be used: \(why)") }
        let document = state.document
        guard document["version"]?.integerValue == Self.version else { throw bad("it is not version \(Self.version)") }
        guard let load = document["load"]?.stringValue else { throw bad("it has no 'load'") }
        guard let windowNodes = document["windows"]?.arrayValue, !windowNodes.isEmpty, windowNodes.count <= 100 else {
            throw bad("'windows' must list 1 to 100 windows")
        }
        var windows: [LoadTally] = []
        for (index, node) in windowNodes.enumerated() {
            let place = "window \(index + 1)"
            var tally = LoadTally()
            guard let text = node["histogram"]?.stringValue, let bytes = Data(base64Encoded: text) else {
                throw bad("\(place) has no histogram in base64")
            }
            do { tally.latencies = try LatencyHistogram(decoding: [UInt8](bytes)) } catch { throw bad("\(place): \(error)") }
            for kind in LoadErrorKind.allCases {
                guard let count = node["errors"]?[kind.rawValue]?.integerValue, count >= 0, count <= Int(LatencyHistogram.maximumCount) else {
                    throw bad("\(place) has no count of '\(kind.rawValue)' errors")
                }
                tally[kind] = count
            }
            guard let elapsed = node["elapsed_ns"]?.integerValue, elapsed >= 0 else { throw bad("\(place) has no 'elapsed_ns'") }
            guard let throughput = node["throughput"]?.numberValue, throughput.isFinite, throughput >= 0 else {
                throw bad("\(place) has no finite 'throughput'")
            }
            // A throughput is the successes over the window's length; a larger one was not measured.
            let possible = elapsed == 0 ? 0 : Double(tally.succeeded) / (Double(elapsed) / 1e9)
            guard throughput <= possible * (1 + 1e-9) else {
                throw bad("\(place) claims \(throughput) requests/s, but \(tally.succeeded) successes in \(elapsed) ns make \(possible)")
            }
            tally.elapsedNanoseconds = UInt64(elapsed)
            tally.throughput = throughput
            windows.append(tally)
        }
        if let evidence = state.origin?.evidence, let requests = evidence["requests"] {
            let counted = windows.reduce(0) { $0 + $1.requests }
            guard requests == counted else { throw bad("its report says \(requests) requests, its windows count \(counted)") }
        }
        self.load = load
        self.windows = windows
    }

    init(load: String, windows: [LoadTally]) {
        self.load = load
        self.windows = windows
    }
}

extension Node {
    /// A whole number written as one (a count in a state is never 3.0).
    fileprivate var integerValue: Int? {
        if case .int(let value) = value { return value }
        return nil
    }
}
