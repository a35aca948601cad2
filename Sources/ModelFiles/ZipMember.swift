/// One member of a zip archive as the central directory describes it (what PyTorch's and
/// Python's readers follow), with where its bytes start in the archive.
struct ZipMember: Sendable, Equatable {
    var name: String
    var method: Int
    var flags: Int
    var compressedSize: Int
    var uncompressedSize: Int
    /// Offset of the member's data (after its local header) in the archive.
    var dataOffset: Int
    /// Offset of the central directory entry, where findings about it point.
    var entryOffset: Int

    var isEncrypted: Bool { flags & 1 != 0 }
}
