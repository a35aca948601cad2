/// Checks a safetensors file's header (8-byte little-endian length, JSON object of tensors with
/// `dtype`, `shape` and `data_offsets`) against the file: every violation is a finding. Nothing in
/// safetensors runs code; what matters is that readers trusting the header stay in bounds.
enum SafetensorsHeader {
    static let dtypeSizes: [String: Int] = [
        "BOOL": 8, "U8": 8, "I8": 8, "F8_E5M2": 8, "F8_E4M3": 8, "F8_E8M0": 8, "I16": 16, "U16": 16, "F16": 16,
        "BF16": 16, "I32": 32, "U32": 32, "F32": 32, "F64": 64, "I64": 64, "U64": 64, "C64": 64, "F4": 4,
        "F6_E2M3": 6, "F6_E3M2": 6,
    ]

    /// Whether `bytes` looks like safetensors: a header length below 2^48, then `{"`, `{}` or `{ `.
    /// The length is not checked here: a length past the file is a finding, not another format.
    static func looksLike(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 10, bytes[6] == 0, bytes[7] == 0 else { return false }
        return bytes[8] == UInt8(ascii: "{") && (bytes[9] == UInt8(ascii: "\"") || bytes[9] == UInt8(ascii: "}") || bytes[9] == 0x20)
    }

    static func findings(_ bytes: UnsafeRawBufferPointer, member: String?, limits: ContainerLimits) -> [ModelFileFinding] {
        var findings: [ModelFileFinding] = []
        func report(_ offset: Int, _ message: String) {
            findings.append(ModelFileFinding(.safetensorsMalformed, offset: offset, member: member, message: message))
        }
        guard let length = bytes.u64(0), length <= bytes.count - 8 else {
            report(0, "the header length runs past the end of the file")
            return findings
        }
        guard length <= limits.maxHeaderBytes else {
            report(0, "the header declares \(length) bytes, more than the bound of \(limits.maxHeaderBytes)")
            return findings
        }
        let header: HeaderJSON
        do {
            header = try HeaderJSON.parse(UnsafeRawBufferPointer(rebasing: bytes[8..<8 + length]))
        } catch {
            report(8 + error.offset, "the header is not JSON: \(error.problem)")
            return findings
        }
        guard case let .object(entries) = header else {
            report(8, "the header is not a JSON object")
            return findings
        }
        let dataSize = bytes.count - 8 - length
        var ranges: [(Int, Int, String)] = []
        for (name, entry) in entries {
            let shown = ZipDirectory.printable(name)
            if name == "__metadata__" {
                guard case let .object(pairs) = entry, pairs.allSatisfy({ $0.1.string != nil }) else {
                    report(8, "__metadata__ is not an object of strings")
                    continue
                }
                continue
            }
            guard let dtype = entry["dtype"]?.string, let bits = dtypeSizes[dtype] else {
                report(8, "tensor '\(shown)' has no dtype from the format's list")
                continue
            }
            guard case let .array(shapeValues)? = entry["shape"],
                  case let .array(offsetValues)? = entry["data_offsets"], offsetValues.count == 2,
                  case let .integer(begin) = offsetValues[0], case let .integer(end) = offsetValues[1] else {
                report(8, "tensor '\(shown)' lacks a shape or a pair of data_offsets")
                continue
            }
            var elements = 1
            for dimension in shapeValues {
                guard case let .integer(size) = dimension, size >= 0 else {
                    report(8, "tensor '\(shown)' has a shape that is not a list of sizes")
                    elements = -1
                    break
                }
                let (product, overflow) = elements.multipliedReportingOverflow(by: size)
                elements = overflow ? Int.max : product
            }
            guard elements >= 0 else { continue }
            guard begin >= 0, begin <= end, end <= dataSize else {
                report(8, "tensor '\(shown)': data_offsets [\(begin), \(end)] are not inside the \(dataSize) data bytes")
                continue
            }
            let (bitCount, overflow) = elements.multipliedReportingOverflow(by: bits)
            if overflow || (bitCount + 7) / 8 != end - begin {
                report(8, "tensor '\(shown)': \(end - begin) data bytes do not hold its shape of \(dtype)")
            }
            ranges.append((begin, end, shown))
        }
        ranges.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        for (previous, next) in zip(ranges, ranges.dropFirst()) where next.0 < previous.1 {
            report(8, "tensors '\(previous.2)' and '\(next.2)' share data bytes")
        }
        return findings
    }
}
