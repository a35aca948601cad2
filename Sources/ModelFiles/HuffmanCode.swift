/// A canonical Huffman code of DEFLATE, as counts of codes per length and symbols in code order.
struct HuffmanCode: Sendable {
    var counts = [Int](repeating: 0, count: 16)
    var symbols: [Int]

    /// Builds the code from each symbol's code length (0 = unused); an over-subscribed set of
    /// lengths is malformed (an incomplete one is allowed, as zlib allows it for single codes).
    init(lengths: [Int], at offset: Int) throws(Inflater.Failure) {
        for length in lengths { counts[length] += 1 }
        counts[0] = 0
        var left = 1
        for length in 1...15 {
            left = left << 1 - counts[length]
            guard left >= 0 else { throw .malformed("over-subscribed Huffman code lengths", offset: offset) }
        }
        var starts = [Int](repeating: 0, count: 16)
        for length in 1..<15 { starts[length + 1] = starts[length] + counts[length] }
        symbols = [Int](repeating: 0, count: lengths.count)
        for (symbol, length) in lengths.enumerated() where length != 0 {
            symbols[starts[length]] = symbol
            starts[length] += 1
        }
    }
}
