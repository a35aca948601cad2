/// Imports, calls and mutations: where the simulation meets the policy.
extension PickleMachine {
    /// GLOBAL and INST: module and name are lines of UTF-8, as the loader decodes them.
    mutating func importGlobal(module: Range<Int>, name: Range<Int>, _ at: Int, _ op: String) throws(PickleStop) -> Int {
        let limit = policy.limits.maxNameLength
        guard let moduleText = PickleText(start: module.lowerBound, count: module.count, form: .utf8).decode(in: input, maxBytes: limit),
              let nameText = PickleText(start: name.lowerBound, count: name.count, form: .utf8).decode(in: input, maxBytes: limit) else {
            throw .malformed(at, "\(op)'s module or name is not UTF-8")
        }
        return importName(PickleGlobalName(module: moduleText, name: nameText), at, op)
    }

    /// STACK_GLOBAL: both operands must be strings pushed by the pickle itself (directly or through
    /// the memo); anything else is a name computed while loading.
    mutating func importFromStack(module: PickleValue, name: PickleValue, _ at: Int) throws(PickleStop) -> PickleValue {
        guard module.kind == .text, name.kind == .text else {
            report(.dynamicImport, .critical, at, message:
                "STACK_GLOBAL takes its module from \(describe(module)) and its name from \(describe(name))")
            return .unknown
        }
        let limit = policy.limits.maxNameLength
        guard let moduleName = module.text.decode(in: input, maxBytes: limit),
              let globalName = name.text.decode(in: input, maxBytes: limit) else {
            throw .malformed(at, "STACK_GLOBAL's module or name is not text the loader can decode")
        }
        return .global(importName(PickleGlobalName(module: moduleName, name: globalName), at, "STACK_GLOBAL"))
    }

    private mutating func importName(_ raw: PickleGlobalName, _ at: Int, _ op: String) -> Int {
        let resolved = raw.resolved(protocol: proto)
        let alternate = proto < 3 ? raw : CompatNames.resolve(raw)
        let index = globals.intern(resolved, offset: baseOffset + at) {
            GlobalVerdict.judge(resolved, alternate: alternate, policy: policy, allowGlobals: allow)
        }
        if resolved == Self.arrayWrapper { sawArrayWrapper = true }
        let renamed = resolved == raw ? "" : " (written as `\(raw)`)"
        switch globals[index].verdict {
        case .allowed: break
        case .dangerous(let category):
            report(.dangerousGlobal, category.severity, at, callable: resolved, category: category,
                   message: "\(op) imports `\(resolved)`\(renamed), a denylisted \(category.rawValue) callable")
        case .unlisted:
            report(.unlistedGlobal, policy.mode == .allowlist ? .high : .low, at, callable: resolved,
                   message: "\(op) imports `\(resolved)`\(renamed), which is not on the allowlist")
        }
        return index
    }

    /// What calling `callable` leaves on the stack; calls of anything but an imported global are findings.
    mutating func call(_ callable: PickleValue, _ at: Int, _ op: String) -> PickleValue {
        switch callable.kind {
        case .global:
            globals[callable.index].calls += 1
            return .instance(of: callable.index)
        case .instance, .unknown:
            report(.indirectCall, .high, at, message: "\(op) calls \(describe(callable))")
            return .unknown
        case .tracked:
            return call(untracked(callable), at, op)
        case .text, .data, .absent:
            // Not callable: the loader raises TypeError here, after which nothing more runs.
            return .unknown
        }
    }

    /// BUILD: `__setstate__` (or attribute updates) on what is on the stack.
    mutating func build(_ target: PickleValue, _ at: Int) {
        switch target.kind {
        case .global:
            report(.globalMutation, .critical, at, callable: globals[target.index].name,
                   message: "BUILD sets attributes of the imported `\(globals[target.index].name)` itself")
        case .instance:
            globals[target.index].builds += 1
        case .tracked:
            build(untracked(target), at)
        case .text, .data, .unknown, .absent:
            break
        }
    }

    /// APPEND(S), ADDITEMS: the values from `first` on go into the container just below them.
    mutating func extendContainer(below first: Int, _ at: Int, _ op: String) throws(PickleStop) {
        guard first <= stack.count, first > fence else { throw .malformed(at, "stack underflow") }
        mutate(stack[first - 1], at, op)
        if tracksValues { append(stack[first...], to: stack[first - 1]) }
        stack.removeSubrange(first...)
    }

    /// SETITEM(S): key-value pairs from `first` on go into the mapping just below them.
    mutating func setItems(below first: Int, _ at: Int, _ op: String) throws(PickleStop) {
        guard first <= stack.count, first > fence else { throw .malformed(at, "stack underflow") }
        guard (stack.count - first) % 2 == 0 else { throw .malformed(at, "odd number of items for \(op)") }
        mutate(stack[first - 1], at, op)
        if tracksValues { insert(stack[first...], into: stack[first - 1]) }
        stack.removeSubrange(first...)
    }

    private mutating func mutate(_ target: PickleValue, _ at: Int, _ op: String) {
        guard target.kind == .global else { return }
        report(.globalMutation, .critical, at, callable: globals[target.index].name,
               message: "\(op) calls a method of the imported `\(globals[target.index].name)` itself")
    }

    /// EXT1/2/4: a global named by number through copyreg's extension registry.
    mutating func extensionCode(_ code: Int, _ at: Int) throws(PickleStop) {
        guard code > 0 else { throw .malformed(at, "extension code \(code) is not positive") }
        report(.extensionCode, .high, at,
               message: "an EXT opcode names extension code \(code), which only the loading process's registry resolves")
        try push(.unknown, at)
    }

    func describe(_ value: PickleValue) -> String {
        switch value.kind {
        case .text: "a string"
        case .global: "the imported `\(globals[value.index].name)`"
        case .instance: "the result of calling `\(globals[value.index].name)`"
        case .unknown: "a value of unknown origin (a persistent id, an extension code or an indirect call)"
        case .tracked: describe(untracked(value))
        case .data, .absent: "a value that is not a string"
        }
    }

    mutating func report(_ rule: PickleRule, _ severity: FindingSeverity, _ at: Int, callable: PickleGlobalName? = nil,
                         category: DangerCategory? = nil, message: String) {
        ledger.add(PickleFinding(rule: rule, severity: severity, offset: baseOffset + at,
                                 callable: callable?.description, category: category, message: message))
    }
}
