import Testing
@testable import ModelFiles

/// The DEFLATE decoder against streams written by Python's zlib (raw, wbits -15): stored, fixed and
/// dynamic Huffman blocks, and the two ways it must refuse: corrupt data and a byte budget.
@Suite struct InflaterTests {
    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            out.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return out
    }

    static func inflate(_ hex: String, limit: Int = 1 << 20) throws -> [UInt8] {
        let input = bytes(hex)
        return try input.withUnsafeBytes { try Inflater.inflate($0, limit: limit).output }
    }

    /// zlib.compressobj(9, DEFLATED, -15) of the text, as Python printed it.
    static let squares = "2591c901c43008031be2610e83e9bfb11d655f2641c0208eb995ad795b5ccbb65aebb2e7e6e798076f1559148b044d5cdeb79651e8a94657c5fbca6eacdd696b74cd3b7c0fff1ff945b7adbe14faa1833bad5c3d3d68eea929a57157735b002d9281c85f8901c238a27011c7598b3c6551c721a3225ad1e8df5376d1a52a92fe82863ce99745e7d48c1ca6e5636e2e047560295155c257056935cc35da566bdcc33ed7b5706a633276b5f31d45cbbf3e64a972dca4a22fb53d74e947bf3957e65031ccb4b9cc9d8160169627eb5fc0f74ab76898df837eb5070a222871932df79def5632ebc417d791c18d029b11bbabce3d5271c9476f59ea4feec6ffd229cfe3cafe185d22f63bca779facfb1d4857cbd501cbd9e807"

    @Test func fixedHuffmanBlocksWithBackReferencesInflate() throws {
        #expect(try Self.inflate("cb48cdc9c957c84022cbf38b725200") == Array("hello hello hello world".utf8))
        #expect(try Self.inflate("0300") == [])
    }

    @Test func storedBlocksInflate() throws {
        #expect(try Self.inflate("013200cdff" + String(repeating: "61", count: 50)) == Array(repeating: UInt8(ascii: "a"), count: 50))
    }

    @Test func dynamicHuffmanBlocksInflate() throws {
        let expected = (0..<120).map { "\($0 * $0)," }.joined()
        #expect(try Self.inflate(Self.squares) == Array(expected.utf8))
    }

    @Test func outputPastTheBudgetIsRefusedNotProduced() {
        #expect(throws: Inflater.Failure.tooLarge) { try Self.inflate(Self.squares, limit: 100) }
        #expect(throws: Inflater.Failure.tooLarge) { try Self.inflate("013200cdff" + String(repeating: "61", count: 50), limit: 49) }
    }

    @Test func corruptStreamsAreMalformed() {
        // Block type 3 is reserved; a stored block whose length and complement disagree; a stream cut short.
        for hex in ["07", "013200ccff" + String(repeating: "61", count: 50), String(Self.squares.prefix(100))] {
            #expect {
                try Self.inflate(hex)
            } throws: { error in
                if case .malformed = error as? Inflater.Failure { return true }
                return false
            }
        }
    }
}
