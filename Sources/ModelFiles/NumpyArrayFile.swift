/// Reads a NumPy `.npy` header (magic `\x93NUMPY`, version, header length, a Python dict literal)
/// and finds where an object array's pickle starts: `numpy.load(allow_pickle=True)` unpickles the
/// payload of any array whose dtype is or contains `O`.
enum NumpyArrayFile {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    enum Reading: Equatable {
        /// The header is fine and the array holds plain data.
        case plain
        /// The dtype holds objects: the payload from `payload` on is a pickle.
        case objects(payload: Int)
        case malformed(offset: Int, problem: String)
    }

    static func read(_ bytes: UnsafeRawBufferPointer, limits: ContainerLimits) -> Reading {
        guard bytes.starts(with: magic), bytes.count >= 10 else { return .malformed(offset: 0, problem: "no .npy magic and version") }
        let major = bytes[6]
        let lengthField = major == 1 ? bytes.u16(8) : bytes.u32(8)
        let start = major == 1 ? 10 : 12
        guard (1...3).contains(major), let length = lengthField else {
            return .malformed(offset: 6, problem: "format version \(major) is not one NumPy writes")
        }
        guard length <= limits.maxHeaderBytes, length <= bytes.count - start else {
            return .malformed(offset: 8, problem: "the header length \(length) runs past the file")
        }
        let header = Array(bytes[start..<start + length])
        guard let descr = find(Array("descr".utf8), in: header, from: 0) else {
            return .malformed(offset: start, problem: "the header has no 'descr'")
        }
        // The dtype is everything after 'descr' up to the next key; any quoted type code that
        // reads as object (O, |O, <O8…; the text between quotes never does) makes the payload a pickle. A field named 'O' counts too: fail closed.
        var end = header.count
        for key in ["fortran_order", "shape"] {
            if let found = find(Array(key.utf8), in: header, from: descr), found < end { end = found }
        }
        let quotes: Set<UInt8> = [UInt8(ascii: "'"), UInt8(ascii: "\"")]
        let pieces = header[descr..<end].split(omittingEmptySubsequences: false) { quotes.contains($0) }
        var isObject = false
        for piece in pieces {
            var code = piece[...]
            if let first = code.first, "|<>=".utf8.contains(first) { code = code.dropFirst() }
            if code.first == UInt8(ascii: "O"), code.dropFirst().allSatisfy({ (0x30...0x39).contains($0) }) { isObject = true }
        }
        return isObject ? .objects(payload: start + length) : .plain
    }

    /// Where `needle` ends in `haystack`, searching from `from`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
        for start in from...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle) {
            return start + needle.count
        }
        return nil
    }
}
