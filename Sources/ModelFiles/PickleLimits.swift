/// The caps that keep a scan's memory and time bounded whatever the file declares.
///
/// Declared lengths are never allocated: they are checked against the bytes that remain, and
/// payloads are skipped in place. These caps bound what the simulation keeps; reaching one is a
/// `pickle.limit-exceeded` finding, never a silent pass.
public struct PickleLimits: Sendable, Equatable {
    /// Most values on the simulated stack, marks included. 100,000: the pickler batches containers
    /// by 1,000 items, so real pickles stay far below, whatever their size.
    public var maxStackDepth: Int
    /// Most memo entries. 16,777,216: 16 bytes each, so at most 256 MB of simulation state, reached
    /// only by pickles of tens of millions of objects.
    public var maxMemoEntries: Int
    /// Most pickles read one after another from one stream. 1,024.
    public var maxPickles: Int
    /// Most distinct findings kept; past it one `pickle.limit-exceeded` finding says the rest were dropped. 256.
    public var maxFindings: Int
    /// Longest module or name (in bytes) taken as an import name; longer ones are judged as their
    /// first bytes, which no allowlist entry matches. 1,024.
    public var maxNameLength: Int
    /// Most values kept in full while values are tracked (joblib streams with arrays, legacy torch
    /// files); past it values are kept by kind only, and an array whose shape or dtype was not kept
    /// is a finding. 1,048,576: about 64 MB.
    public var maxTrackedValues: Int

    public init(maxStackDepth: Int = 100_000, maxMemoEntries: Int = 1 << 24, maxPickles: Int = 1_024,
                maxFindings: Int = 256, maxNameLength: Int = 1_024, maxTrackedValues: Int = 1 << 20) {
        self.maxStackDepth = max(maxStackDepth, 8)
        self.maxMemoEntries = max(maxMemoEntries, 0)
        self.maxPickles = max(maxPickles, 1)
        self.maxFindings = max(maxFindings, 1)
        self.maxNameLength = max(maxNameLength, 16)
        self.maxTrackedValues = max(maxTrackedValues, 0)
    }
}
