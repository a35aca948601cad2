/// A pipeline ready to run: the checked configuration and one gate instance per entry.
public struct Pipeline: Sendable {
    public var config: PipelineConfig
    public var gates: [(config: GateConfig, gate: any Gate)]
    public var redactor: SecretRedactor
}
