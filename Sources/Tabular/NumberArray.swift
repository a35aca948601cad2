/// Parses `[n, n, ...]` (JSON array syntax, numbers as `parseDouble` reads them) into `values`.
/// Returns nil on success, else what is wrong, without quoting the content.
func parseNumberArray(_ bytes: UnsafeRawBufferPointer, into values: inout [Double]) -> String? {
    let n = bytes.count
    var i = 0
    func skipSpace() {
        while i < n, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }
    skipSpace()
    guard i < n, bytes[i] == UInt8(ascii: "[") else {
        return "expected an array of numbers such as [0.2, 0.8]"
    }
    i += 1
    skipSpace()
    if i < n, bytes[i] == UInt8(ascii: "]") {
        i += 1
    } else {
        while true {
            let tokenStart = i
            while i < n {
                let c = bytes[i]
                if c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == 0x20 || c == 0x09
                    || c == 0x0A || c == 0x0D { break }
                i += 1
            }
            let token = UnsafeRawBufferPointer(rebasing: bytes[tokenStart ..< i])
            guard !token.isEmpty, let value = parseDouble(token) else {
                return "element \(values.count + 1) of the array is not a number"
            }
            values.append(value)
            skipSpace()
            guard i < n else { return "unterminated array" }
            if bytes[i] == UInt8(ascii: "]") {
                i += 1
                break
            }
            guard bytes[i] == UInt8(ascii: ",") else {
                return "expected ',' or ']' after element \(values.count) of the array"
            }
            i += 1
            skipSpace()
        }
    }
    skipSpace()
    return i == n ? nil : "unexpected text after the array"
}
