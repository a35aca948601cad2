/// Rows of one distinct score (or one bin of scores), split by true class.
struct ScoreEntry: Sendable, Equatable {
    var key: UInt64
    var positives: Int
    var negatives: Int
}
