/// Writes zip archives for tests: stored members, and deflated ones compressed with DEFLATE's
/// fixed Huffman code (literals only), so the gate's inflater decodes real Huffman data.
enum ZipArchiveBytes {
    enum Method { case stored, deflated }

    static func archive(_ members: [(name: String, data: [UInt8], method: Method)]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for member in members {
            let offset = out.count
            let name = Array(member.name.utf8)
            let data = member.method == .stored ? member.data : deflate(member.data)
            let method = member.method == .stored ? 0 : 8
            // CRC is left zero: the scanner does not check it (loaders do, after the scan).
            out += le(0x0403_4B50, 4) + le(20, 2) + le(0, 2) + le(method, 2) + le(0, 4) + le(0, 4)
                + le(data.count, 4) + le(member.data.count, 4) + le(name.count, 2) + le(0, 2) + name + data
            central += le(0x0201_4B50, 4) + le(20, 2) + le(20, 2) + le(0, 2) + le(method, 2) + le(0, 4) + le(0, 4)
                + le(data.count, 4) + le(member.data.count, 4) + le(name.count, 2) + le(0, 2) + le(0, 2) + le(0, 2)
                + le(0, 2) + le(0, 4) + le(offset, 4) + name
        }
        let directory = out.count
        out += central
        out += le(0x0605_4B50, 4) + le(0, 2) + le(0, 2) + le(members.count, 2) + le(members.count, 2)
            + le(central.count, 4) + le(directory, 4) + le(0, 2)
        return out
    }

    /// One final block of fixed Huffman codes (RFC 1951, 3.2.6): every byte a literal, then end of block.
    static func deflate(_ data: [UInt8]) -> [UInt8] {
        var bits = BitStream()
        bits.put(1, count: 1)  // BFINAL
        bits.put(1, count: 2)  // BTYPE 01: fixed Huffman codes
        for byte in data {
            if byte < 144 { bits.putCode(0x30 + Int(byte), length: 8) } else { bits.putCode(0x190 + Int(byte) - 144, length: 9) }
        }
        bits.putCode(0, length: 7)  // 256: end of block
        return bits.bytes()
    }

    private static func le(_ value: Int, _ size: Int) -> [UInt8] { (0..<size).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

    /// Bits packed from the least significant bit of each byte, as DEFLATE writes them.
    private struct BitStream {
        private var out: [UInt8] = []
        private var pending = 0
        private var used = 0

        mutating func put(_ value: Int, count: Int) {
            for index in 0..<count {
                pending |= ((value >> index) & 1) << used
                used += 1
                if used == 8 {
                    out.append(UInt8(pending))
                    pending = 0
                    used = 0
                }
            }
        }

        /// Huffman codes go most significant bit first.
        mutating func putCode(_ code: Int, length: Int) {
            for index in stride(from: length - 1, through: 0, by: -1) { put(code >> index, count: 1) }
        }

        func bytes() -> [UInt8] { used > 0 ? out + [UInt8(pending)] : out }
    }
}
