/// Collects findings, folding repeats of one rule on one callable into a count, up to a cap.
struct FindingLedger {
    private(set) var findings: [PickleFinding] = []
    private var positions: [String: Int] = [:]
    private(set) var dropped = 0
    let cap: Int

    init(cap: Int) { self.cap = cap }

    mutating func add(_ finding: PickleFinding) {
        let key = finding.rule.rawValue + "\u{0}" + (finding.callable ?? finding.message)
        if let position = positions[key] {
            findings[position].occurrences += 1
        } else if findings.count < cap {
            positions[key] = findings.count
            findings.append(finding)
        } else {
            dropped += 1
        }
    }
}
