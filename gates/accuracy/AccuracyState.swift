import Foundation
import Tabular

/// Everything a pass over a test set (or one shard's share of it) accumulated, before any metric
/// is computed: what a shard run writes into its report, what `modelgate merge` combines, and
/// what the outcome is computed from. A whole run and a merge of shards go through the same
/// state, so they cannot differ in anything but how the rows were split.
struct AccuracyState<Evaluator: TaskEvaluator>: Codable {
    /// One slice's rows: its name (the `slice_by` value) and its accumulator.
    struct Slice: Codable {
        var name: CodedLabel
        var state: Evaluator
    }

    var overall: Evaluator
    var slices: [Slice]
    /// The bootstrap's block accumulators (`BlockBootstrap.blockCount`), empty without a bootstrap.
    var blocks: [Evaluator]
    var skippedRows: Int
    /// Class ids to labels (classification tasks): id i is `classes[i]`.
    var classes: [CodedLabel]
    /// Unmatched and skipped ids, when predictions were joined from a separate file.
    var join: PredictionJoin.Counts?
    var data: InputFile
    var predictions: InputFile?

    var classLabels: [Label] { classes.map(\.label) }
}

/// What a pass saw of an input file. Every shard reads the whole file, so all must agree.
struct InputFile: Codable, Equatable, CustomStringConvertible {
    var bytes: Int
    var rows: Int
    var description: String { "\(bytes) bytes, \(rows) rows" }
}

/// A label as a state carries it, exactly and with its kind: `i:7`, `d:` and the bit pattern of a
/// non-integral number, `b:true`, `s:` and the text. Plain JSON would turn 1 and "1" into one label.
struct CodedLabel: Codable, Hashable {
    var label: Label

    init(_ label: Label) { self.label = label }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch label.value {
        case .integer(let n): try container.encode("i:\(n)")
        case .number(let x): try container.encode("d:" + String(x.bitPattern, radix: 16))
        case .bool(let b): try container.encode(b ? "b:true" : "b:false")
        case .string(let s): try container.encode("s:" + s)
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        let body = String(text.dropFirst(2))
        switch text.prefix(2) {
        case "i:": if let n = Int(body) { label = Label(n); return }
        case "d:": if let bits = UInt64(body, radix: 16) { label = Label(Double(bitPattern: bits)); return }
        case "b:": if body == "true" || body == "false" { label = Label(body == "true"); return }
        case "s:": label = Label(body); return
        default: break
        }
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a coded label: '\(text.prefix(40))'")
    }
}

extension Label {
    /// The order reports list classes and slices in, whatever order the rows brought them:
    /// booleans, then numbers by value (NaN last), then strings by code point (as Python sorts them).
    static func canonicallyOrdered(_ a: Label, _ b: Label) -> Bool {
        func rank(_ label: Label) -> Int {
            switch label.value {
            case .bool: return 0
            case .integer, .number: return 1
            case .string: return 2
            }
        }
        if rank(a) != rank(b) { return rank(a) < rank(b) }
        switch (a.value, b.value) {
        case let (.bool(x), .bool(y)): return !x && y
        case let (.string(x), .string(y)): return x.utf8.lexicographicallyPrecedes(y.utf8)
        case let (.integer(x), .integer(y)): return x < y
        default:
            let (x, y) = (a.numericValue, b.numericValue)
            if x.isNaN || y.isNaN { return !x.isNaN && y.isNaN }
            if x != y { return x < y }
            // Equal in Double, different labels: a large integer and a nearby number; integers first.
            if case .integer = a.value { return true }
            return false
        }
    }

    private var numericValue: Double {
        switch value {
        case .integer(let n): return Double(n)
        case .number(let x): return x
        default: return .nan
        }
    }
}
