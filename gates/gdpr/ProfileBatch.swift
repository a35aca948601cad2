/// Work that the reading thread hands to a profiling worker: filled by the reader, profiled by
/// one worker, then cleared and filled again (see `BatchQueue`). One thread touches a batch at a
/// time, so a batch may be a class with mutable storage.
protocol ProfileBatch: AnyObject, Sendable {
    /// Forgets the contents and keeps the storage, for the next fill.
    func clear()
}
