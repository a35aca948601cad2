/// Every rule a pickle scan can report, with the reason it exists and what to do about it.
///
/// The security gate lists these (`modelgate gates security`); the identifiers are stable because
/// reports and SARIF fingerprints carry them.
public enum PickleRule: String, Sendable, CaseIterable {
    case dangerousGlobal = "pickle.dangerous-global"
    case unlistedGlobal = "pickle.unlisted-global"
    case dynamicImport = "pickle.dynamic-import"
    case indirectCall = "pickle.indirect-call"
    case globalMutation = "pickle.global-mutation"
    case extensionCode = "pickle.extension-code"
    case malformed = "pickle.malformed"
    case limitExceeded = "pickle.limit-exceeded"
    case trailingData = "pickle.trailing-data"

    /// Why loading such a file is a risk.
    public var rationale: String {
        switch self {
        case .dangerousGlobal:
            "The pickle imports a callable on the denylist (code execution, file or network access, nested "
                + "deserialisation, import machinery); loading the file hands it to the attacker."
        case .unlistedGlobal:
            "The pickle imports a callable that is not on the allowlist of known-safe globals. Importing a module "
                + "runs its code, and any callable can be called with the pickle's arguments; only reviewed names pass."
        case .dynamicImport:
            "STACK_GLOBAL takes its module or name from something other than a literal string (the result of a "
                + "call, a container), so the imported name cannot be known before loading."
        case .indirectCall:
            "REDUCE, NEWOBJ, OBJ or BUILD calls something that is not an imported global (the result of another "
                + "call, a persistent id, an extension code); pickles made by pickle.dump never do."
        case .globalMutation:
            "BUILD, SETITEM(S), APPEND(S) or ADDITEMS changes an imported class, function or module instead of a new "
                + "object; this plants attributes that later calls use (the numpy `__builtins__` bypass)."
        case .extensionCode:
            "EXT1/EXT2/EXT4 name a global through the copyreg extension registry, which is empty in a normal "
                + "interpreter; what the code resolves to depends on the loading process, so it cannot be judged."
        case .malformed:
            "The bytes are not a pickle every loader reads the same way (truncated, unknown opcode, stack underflow, "
                + "missing memo key, a length past the end); a scanner that gives up on such files is bypassed by them."
        case .limitExceeded:
            "The pickle needs more stack, memo or findings than the configured limits, so part of it was not judged."
        case .trailingData:
            "Bytes follow the last STOP that do not form a pickle; pickle.load ignores them, but a loader that "
                + "reads several pickles or another format may not."
        }
    }

    /// What to do about a finding of this rule.
    public var fixHint: String {
        switch self {
        case .dangerousGlobal:
            "Do not load this file. Re-export the model from its source in a format without code (safetensors, "
                + "ONNX, skops), or investigate where it came from."
        case .unlistedGlobal:
            "If the class is your own and reviewed, add it to `allow_globals` (`module.Name` or `module.*`); "
                + "otherwise save the model without it (state dict, safetensors, ONNX)."
        case .dynamicImport, .indirectCall, .globalMutation:
            "Do not load this file: pickles written by pickle.dump never take this shape; it was crafted."
        case .extensionCode:
            "Do not load this file: re-save it without copyreg extension codes (a plain pickle.dump does so)."
        case .malformed:
            "Re-export the file from its source; a truncated download or a crafted file reads like this."
        case .limitExceeded:
            "Raise the scan limits if the file is known to be this large, or split the model into smaller files."
        case .trailingData:
            "Strip the extra bytes or re-save the file; check where they came from."
        }
    }
}
