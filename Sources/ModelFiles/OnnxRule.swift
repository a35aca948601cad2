/// The rules an ONNX model can break; identifiers are stable, as reports and SARIF carry them.
/// A bound of the walk passed is `ContainerRule.limitExceeded`.
public enum OnnxRule: String, Sendable, CaseIterable {
    case malformed = "onnx.malformed"
    case externalDataEscape = "onnx.external-data-escape"
    case externalDataUnreadable = "onnx.external-data-unreadable"
    case customDomain = "onnx.custom-domain"
    case vendorDomain = "onnx.vendor-domain"

    public var severity: FindingSeverity {
        switch self {
        case .externalDataEscape: .critical
        case .malformed, .externalDataUnreadable, .customDomain: .high
        case .vendorDomain: .low
        }
    }

    /// One line, for rule listings.
    public var summary: String {
        switch self {
        case .malformed: "A file that starts like an ONNX model cannot be read as one"
        case .externalDataEscape: "A tensor's external data lies outside the model's folder"
        case .externalDataUnreadable: "A tensor's external data is missing or shorter than it says"
        case .customDomain: "A node needs a custom-operator library"
        case .vendorDomain: "A node uses onnxruntime's contrib operators (com.microsoft)"
        }
    }

    public var rationale: String {
        switch self {
        case .malformed: "A file that starts like an ONNX model cannot be read as one (a length past the end, a truncated varint, a field of the wrong type, a group); what a runtime makes of it is unknown, so it cannot be vouched for."
        case .externalDataEscape: "A tensor's external data location is absolute, climbs out of the model's folder with '..', or resolves through a symbolic link to a file outside it: loading the model reads that file (keys, /etc/passwd) into a tensor, where outputs can leak it."
        case .externalDataUnreadable: "A tensor's external data is missing, not a regular file, lacks a location, or its offset and length run past the end of the file (or are not numbers): the model cannot load as shipped, or reads what it should not."
        case .customDomain: "A node uses an operator domain that neither ONNX nor the model's own functions define; running it needs a native custom-operator library, code that lives outside the model and is not scanned."
        case .vendorDomain: "A node uses onnxruntime's built-in contrib operators (com.microsoft): code inside onnxruntime, not outside the model, but not part of the ONNX standard and not run by other runtimes."
        }
    }

    public var fixHint: String {
        switch self {
        case .malformed: "Re-export the model with its reference exporter (torch.onnx, skl2onnx, tf2onnx) from a trusted copy."
        case .externalDataEscape: "Save the tensors with onnx.save_model(..., save_as_external_data=True, location='<name inside the model folder>') and ship that file beside the model."
        case .externalDataUnreadable: "Ship the external data file the model names, whole, beside the model (or re-save with onnx.save_model and save_as_external_data)."
        case .customDomain: "Replace the custom operators with standard ONNX operators or model-local functions, or review the custom-op library and ship it with the model."
        case .vendorDomain: "Nothing to do when the model is served by onnxruntime; otherwise export with standard operators only."
        }
    }
}
