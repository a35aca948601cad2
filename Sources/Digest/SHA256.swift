// SHA-256 as specified in FIPS 180-4, sections 4.1.2, 4.2.2, 5.1.1, 5.3.3 and 6.2.
// Written from the specification; no platform crypto library, so the digest is the same on every OS.

/// A streaming SHA-256 hasher (FIPS 180-4): feed bytes with `update`, read the digest with `finalize`.
public struct SHA256: Sendable {
    /// The size of a digest in bytes.
    public static let digestSize = 32
    static let blockSize = 64

    var state = State()
    /// Bytes of an incomplete block, waiting for the rest of it. Allocated once per hasher.
    var pending = [UInt8](repeating: 0, count: SHA256.blockSize)
    var pendingCount = 0
    /// Total message length so far, in bytes (the padding records it in bits, modulo 2^64).
    var length: UInt64 = 0

    public init() {}

    /// Adds bytes to the message.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var input = bytes.baseAddress, bytes.count > 0 else { return }
        var remaining = bytes.count
        length &+= UInt64(remaining)

        // Complete a block begun by an earlier update.
        if pendingCount > 0 {
            let take = min(Self.blockSize - pendingCount, remaining)
            pending.withUnsafeMutableBytes { buffer in
                (buffer.baseAddress! + pendingCount).copyMemory(from: input, byteCount: take)
            }
            pendingCount += take
            input += take
            remaining -= take
            guard pendingCount == Self.blockSize else { return }
            pending.withUnsafeBytes { state.compress(blocks: $0.baseAddress!, count: 1) }
            pendingCount = 0
        }

        // Whole blocks straight from the caller's memory, without copying.
        let blocks = remaining / Self.blockSize
        if blocks > 0 {
            state.compress(blocks: input, count: blocks)
            input += blocks * Self.blockSize
            remaining -= blocks * Self.blockSize
        }

        if remaining > 0 {
            pending.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: input, byteCount: remaining) }
            pendingCount = remaining
        }
    }

    /// Adds bytes to the message; arrays and other contiguous collections are read in place.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        if let done: Void = bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) {
            return done
        }
        // A non-contiguous sequence: copy through a small buffer, never one allocation per byte.
        var chunk = [UInt8]()
        chunk.reserveCapacity(4096)
        for byte in bytes {
            chunk.append(byte)
            if chunk.count == 4096 {
                chunk.withUnsafeBytes { update($0) }
                chunk.removeAll(keepingCapacity: true)
            }
        }
        chunk.withUnsafeBytes { update($0) }
    }

    /// Pads the message, returns its 32-byte digest, and resets the hasher to hash a new message.
    public mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        // 0x80, then zeros until 56 bytes into a block, then the length as a 64-bit big-endian number.
        let zeros = (Self.blockSize + 55 - pendingCount) % Self.blockSize
        var padding = [UInt8](repeating: 0, count: 1 + zeros + 8)
        padding[0] = 0x80
        for index in 0..<8 {
            padding[1 + zeros + index] = UInt8(truncatingIfNeeded: bitLength >> (56 - 8 * UInt64(index)))
        }
        update(padding)
        precondition(pendingCount == 0, "SHA-256 padding must end on a block boundary")

        let digest = state.bigEndianBytes
        self = SHA256()
        return digest
    }

    /// The digest of `bytes`.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Lowercase hexadecimal spelling of `bytes`, two digits per byte (the usual way to print a digest).
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
