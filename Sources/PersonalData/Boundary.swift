/// Where a match may begin and end, so a value is not found inside a larger token
/// (`v1.2.3.4`, `1.2.3.4.5`, a card number inside a 30-digit reference).
enum Boundary {
    /// Separators that continue a number: `1.2.3.4.5` is one token, so `2.3.4.5` does not start one.
    static let numberJoiners = ByteSet(".-/:_")

    /// A match may begin at `index`: the byte before is no letter or digit, and a digit does not
    /// continue a number that a joiner or a single space links it to (CSV commas do not join).
    @inline(__always) static func canStart(_ text: UnsafeRawBufferPointer, at index: Int) -> Bool {
        guard index > 0 else { return true }
        let previous = text[index - 1]
        if isAlphanumeric(previous) || previous == UInt8(ascii: "_") { return false }
        if isDigit(text[index]) && index >= 2 && isDigit(text[index - 2]) {
            // `1.2.3.4.5` is one token; so is a spaced number: `62 811 761 750` holds no `811 761 750`.
            if numberJoiners.contains(previous) || previous == UInt8(ascii: " ") { return false }
        }
        return true
    }

    /// A match may end at `index`: no letter, digit, `_` or `@` follows, and no `.`, `-` or `/`
    /// that goes on with a letter or digit (`10.0.0.1.5`, `4111-1111-1111-1111-22`).
    @inline(__always) static func canEnd(_ text: UnsafeRawBufferPointer, at index: Int) -> Bool {
        guard index < text.count else { return true }
        let next = text[index]
        if isAlphanumeric(next) || next == UInt8(ascii: "_") || next == UInt8(ascii: "@") { return false }
        if next == UInt8(ascii: ".") || next == UInt8(ascii: "-") || next == UInt8(ascii: "/") {
            return !isAlphanumeric(text.byte(index + 1))
        }
        return true
    }
}
