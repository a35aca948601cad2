import AccuracyGate
import Foundation
import GateTestSupport
import ModelGate
import Testing

extension GateWorkspace {
    /// A workspace whose gate is an accuracy gate.
    convenience init(_ files: [String: String]) throws {
        try self.init(files.mapValues { ExampleFile.text($0) }, gate: AccuracyGate.self)
    }
}

extension GateResult {
    /// The error, which must be there and fit on one line (CI logs show the first line only).
    var oneLineError: String {
        guard let error else {
            Issue.record("expected an error, got status \(status): \(summary)")
            return ""
        }
        #expect(!error.contains("\n"), "error spans lines: \(error)")
        return error
    }
}

/// Equal to within rounding: the values below are exact fractions computed by hand.
func close(_ actual: Double?, _ expected: Double, tolerance: Double = 1e-12) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) <= tolerance
}
