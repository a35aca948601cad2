/// What a dangerous callable could do when a pickle is loaded; the denylist assigns one to each entry.
public enum DangerCategory: String, Sendable, CaseIterable {
    /// Runs a command or Python code: `os.system`, `builtins.eval`, `subprocess.Popen`, profilers, debuggers.
    case codeExecution = "code-execution"
    /// Reaches any attribute of any object, which is one step from code execution: `builtins.getattr`,
    /// `operator.attrgetter`, dunder names such as `__builtins__`.
    case introspection
    /// Reads, writes or deletes files: `builtins.open`, `shutil`, `pathlib`, `os.remove`.
    case fileAccess = "file-access"
    /// Opens connections: `socket`, `urllib`, `requests`, `http.client`, `webbrowser`.
    case network
    /// Loads another serialised payload, which the scanner never sees: `pickle.loads`, `marshal.loads`,
    /// `torch.load`, `numpy.load`, `yaml.load`.
    case nestedDeserialisation = "nested-deserialisation"
    /// Imports or registers modules by name, so any other callable can be reached: `importlib`,
    /// `pkgutil.resolve_name`, `copyreg.add_extension`, `sys.modules`.
    case importMachinery = "import-machinery"

    /// The severity a denylisted callable of this category gets.
    public var severity: FindingSeverity {
        switch self {
        case .codeExecution, .introspection, .nestedDeserialisation, .importMachinery: .critical
        case .fileAccess, .network: .high
        }
    }
}
