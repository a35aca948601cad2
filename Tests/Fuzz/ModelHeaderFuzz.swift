// fuzz-sources: Sources/ModelFiles
// The header readers one by one on arbitrary bytes, each given the input whatever its magic:
// safetensors (length, JSON, dtypes, offsets), GGUF (counts, strings, arrays), NumPy .npy (header
// dict, object dtype), and the header JSON reader. None may crash, hang or allocate a declared
// length; an object array's payload must start inside the input; JSON must parse the same twice.
// Byte 0 selects the reader; the rest is the file (magics are prepended where a reader needs one).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let body = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    var limits = ContainerLimits()
    limits.maxHeaderBytes = 1 << 12
    switch data[0] % 4 {
    case 0:
        body.withUnsafeBytes { bytes in
            for finding in SafetensorsHeader.findings(bytes, member: nil, limits: limits) where finding.offset > bytes.count {
                fatalError("safetensors finding past the input: \(finding)")
            }
        }
    case 1:
        (GGUFHeader.magic + [3, 0, 0, 0] + body).withUnsafeBytes { bytes in
            for finding in GGUFHeader.findings(bytes, member: nil) where finding.offset > bytes.count {
                fatalError("GGUF finding past the input: \(finding)")
            }
        }
    case 2:
        (NumpyArrayFile.magic + body).withUnsafeBytes { bytes in
            if case let .objects(payload) = NumpyArrayFile.read(bytes, limits: limits), payload > bytes.count {
                fatalError("object payload at \(payload), past \(bytes.count) bytes")
            }
        }
    default:
        body.withUnsafeBytes { bytes in
            let first = try? HeaderJSON.parse(bytes)
            let second = try? HeaderJSON.parse(bytes)
            if first != second { fatalError("the JSON reader gives two answers") }
            _ = KerasConfig.findings(bytes, member: nil)
        }
    }
    return 0
}
