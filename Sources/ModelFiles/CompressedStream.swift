/// joblib's compressed files, told apart by their first bytes as `joblib.load` does
/// (`_detect_compressor`): zlib (joblib's `compress=True`), gzip, and its old `ZF` format (before
/// 0.10: `ZF`, the content's length in 19 characters of hex, a zlib stream) are inflated with our
/// own `Inflater`, their checks verified; bz2, xz, lzma and lz4 are recognised, not read.
enum CompressedStream {
    enum Format: Equatable {
        case zlib, gzip, joblibZFile
        /// A compressor the scan cannot read, by name.
        case unreadable(String)
    }

    enum Reading {
        /// The content (up to a corruption, which is then among the problems: a loader reading the
        /// stream in chunks has used that much), and the wrapper's problems (checks, trailing bytes).
        case content([UInt8], problems: [(offset: Int, message: String)])
        /// A header that cannot be read: nothing comes out.
        case malformed(offset: Int, message: String)
        case tooLarge
    }

    static func format(_ bytes: UnsafeRawBufferPointer) -> Format? {
        // zlib: CM 8 with a 32 KiB window (the only header joblib's 'x' prefix admits), no preset dictionary.
        if bytes.count >= 2, bytes[0] == 0x78, (0x7800 | Int(bytes[1])) % 31 == 0, bytes[1] & 0x20 == 0 { return .zlib }
        if bytes.starts(with: [0x1F, 0x8B, 0x08]) { return .gzip }
        if bytes.starts(with: Array("ZF0x".utf8)) || bytes.starts(with: Array("ZF0X".utf8)) { return .joblibZFile }
        // bz2: a block size digit, then a block's or the end-of-stream's magic.
        if bytes.starts(with: Array("BZh".utf8)), bytes.count >= 10, (0x31...0x39).contains(bytes[3]),
           bytes.starts(with: [0x31, 0x41, 0x59, 0x26, 0x53, 0x59], at: 4) || bytes.starts(with: [0x17, 0x72, 0x45, 0x38, 0x50, 0x90], at: 4) {
            return .unreadable("bz2")
        }
        if bytes.starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return .unreadable("xz") }
        // lzma "alone": properties 0x5D, a dictionary size, and the unknown length (-1) a streaming writer gives.
        if bytes.starts(with: [0x5D, 0x00]), bytes.starts(with: Array(repeating: 0xFF, count: 8), at: 5) { return .unreadable("lzma") }
        if bytes.starts(with: [0x04, 0x22, 0x4D, 0x18]) { return .unreadable("lz4") }
        return nil
    }

    /// Inflates at most `limit` bytes of content.
    static func read(_ bytes: UnsafeRawBufferPointer, _ format: Format, limit: Int) -> Reading {
        switch format {
        case .zlib: return zlib(bytes, from: 0, limit: limit, trailing: "joblib.load never finishes reading such a file")
        case .gzip: return gzip(bytes, limit: limit)
        case .joblibZFile: return zFile(bytes, limit: limit)
        case let .unreadable(name): return .malformed(offset: 0, message: "compressed with \(name), which the scan does not read")
        }
    }

    private static func inflate(_ bytes: UnsafeRawBufferPointer, from start: Int, limit: Int) -> Result<(output: [UInt8], end: Int), InflateStop> {
        let (output, consumed, failure) = Inflater.inflatePrefix(UnsafeRawBufferPointer(rebasing: bytes[start...]), limit: limit)
        switch failure {
        case nil: return .success((output, start + consumed))
        case .tooLarge?: return .failure(.tooLarge)
        case let .malformed(problem, offset)?: return .failure(.corrupt(output, start + offset, problem))
        }
    }

    private enum InflateStop: Error {
        case tooLarge
        case corrupt([UInt8], Int, String)
    }

    private static func zlib(_ bytes: UnsafeRawBufferPointer, from start: Int, limit: Int, trailing: String) -> Reading {
        guard bytes.count - start >= 2, bytes[start] & 0x0F == 8, bytes[start] >> 4 <= 7,
              (Int(bytes[start]) << 8 | Int(bytes[start + 1])) % 31 == 0 else {
            return .malformed(offset: start, message: "not a zlib header")
        }
        guard bytes[start + 1] & 0x20 == 0 else { return .malformed(offset: start, message: "the zlib stream needs a preset dictionary") }
        switch inflate(bytes, from: start + 2, limit: limit) {
        case .failure(.tooLarge): return .tooLarge
        case let .failure(.corrupt(output, offset, problem)):
            return .content(output, problems: [(offset, "the zlib stream is corrupt: \(problem)")])
        case let .success((output, end)):
            var problems: [(Int, String)] = []
            if let stored = bytes.littleEndian(at: end, size: 4).map({ UInt32($0).byteSwapped }) {
                if stored != Adler32.checksum(output) { problems.append((end, "the zlib stream fails its Adler-32 check")) }
                if end + 4 < bytes.count { problems.append((end + 4, "\(bytes.count - end - 4) bytes follow the zlib stream; \(trailing)")) }
            } else {
                problems.append((end, "the zlib stream ends without its Adler-32 check"))
            }
            return .content(output, problems: problems)
        }
    }

    private static func gzip(_ bytes: UnsafeRawBufferPointer, limit: Int) -> Reading {
        guard bytes.count >= 10 else { return .malformed(offset: 0, message: "the gzip header is cut off") }
        let flags = bytes[3]
        guard flags & 0xE0 == 0 else { return .malformed(offset: 3, message: "the gzip header sets reserved flags") }
        var at = 10
        if flags & 4 != 0 {
            guard let length = bytes.u16(at), length <= bytes.count - at - 2 else { return .malformed(offset: at, message: "the gzip extra field runs past the file") }
            at += 2 + length
        }
        for flag: UInt8 in [8, 16] where flags & flag != 0 {
            while at < bytes.count, bytes[at] != 0 { at += 1 }
            guard at < bytes.count else { return .malformed(offset: 10, message: "a gzip header name or comment runs past the file") }
            at += 1
        }
        if flags & 2 != 0 {
            guard bytes.count - at >= 2 else { return .malformed(offset: at, message: "the gzip header's CRC is cut off") }
            at += 2
        }
        guard at < bytes.count else { return .malformed(offset: at, message: "the gzip member has no data") }
        switch inflate(bytes, from: at, limit: limit) {
        case .failure(.tooLarge): return .tooLarge
        case let .failure(.corrupt(output, offset, problem)):
            return .content(output, problems: [(offset, "the gzip data is corrupt: \(problem)")])
        case let .success((output, end)):
            var problems: [(Int, String)] = []
            if let crc = bytes.littleEndian(at: end, size: 4), let size = bytes.littleEndian(at: end + 4, size: 4) {
                if UInt32(crc) != CRC32.checksum(output) { problems.append((end, "the gzip member fails its CRC-32 check")) }
                if size != UInt64(UInt32(truncatingIfNeeded: output.count)) { problems.append((end + 4, "the gzip member's length check says \(size) bytes, not \(output.count)")) }
                if end + 8 < bytes.count { problems.append((end + 8, "\(bytes.count - end - 8) bytes follow the gzip member; joblib.load never finishes reading such a file")) }
            } else {
                problems.append((end, "the gzip member ends without its CRC-32 and length"))
            }
            return .content(output, problems: problems)
        }
    }

    /// `ZF`, then `hex(length).ljust(19)` as `int(text, 16)` reads it, maybe one more space, then zlib.
    private static func zFile(_ bytes: UnsafeRawBufferPointer, limit: Int) -> Reading {
        guard bytes.count >= 21 else { return .malformed(offset: 0, message: "joblib's old ZF header is cut off") }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[2..<21]), as: UTF8.self)
            .trimmingCharacters(in: " \t\n\r\u{0B}\u{0C}")
        let digits = text.lowercased().hasPrefix("0x") ? String(text.dropFirst(2)) : text
        guard !digits.isEmpty, digits.count <= 16, let length = UInt64(digits, radix: 16) else {
            return .malformed(offset: 2, message: "joblib's old ZF header does not give a hexadecimal length")
        }
        let start = bytes.count > 21 && bytes[21] == 0x20 ? 22 : 21
        switch zlib(bytes, from: start, limit: limit, trailing: "zlib.decompress ignores them") {
        case let .content(output, problems):
            var all = problems
            if UInt64(output.count) != length { all.append((2, "the ZF header declares \(length) bytes, the stream holds \(output.count)")) }
            return .content(output, problems: all)
        case let other: return other
        }
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, set.contains(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
