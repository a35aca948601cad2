import ModelFiles

/// What a file is, told by its first bytes (never by its name: `weights.bin` may be a pickle).
enum ModelFileFormat: Equatable {
    /// Starts with PROTO (0x80), whatever version follows: protocols 2 to 5 (legacy `torch.save`
    /// files and joblib dumps too), and versions a loader refuses, which the scanner reports.
    case pickle
    /// Maybe a protocol 0 or 1 pickle: starts with an opcode those protocols use and ends with STOP.
    /// Text can look like this, so such a file counts as a pickle only if it reads as one.
    case possiblePickle
    /// A container read member by member or header by header by `ModelFileScanner`: a zip
    /// (PyTorch checkpoints, Keras `.keras`, NumPy `.npz`), a NumPy `.npy`, safetensors, GGUF, or
    /// a compressed stream (joblib's zlib, gzip, bz2, xz, lzma, lz4 files).
    case container
    case other

    /// Opcodes a protocol 0 or 1 pickle starts with.
    static let textPickleStarts: Set<UInt8> = Set("(c]})NILFSVXBCKMJGUTdlt".utf8)

    /// `isText`: the file has no control bytes besides tab, newline and carriage return; only text
    /// can be taken for a protocol 0/1 pickle and then cleared when it does not read as one.
    init(head: [UInt8], lastNonSpace: UInt8?, isText: Bool) {
        if head.first == 0x80 {
            self = .pickle
        } else if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06])
                    || head.starts(with: [0x93] + Array("NUMPY".utf8)) || (head.starts(with: Array("GGUF".utf8)) && head.count >= 8 && head[5...7].allSatisfy { $0 == 0 })
                    || Self.looksLikeSafetensors(head) || head.withUnsafeBytes({ ModelFileKind($0) }) == .compressed {
            self = .container
        } else if let first = head.first, Self.textPickleStarts.contains(first), lastNonSpace == UInt8(ascii: ".") {
            // A binary file shaped like an old pickle is judged as one, malformed or not.
            self = isText ? .possiblePickle : .pickle
        } else {
            self = .other
        }
    }

    /// An 8-byte little-endian header length, then a JSON object (the length is checked later,
    /// against the whole file).
    static func looksLikeSafetensors(_ head: [UInt8]) -> Bool {
        guard head.count >= 10, head[8] == UInt8(ascii: "{"), [UInt8(ascii: "\""), UInt8(ascii: "}"), 0x20].contains(head[9]) else { return false }
        return head[6] == 0 && head[7] == 0
    }
}
