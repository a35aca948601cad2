import Document
import ModelGate
import PersonalData

/// What a thread does with each line of a JSON Lines file: walk its leaves (`JSONLeafWalker`),
/// add each to its path's profile, and hold the record's date against the declared retention.
struct JSONLineWork: LineWork {
    /// The scanner, dates, declaration and limits.
    var settings: JSONLinesProfiler
    var name: String

    /// Where a path was first met: its line, and its leaf's index in the line.
    struct Place: Comparable, Sendable {
        var line: Int
        var leaf: Int
        static func < (lhs: Place, rhs: Place) -> Bool { (lhs.line, lhs.leaf) < (rhs.line, rhs.leaf) }
    }

    /// One thread's profile, with its paths in the order it met them.
    struct Worker: Sendable {
        var profile: FileProfile
        var firstSeen: [Place] = []
        var columnPaths: [[UInt8]] = []
        /// By name, as strings compare: paths whose bytes differ but whose text is canonically
        /// the same (`é` written two ways) are one path, as they were when paths were strings.
        var index: [String: Int] = [:]
        /// Per column: its retention rule, whether it holds the record's date, and the last line
        /// whose values held it.
        var rules: [RetentionRule?] = []
        var isDate: [Bool] = []
        var heldOnLine: [Int] = []
        var held: [Int] = []
        /// The column of each leaf of the line before, tried first (lines mostly repeat their shape).
        var lastColumns: [Int] = []
        var walker = JSONLeafWalker()
        var matches: [PersonalDataMatch] = []
    }

    static func tooManyPaths(_ name: String, _ maxColumns: Int) -> String {
        "\(name) has more than max_columns (\(maxColumns)) JSON paths"
    }

    func makeWorker() -> Worker { Worker(profile: FileProfile(name: name, format: .jsonLines)) }

    func add(_ line: UnsafeRawBufferPointer, number: Int, to worker: inout Worker) throws(LineFailure) {
        guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
        var walker = JSONLeafWalker()
        swap(&walker, &worker.walker)
        defer { swap(&walker, &worker.walker) }
        var outcome = walker.walk(line)
        if outcome == .unchecked {
            try validate(line, number: number)
            outcome = walker.walk(line, checkDuplicates: false)
        }
        guard outcome == .leaves else {
            try validate(line, number: number)
            // The reader accepted what the walker did not: fail closed rather than guess.
            throw LineFailure(line: number, leaf: -1, message: "\(name):\(number): not JSON: it could not be read")
        }
        worker.profile.records += 1
        worker.held.removeAll(keepingCapacity: true)
        var recordDate: Int??
        var failure: LineFailure?
        walker.forEachLeaf { leaf, path, value in
            guard failure == nil else { return }
            let column: Int
            do throws(LineFailure) {
                column = try self.column(of: path, leaf: leaf, line: number, in: &worker)
            } catch {
                failure = error
                return
            }
            if worker.isDate[column] { recordDate = .some(DayNumber.parse(value)) }
            worker.profile.columns[column].add(value, row: number, scanner: settings.scanner, today: settings.today, matches: &worker.matches)
            if worker.rules[column] != nil, !value.isEmpty, worker.heldOnLine[column] != number {
                worker.heldOnLine[column] = number
                worker.held.append(column)
            }
        }
        if let failure { throw failure }
        judgeRetention(recordDate, row: number, worker: &worker)
    }

    /// The project's JSON reader on a line the walker refused, for its located message
    /// (`file:line:column`; a `\r` inside a line starts a line of the reader's count, so the
    /// column is only named for the line's first such line).
    private func validate(_ line: UnsafeRawBufferPointer, number: Int) throws(LineFailure) {
        do {
            _ = try JSONReader.read(Array(line))
        } catch {
            let place = error.location.line == 1 ? "\(number):\(error.location.column)" : "\(number)"
            throw LineFailure(line: number, leaf: -1, message: "\(name):\(place): not JSON: \(error.message)")
        }
    }

    private func column(of path: UnsafeRawBufferPointer, leaf: Int, line: Int, in worker: inout Worker) throws(LineFailure) -> Int {
        if leaf < worker.lastColumns.count {
            let guess = worker.lastColumns[leaf]
            if worker.columnPaths[guess].elementsEqual(path) { return guess }
        }
        let pathName = String(decoding: path, as: UTF8.self)
        let column: Int
        if let known = worker.index[pathName] {
            column = known
        } else {
            guard worker.profile.columns.count < settings.maxColumns else {
                throw LineFailure(line: line, leaf: leaf, message: Self.tooManyPaths(name, settings.maxColumns))
            }
            column = worker.profile.columns.count
            worker.index[pathName] = column
            worker.columnPaths.append(Array(path))
            worker.firstSeen.append(Place(line: line, leaf: leaf))
            worker.profile.columns.append(ColumnProfile(name: pathName))
            worker.rules.append(settings.declaration.fields[pathName]?.retentionDays.map {
                RetentionRule(field: pathName, oldestAllowed: settings.asOf - $0)
            })
            worker.isDate.append(pathName == settings.dateColumn)
            worker.heldOnLine.append(0)
        }
        if leaf < worker.lastColumns.count { worker.lastColumns[leaf] = column } else { worker.lastColumns.append(column) }
        return column
    }

    private func judgeRetention(_ recordDate: Int??, row: Int, worker: inout Worker) {
        guard settings.dateColumn != nil, !worker.held.isEmpty else { return }
        guard case .some(.some(let day)) = recordDate else {
            let undated = worker.profile.undated
            worker.profile.undated = ((undated?.count ?? 0) + 1, undated?.firstRow ?? row)
            return
        }
        for column in worker.held {
            guard let rule = worker.rules[column], day < rule.oldestAllowed else { continue }
            let previous = worker.profile.expired[rule.field]
            worker.profile.expired[rule.field] = ((previous?.count ?? 0) + 1, previous?.firstRow ?? row)
        }
    }
}
