/// Bounds that keep the readers safe on hostile input.
enum DocumentLimits {
    /// Deeper nesting is refused: it keeps recursion, and so stack use, bounded on any input.
    /// Real configuration is a handful of levels deep.
    static let maxDepth = 256

    static var depthMessage: String {
        "collections nested deeper than \(maxDepth) levels are not supported"
    }
}
