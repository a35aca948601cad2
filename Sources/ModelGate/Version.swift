/// This build's version, shown by `modelgate version` and written into every report.
public enum ModelGateVersion {
    public static let current = "0.1.0"
}
