/// The scanner's first pass in one table lookup per byte: can a token start here, does the
/// byte continue a word, and which signals (digit, `@`, `:`) it carries.
enum ScanByteClass {
    static let digit: UInt8 = 1       // = WordSignals.digit
    static let at: UInt8 = 2          // = WordSignals.at
    static let colon: UInt8 = 4       // = WordSignals.colon
    static let word: UInt8 = 16
    static let start: UInt8 = 32
    static let alphanumeric: UInt8 = 64

    static let table: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for byte in UInt8(0)...UInt8(255) {
            var bits: UInt8 = 0
            if isAlphanumeric(byte) { bits |= word | start | alphanumeric }
            if isDigit(byte) { bits |= digit }
            if ByteSet("._-:/@+%()'").contains(byte) { bits |= word }
            if ByteSet("+(-:").contains(byte) { bits |= start }
            if byte == UInt8(ascii: "@") { bits |= at }
            if byte == UInt8(ascii: ":") { bits |= colon }
            table[Int(byte)] = bits
        }
        return table
    }()
}
