import PersonalData

/// What one column (or JSON path) of one file holds, counted in one pass: how many values each
/// detector accepts whole, how many matches sit inside free text, what the name announces and how
/// many values fit that, special-category names and values, and pseudonym-shaped values.
struct ColumnProfile: Sendable {
    var name: String
    var values = 0
    var nonEmpty = 0
    /// Values a detector accepts whole (`classify`), by detector.
    var whole: [DetectorID: Int] = [:]
    /// Matches inside values no detector accepts whole (an e-mail address in a comment).
    var embedded: [DetectorID: Int] = [:]
    /// Where each detector first matched: the row (1-based record) and a masked excerpt.
    var first: [DetectorID: (row: Int, excerpt: String)] = [:]
    /// What the column's name says it holds, and how many values fit that.
    let context: ColumnContext?
    var contextFits = 0
    var contextFirst: (row: Int, excerpt: String)?
    let specialByName: SpecialCategory?
    var specialValues: [SpecialCategory: Int] = [:]
    var pseudonymShaped = 0

    /// The value check of `context`, when a shape (not a detector) decides it.
    let shape: ContextShape?

    init(name: String) {
        self.name = name
        context = ColumnContext.classify(columnName: name)
        specialByName = SpecialCategory.of(columnName: name)
        shape = ContextShape(context)
    }

    /// Counts one value of the column at record `row`.
    mutating func add(_ value: UnsafeRawBufferPointer, row: Int, scanner: PersonalDataScanner, today: PersonalData.CalendarDate,
                      matches: inout [PersonalDataMatch]) {
        values += 1
        guard value.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
        nonEmpty += 1
        if PseudonymShape.accepts(value) { pseudonymShaped += 1 }
        if let detector = scanner.classify(value: value) {
            whole[detector, default: 0] += 1
            if first[detector] == nil { first[detector] = (row, PersonalDataMask.excerpt(value, detector: detector)) }
        } else {
            matches.removeAll(keepingCapacity: true)
            scanner.scan(value, into: &matches)
            for match in matches {
                embedded[match.detector, default: 0] += 1
                if first[match.detector] == nil {
                    first[match.detector] = (row, PersonalDataMask.excerpt(UnsafeRawBufferPointer(rebasing: value[match.range]), detector: match.detector))
                }
            }
        }
        if let shape, shape.accepts(value, today: today) {
            contextFits += 1
            if contextFirst == nil { contextFirst = (row, PersonalDataMask.excerpt(value, detector: nil)) }
        }
        // Short values only: a category is named by a word or two, not by a paragraph.
        if specialByName == nil, value.count <= 40, let category = SpecialCategory.of(value: value) {
            specialValues[category, default: 0] += 1
        }
    }

    /// The detector most of the column's values are, with its share of the non-empty values.
    var dominantDetector: (detector: DetectorID, share: Double)? {
        guard nonEmpty > 0, let best = whole.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else { return nil }
        return (best.key, Double(best.value) / Double(nonEmpty))
    }

    /// Every value a detector matched, whole or inside text.
    var detectorMatches: Int { whole.values.reduce(0, +) + embedded.values.reduce(0, +) }

    /// The special category the name announces, or the one most values name (at `minShare`).
    func specialCategory(minShare: Double) -> SpecialCategory? {
        if let specialByName { return specialByName }
        guard nonEmpty > 0, let best = specialValues.max(by: { $0.value < $1.value }),
              Double(best.value) / Double(nonEmpty) >= minShare else { return nil }
        return best.key
    }

    /// Whether the name's announced kind is borne out by the values (for kinds only context reveals).
    func contextHolds(minShare: Double) -> Bool {
        guard let context, nonEmpty > 0 else { return false }
        if ValueShape.accepts("", context: context, today: PersonalData.CalendarDate(year: 2000, month: 1, day: 1)) == nil {
            // Kinds a detector checks (email, phone, ...): the detectors decide.
            return detectorMatches > 0
        }
        return Double(contextFits) / Double(nonEmpty) >= minShare
    }
}
