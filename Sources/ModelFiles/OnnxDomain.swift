/// Who provides the operators of a node's domain. ONNX's own domains are standard;
/// `com.microsoft` and its sub-domains (`com.microsoft.nchwc`, …) are onnxruntime's built-in contrib
/// operators, code inside the runtime, reported at low severity; anything else (`ai.onnx.contrib`
/// of onnxruntime-extensions included) needs a custom-operator library loaded from outside the model,
/// unless the team vouches for that library by listing the domain (`allowed`).
enum OnnxDomain: Equatable {
    case standard, vendor, allowed, custom

    private static let standardDomains: [[UInt8]] = ["", "ai.onnx", "ai.onnx.ml", "ai.onnx.training", "ai.onnx.preview.training"].map { Array($0.utf8) }
    private static let vendorPrefix = Array("com.microsoft".utf8)

    init(_ domain: UnsafeRawBufferPointer, allowed: [[UInt8]] = []) {
        if Self.standardDomains.contains(where: { domain.elementsEqual($0) }) {
            self = .standard
        } else if allowed.contains(where: { domain.elementsEqual($0) }) {
            self = .allowed
        } else if domain.starts(with: Self.vendorPrefix) && (domain.count == Self.vendorPrefix.count || domain[Self.vendorPrefix.count] == UInt8(ascii: ".")) {
            self = .vendor
        } else {
            self = .custom
        }
    }
}
