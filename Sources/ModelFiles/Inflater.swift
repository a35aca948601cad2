/// A raw DEFLATE (RFC 1951) decoder of our own: the system zlib is not reachable from Swift on
/// Linux without a C target, and a decoder that stops at a byte budget is what a zip-bomb-aware
/// scanner needs anyway. Output beyond `limit` bytes is never produced.
struct Inflater {
    enum Failure: Error, Equatable {
        /// The stream is not valid DEFLATE; `offset` is the input byte where reading failed.
        case malformed(String, offset: Int)
        /// The output would pass `limit` bytes.
        case tooLarge
    }

    private let input: UnsafeRawBufferPointer
    private var position = 0
    private var bitBuffer: UInt64 = 0
    private var bitCount = 0
    private let limit: Int
    private(set) var output: [UInt8] = []

    init(_ input: UnsafeRawBufferPointer, limit: Int) {
        self.input = input
        self.limit = limit
    }

    /// Inflates `input` into at most `limit` bytes; `consumed` is how many input bytes were read.
    static func inflate(_ input: UnsafeRawBufferPointer, limit: Int) throws(Failure) -> (output: [UInt8], consumed: Int) {
        var inflater = Inflater(input, limit: limit)
        try inflater.run()
        return (inflater.output, inflater.position)
    }

    /// Inflates as far as the stream allows: what came out before a corruption (a loader reading
    /// the stream in chunks has used it by then), and the failure, if any.
    static func inflatePrefix(_ input: UnsafeRawBufferPointer, limit: Int) -> (output: [UInt8], consumed: Int, failure: Failure?) {
        var inflater = Inflater(input, limit: limit)
        do {
            try inflater.run()
            return (inflater.output, inflater.position, nil)
        } catch {
            return (inflater.output, inflater.position, error)
        }
    }

    private mutating func bits(_ count: Int) throws(Failure) -> Int {
        while bitCount < count {
            guard position < input.count else { throw .malformed("the deflate stream ends early", offset: position) }
            bitBuffer |= UInt64(input[position]) << UInt64(bitCount)
            position += 1
            bitCount += 8
        }
        let value = Int(bitBuffer & ((1 << UInt64(count)) - 1))
        bitBuffer >>= UInt64(count)
        bitCount -= count
        return value
    }

    private mutating func run() throws(Failure) {
        var last = false
        while !last {
            last = try bits(1) == 1
            switch try bits(2) {
            case 0: try storedBlock()
            case 1: try codedBlock(literals: Self.fixedLiterals, distances: Self.fixedDistances)
            case 2:
                let (literals, distances) = try dynamicTables()
                try codedBlock(literals: literals, distances: distances)
            default: throw .malformed("deflate block type 3 is reserved", offset: position)
            }
        }
    }

    private mutating func storedBlock() throws(Failure) {
        bitBuffer = 0
        bitCount = 0
        guard position + 4 <= input.count else { throw .malformed("a stored block's length is cut off", offset: position) }
        let length = Int(input[position]) | Int(input[position + 1]) << 8
        let check = Int(input[position + 2]) | Int(input[position + 3]) << 8
        guard length ^ 0xFFFF == check else { throw .malformed("a stored block's length and its complement disagree", offset: position) }
        position += 4
        guard position + length <= input.count else { throw .malformed("a stored block runs past the data", offset: position) }
        guard output.count + length <= limit else { throw .tooLarge }
        output.append(contentsOf: input[position..<position + length])
        position += length
    }

    private mutating func decode(_ code: HuffmanCode) throws(Failure) -> Int {
        var value = 0
        var first = 0
        var index = 0
        for length in 1...15 {
            value |= try bits(1)
            let count = code.counts[length]
            if value - count < first { return code.symbols[index + value - first] }
            index += count
            first = (first + count) << 1
            value <<= 1
        }
        throw .malformed("a Huffman code that the block's tables do not define", offset: position)
    }

    private mutating func dynamicTables() throws(Failure) -> (HuffmanCode, HuffmanCode) {
        let literalCount = try bits(5) + 257
        let distanceCount = try bits(5) + 1
        let codeLengthCount = try bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw .malformed("too many codes in a dynamic block", offset: position) }
        var lengthLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeLengthCount { lengthLengths[Self.codeLengthOrder[index]] = try bits(3) }
        let lengthCode = try HuffmanCode(lengths: lengthLengths, at: position)
        var lengths: [Int] = []
        while lengths.count < literalCount + distanceCount {
            let symbol = try decode(lengthCode)
            switch symbol {
            case 0..<16: lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw .malformed("a repeat code with nothing to repeat", offset: position) }
                lengths += Array(repeating: previous, count: 3 + (try bits(2)))
            case 17: lengths += Array(repeating: 0, count: 3 + (try bits(3)))
            default: lengths += Array(repeating: 0, count: 11 + (try bits(7)))
            }
        }
        guard lengths.count == literalCount + distanceCount else { throw .malformed("code lengths overrun the table", offset: position) }
        guard lengths[256] != 0 else { throw .malformed("a block without an end-of-block code", offset: position) }
        return (try HuffmanCode(lengths: Array(lengths[0..<literalCount]), at: position),
                try HuffmanCode(lengths: Array(lengths[literalCount...]), at: position))
    }

    private mutating func codedBlock(literals: HuffmanCode, distances: HuffmanCode) throws(Failure) {
        while true {
            let symbol = try decode(literals)
            if symbol < 256 {
                guard output.count < limit else { throw .tooLarge }
                output.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let lengthIndex = symbol - 257
                guard lengthIndex < 29 else { throw .malformed("length code \(symbol) is not defined", offset: position) }
                let length = Self.lengthBase[lengthIndex] + (try bits(Self.lengthExtra[lengthIndex]))
                let distanceSymbol = try decode(distances)
                guard distanceSymbol < 30 else { throw .malformed("distance code \(distanceSymbol) is not defined", offset: position) }
                let distance = Self.distanceBase[distanceSymbol] + (try bits(Self.distanceExtra[distanceSymbol]))
                guard distance <= output.count else { throw .malformed("a back-reference before the start of the output", offset: position) }
                guard output.count + length <= limit else { throw .tooLarge }
                let start = output.count - distance
                for index in 0..<length { output.append(output[start + index]) }
            }
        }
    }

    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                               4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let fixedLiterals = try! HuffmanCode(lengths: Array(repeating: 8, count: 144) + Array(repeating: 9, count: 112)
                                                    + Array(repeating: 7, count: 24) + Array(repeating: 8, count: 8), at: 0)
    static let fixedDistances = try! HuffmanCode(lengths: Array(repeating: 5, count: 30), at: 0)
}
