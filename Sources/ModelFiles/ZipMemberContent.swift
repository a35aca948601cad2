/// A zip member's (or a compressed stream's) content as `ModelFileScanner.scan(_:visitingMembers:)` read it, valid only
/// during the visit (an inflated member's bytes are released after it).
public struct ZipMemberContent {
    /// The member's name as findings show it, nested members joined by `!` (`model.zip!inner.npz!arr_0.npy`).
    public var name: String
    /// The member's bytes: inflated when it was deflated; when it was stored, a stretch of the
    /// enclosing archive's own bytes.
    public var bytes: UnsafeRawBufferPointer
}
