import ModelFiles

/// Assembles pickle streams opcode by opcode for tests, and scans them.
enum PickleBytes {
    static func proto(_ version: UInt8) -> [UInt8] { [0x80, version] }
    static func shortUnicode(_ text: String) -> [UInt8] { [0x8C, UInt8(text.utf8.count)] + Array(text.utf8) }
    static func shortString(_ text: String) -> [UInt8] { [0x55, UInt8(text.utf8.count)] + Array(text.utf8) }
    static func global(_ module: String, _ name: String) -> [UInt8] { [0x63] + Array("\(module)\n\(name)\n".utf8) }
    static func stackGlobal(_ module: String, _ name: String) -> [UInt8] {
        shortUnicode(module) + shortUnicode(name) + [0x93]
    }
    static func text(_ text: String) -> [UInt8] { Array(text.utf8) }
    static func uint64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

    static let mark: [UInt8] = [0x28]
    static let stop: [UInt8] = [0x2E]
    static let reduce: [UInt8] = [0x52]
    static let build: [UInt8] = [0x62]
    static let pop: [UInt8] = [0x30]
    static let none: [UInt8] = [0x4E]
    static let tuple1: [UInt8] = [0x85]
    static let emptyTuple: [UInt8] = [0x29]
    static let emptyDict: [UInt8] = [0x7D]
    static let memoize: [UInt8] = [0x94]
    static func binPut(_ key: UInt8) -> [UInt8] { [0x71, key] }
    static func binGet(_ key: UInt8) -> [UInt8] { [0x68, key] }

    /// `module.name("x")` as a protocol-4 pickle.
    static func call(_ module: String, _ name: String) -> [UInt8] {
        proto(4) + stackGlobal(module, name) + shortUnicode("x") + tuple1 + reduce + stop
    }

    static func scan(_ bytes: [UInt8], _ policy: PicklePolicy = PicklePolicy()) -> PickleScanReport {
        PickleScanner(policy: policy).scan(bytes)
    }
}

extension PickleScanReport {
    var rules: [String] { findings.map(\.rule.rawValue) }
    var callables: [String] { findings.compactMap(\.callable) }

    func finding(_ rule: PickleRule) -> PickleFinding? { findings.first { $0.rule == rule } }
}
