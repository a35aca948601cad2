import ModelFiles

/// Assembles joblib-shaped streams for tests: a NumpyArrayWrapper made by NEWOBJ, its state dict
/// (shape, dtype as a numpy.dtype call and BUILD, optionally the alignment attribute), its BUILD,
/// then whatever array data the test gives, then STOP.
enum JoblibBytes {
    typealias P = PickleBytes

    static func int(_ value: Int) -> [UInt8] { [0x8A, 8] + P.uint64(UInt64(bitPattern: Int64(value))) }

    static func dtype(_ typestr: String, elsize: Int = -1, flags: Int = 0) -> [UInt8] {
        P.stackGlobal("numpy", "dtype") + P.shortUnicode(typestr) + [0x89, 0x88, 0x87] + P.reduce
            + P.mark + int(3) + P.shortUnicode("<") + P.none + P.none + P.none + int(elsize) + int(-1) + int(flags) + [0x74] + P.build
    }

    /// The stream up to and including the wrapper's BUILD.
    static func wrapper(shape: [Int], dtype: [UInt8], alignment: Bool = true) -> [UInt8] {
        var state = P.shortUnicode("shape") + P.mark + shape.flatMap(int) + [0x74] + P.shortUnicode("dtype") + dtype
        if alignment { state += P.shortUnicode("numpy_array_alignment_bytes") + [0x4B, 16] }
        return P.proto(4) + P.stackGlobal("joblib.numpy_pickle", "NumpyArrayWrapper") + P.emptyTuple + [0x81]
            + P.emptyDict + P.mark + state + [0x75] + P.build
    }

    /// A whole stream: the wrapper, a padding length byte and padding, `data`, STOP.
    static func stream(shape: [Int], typestr: String, data: [UInt8], padding: Int = 3) -> [UInt8] {
        wrapper(shape: shape, dtype: dtype(typestr)) + [UInt8(padding)] + Array(repeating: 0xFF, count: padding) + data + P.stop
    }
}
