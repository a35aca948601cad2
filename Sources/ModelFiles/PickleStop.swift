/// Why reading a pickle stopped before its STOP: the loader would refuse the bytes here, or the
/// scan reached one of its limits. Offsets are into the scanned input.
struct PickleStop: Error {
    enum Kind {
        case malformed, limit
        /// Not a problem of the input: joblib arrays need a scan that tracks values (it starts over).
        case needsValues
    }

    var kind: Kind
    var offset: Int
    var problem: String

    static func malformed(_ offset: Int, _ problem: String) -> PickleStop {
        PickleStop(kind: .malformed, offset: offset, problem: problem)
    }
}
