extension ColumnProfile {
    /// Adds the counts of `other`, a profile of the same column over other records: counts add,
    /// and of two first sightings the one in the lower row is kept, so merging the profiles of
    /// any split of a file's records gives the profile of the whole file.
    mutating func merge(_ other: ColumnProfile) {
        precondition(other.name == name, "profiles of the same column are merged")
        values += other.values
        nonEmpty += other.nonEmpty
        whole.merge(other.whole, uniquingKeysWith: +)
        embedded.merge(other.embedded, uniquingKeysWith: +)
        first.merge(other.first) { $0.row <= $1.row ? $0 : $1 }
        contextFits += other.contextFits
        contextFirst = Self.earlier(contextFirst, other.contextFirst)
        specialValues.merge(other.specialValues, uniquingKeysWith: +)
        pseudonymShaped += other.pseudonymShaped
    }

    private static func earlier(_ one: (row: Int, excerpt: String)?, _ other: (row: Int, excerpt: String)?) -> (row: Int, excerpt: String)? {
        guard let one else { return other }
        guard let other else { return one }
        return one.row <= other.row ? one : other
    }
}
