/// An operator as a node calls it and a model-local function defines it: domain, name (op_type)
/// and overload, compared byte for byte.
struct OnnxOperator: Hashable {
    var domain: [UInt8]
    var name: [UInt8]
    var overload: [UInt8]

    init(domain: UnsafeRawBufferPointer, name: UnsafeRawBufferPointer?, overload: UnsafeRawBufferPointer?) {
        self.domain = Array(domain)
        self.name = name.map { Array($0) } ?? []
        self.overload = overload.map { Array($0) } ?? []
    }

    /// `domain::name`, as reports show it (escaped, bounded).
    var shown: String {
        let text = String(decoding: domain.prefix(100), as: UTF8.self) + "::" + String(decoding: name.prefix(100), as: UTF8.self)
            + (overload.isEmpty ? "" : ":" + String(decoding: overload.prefix(100), as: UTF8.self))
        return ZipDirectory.printable(text)
    }
}
