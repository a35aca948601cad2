/// A pickle scan with what container readers check besides the findings: each pickle's result and
/// every persistent id (`pickle` is the index of the pickle it was read in), when values were tracked.
struct PickleReading {
    var report: PickleScanReport
    var results: [PickleConstant]
    var persistentIDs: [(pickle: Int, offset: Int, id: PickleConstant)]
    /// Persistent ids past `PickleLimits.maxTrackedValues`, not recorded.
    var droppedPersistentIDs: Int
}
