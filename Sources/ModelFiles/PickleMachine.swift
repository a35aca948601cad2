/// Runs a pickle's opcodes without executing anything: a model of CPython's C unpickler (`_pickle`)
/// that keeps, for each stack and memo value, only what decides which callables loading would
/// import and call. One pass, each byte read once; payloads are skipped in place.
///
/// Where the C unpickler raises (underflow, a missing memo key, a length past the end), reading
/// stops with a `PickleStop`: a file the loader refuses partway may already have run what came
/// before, which is why findings made before the stop are kept.
struct PickleMachine {
    let input: UnsafeRawBufferPointer
    let policy: PicklePolicy
    let allow: AllowGlobals
    /// Added to every offset reported, for inputs that are part of a larger file.
    let baseOffset: Int
    var stack: [PickleValue] = []
    /// Stack heights at each open MARK, the innermost last.
    var fences: [Int] = []
    /// The innermost MARK's height (0 without one): no pop may cross it.
    var fence = 0
    /// The limits, kept out of `policy` so the hot path reads one word.
    let maxStackDepth: Int
    let maxMemoEntries: Int
    /// `PickleOpcode.byByte`, held here so the loop does not check the global's initialisation per opcode.
    let opcodes = PickleOpcode.byByte
    var memo = PickleMemo()
    /// The PROTO of the pickle being read (0 until one appears): decides compatibility renames.
    var proto = 0
    /// Where the current FRAME ends (0 outside frames). The C unpickler reading from a file buffers
    /// a frame and reads an argument that runs past its end afresh from the file, dropping the
    /// buffered part, while `pickle.loads` reads it whole: an opcode that crosses a frame's end
    /// means different things to different loaders, and the pickler never writes one.
    var frameEnd = 0
    var globals = GlobalTable()
    var ledger: FindingLedger
    /// Keep numbers, tuples, lists, dicts and call results in full (`tracked`), not only their kinds:
    /// off for plain scans, on when a container's layout depends on the values.
    var tracksValues = false
    /// Follow joblib's unpickler: BUILD on a `NumpyArrayWrapper` reads the array's bytes from the
    /// stream right there. Off inside the nested pickle of an object array and in plain-loader forks.
    var readsJoblibArrays = true
    /// The stream imported joblib's array wrapper, so BUILD may read inline array data.
    var sawArrayWrapper = false
    var tracked: [TrackedValue] = []
    /// Container items kept in `tracked`, against its budget.
    var trackedItems = 0
    /// Dict keys applied as array wrapper attributes, against the same budget.
    var appliedKeys = 0
    /// Each dtype's item size and whether it holds objects, by its index in `tracked`, once worked out.
    var dtypeLayouts: [Int: (itemSize: Int, hasObject: Bool)] = [:]
    /// Stack, memo and tracked values copied into plain-loader forks, against a budget of a few times the input.
    var forkWork = 0
    /// Persistent ids past `maxTrackedValues` that were not recorded.
    var droppedPersistentIDs = 0
    /// No opcode may start at or past this offset (a plain-loader fork's budget).
    var readLimit = Int.max
    /// Plain-loader forks run so far (`PickleMachine+Joblib.swift`).
    var forks = 0
    /// With `tracksValues`: what each pickle read so far returned, and every persistent id, by pickle.
    var results: [PickleConstant] = []
    var persistentIDs: [(pickle: Int, offset: Int, id: PickleConstant)] = []

    init(input: UnsafeRawBufferPointer, policy: PicklePolicy, baseOffset: Int) {
        self.input = input
        self.policy = policy
        self.allow = AllowGlobals(policy.allowGlobals)
        self.baseOffset = baseOffset
        self.ledger = FindingLedger(cap: policy.limits.maxFindings)
        self.maxStackDepth = policy.limits.maxStackDepth
        self.maxMemoEntries = policy.limits.maxMemoEntries
        stack.reserveCapacity(256)
    }

    /// Reads one pickle from `start` through its STOP and returns the offset after the STOP.
    /// Each pickle starts with an empty stack and memo, as each `pickle.load` call does.
    mutating func readPickle(from start: Int) throws(PickleStop) -> Int {
        stack.removeAll(keepingCapacity: true)
        fences.removeAll(keepingCapacity: true)
        fence = 0
        // Room for one memo entry per 8 input bytes (real pickles spend more per memoized object),
        // reserved but only paged in as entries arrive.
        memo = PickleMemo(expectedEntries: min((input.count - start) / 8, maxMemoEntries))
        proto = 0
        frameEnd = 0
        tracked.removeAll(keepingCapacity: true)
        trackedItems = 0
        appliedKeys = 0
        dtypeLayouts.removeAll()
        return try run(from: start)
    }

    /// Reads opcodes from `start` on the current stack and memo through a STOP; returns the offset after it.
    mutating func run(from start: Int) throws(PickleStop) -> Int {
        var i = start
        while true {
            guard i < input.count else { throw .malformed(i, "the input ends before the pickle's STOP") }
            guard i < readLimit else {
                throw PickleStop(kind: .limit, offset: i, problem: "a plain unpickler reads joblib array data as opcodes past \(PickleMachine.forkBytes) bytes")
            }
            let at = i
            let byte = input[i]
            i += 1
            guard let op = opcodes[Int(byte)] else {
                throw .malformed(at, "unknown opcode 0x\(hex(byte))")
            }
            let stopped = try execute(op, at: at, cursor: &i)
            if frameEnd > at, i > frameEnd {
                throw .malformed(at, "the opcode runs past the end of its FRAME at byte \(baseOffset + frameEnd)")
            }
            if stopped {
                // The pickler ends its last frame with STOP; a loader reading from a file has
                // buffered the rest of the frame, so the next pickle would start elsewhere for it.
                guard frameEnd <= i else {
                    throw .malformed(at, "STOP leaves \(frameEnd - i) bytes of its FRAME unread")
                }
                return i
            }
        }
    }

    /// Runs one opcode; true when it was STOP.
    private mutating func execute(_ op: PickleOpcode, at: Int, cursor i: inout Int) throws(PickleStop) -> Bool {
        switch op {
        case .stop:
            let result = try pop(at)
            if tracksValues { results.append(constant(result)) }
            return true
        case .mark:
            try checkDepth(at)
            fences.append(stack.count)
            fence = stack.count
        case .pop:
            // POP right after a MARK removes the mark, as both of CPython's unpicklers do.
            if let mark = fences.last, mark == stack.count { _ = try closeMark(at) } else { _ = try pop(at) }
        case .popMark: _ = try popToMark(at)
        case .dup: try push(try top(at), at)
        case .float, .long:
            _ = try line(&i, at)
            try push(.data, at)
        case .int:
            let text = try line(&i, at)
            try push(tracksValues ? decimal(text, at) : .data, at)
        case .binInt:
            let value = Int(Int32(truncatingIfNeeded: try unsigned(4, &i, at)))
            try push(tracksValues ? track(.int(value)) : .data, at)
        case .binInt1: let value = try unsigned(1, &i, at); try push(tracksValues ? track(.int(Int(value))) : .data, at)
        case .binInt2: let value = try unsigned(2, &i, at); try push(tracksValues ? track(.int(Int(value))) : .data, at)
        case .binFloat: _ = try unsigned(8, &i, at); try push(.data, at)
        case .emptySet, .nextBuffer:
            try push(.data, at)
        case .none: try push(tracksValues ? track(.pythonNone) : .data, at)
        case .newTrue, .newFalse: try push(tracksValues ? track(.bool(op == .newTrue)) : .data, at)
        case .emptyList: try push(tracksValues ? track(.list([], complete: true)) : .data, at)
        case .emptyTuple: try push(tracksValues ? track(.tuple([])) : .data, at)
        case .emptyDict: try push(tracksValues ? track(.dict([], complete: true)) : .data, at)
        case .long1:
            let count = try byte(&i, at)
            let start = i
            try skip(count, &i, at)
            try push(tracksValues ? long(start, count) : .data, at)
        case .long4:
            try skip(try signedLength(&i, at), &i, at)
            try push(.data, at)
        case .persID:
            _ = try line(&i, at)
            try push(.unknown, at)
        case .binPersID:
            let id = try pop(at)
            if tracksValues {
                if persistentIDs.count < policy.limits.maxTrackedValues {
                    persistentIDs.append((results.count, baseOffset + at, constant(id)))
                } else {
                    droppedPersistentIDs += 1
                }
            }
            try push(.unknown, at)
        case .string:
            let text = try line(&i, at)
            let quote = text.isEmpty ? 0 : input[text.lowerBound]
            guard text.count >= 2, quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\""),
                  input[text.upperBound - 1] == quote else {
                throw .malformed(at, "the STRING argument must be quoted")
            }
            try pushText(PickleText(start: text.lowerBound + 1, count: text.count - 2, form: .escaped), at)
        case .binString: try pushText(try signedLength(&i, at), .latin1, &i, at)
        case .shortBinString: try pushText(try byte(&i, at), .latin1, &i, at)
        case .unicode:
            let text = try line(&i, at)
            try pushText(PickleText(start: text.lowerBound, count: text.count, form: .rawUnicodeEscape), at)
        case .binUnicode: try pushText(try length(4, &i, at), .utf8, &i, at)
        case .shortBinUnicode: try pushText(try byte(&i, at), .utf8, &i, at)
        case .binUnicode8: try pushText(try length(8, &i, at), .utf8, &i, at)
        case .binBytes: try skip(try length(4, &i, at), &i, at); try push(.data, at)
        case .shortBinBytes: try skip(try byte(&i, at), &i, at); try push(.data, at)
        case .binBytes8, .byteArray8: try skip(try length(8, &i, at), &i, at); try push(.data, at)
        case .readonlyBuffer: _ = try top(at)
        case .append: try extendContainer(below: stack.count - 1, at, "APPEND")
        case .appends: try extendContainer(below: try closeMark(at), at, "APPENDS")
        case .setItem: try setItems(below: stack.count - 2, at, "SETITEM")
        case .setItems: try setItems(below: try closeMark(at), at, "SETITEMS")
        case .addItems:
            let mark = try closeMark(at)
            try extendContainer(below: mark, at, "ADDITEMS")
        case .frozenSet:
            _ = try popToMark(at)
            try push(.data, at)
        case .list, .tuple:
            let mark = try closeMark(at)
            let items = stack[mark...]
            var value = PickleValue.data
            if tracksValues {
                let kept = room(for: items.count)
                if op == .list {
                    value = track(.list(Array(items.prefix(kept)), complete: kept == items.count))
                } else if kept == items.count {
                    value = track(.tuple(Array(items)))
                }
            }
            stack.removeSubrange(mark...)
            try push(value, at)
        case .dict:
            let mark = try closeMark(at)
            guard (stack.count - mark) % 2 == 0 else { throw .malformed(at, "odd number of items for DICT") }
            var value = PickleValue.data
            if tracksValues {
                let kept = room(for: (stack.count - mark) / 2)
                value = track(.dict(pairs(stack[mark...], limit: kept), complete: 2 * kept == stack.count - mark))
            }
            stack.removeSubrange(mark...)
            try push(value, at)
        case .tuple1, .tuple2, .tuple3:
            let count = Int(op.rawValue - PickleOpcode.tuple1.rawValue + 1)
            guard stack.count - fence >= count else { throw .malformed(at, "stack underflow") }
            let value = tracksValues && room(for: count) == count ? track(.tuple(Array(stack.suffix(count)))) : .data
            stack.removeLast(count)
            try push(value, at)
        case .get: try fetch(try memoKey(try line(&i, at), at), at)
        case .binGet: try fetch(try byte(&i, at), at)
        case .longBinGet: try fetch(Int(try unsigned(4, &i, at)), at)
        case .put: try remember(at: try memoKey(try line(&i, at), at), at)
        case .binPut: try remember(at: try byte(&i, at), at)
        case .longBinPut: try remember(at: Int(try unsigned(4, &i, at)), at)
        case .memoize: try remember(at: memo.count, at)
        case .ext1: try extensionCode(try byte(&i, at), at)
        case .ext2: try extensionCode(Int(try unsigned(2, &i, at)), at)
        case .ext4: try extensionCode(Int(Int32(truncatingIfNeeded: try unsigned(4, &i, at))), at)
        case .global:
            let module = try line(&i, at)
            let name = try line(&i, at)
            try push(.global(try importGlobal(module: module, name: name, at, "GLOBAL")), at)
        case .stackGlobal:
            let name = try pop(at)
            let module = try pop(at)
            try push(try importFromStack(module: module, name: name, at), at)
        case .inst:
            let module = try line(&i, at)
            let name = try line(&i, at)
            let index = try importGlobal(module: module, name: name, at, "INST")
            _ = try popToMark(at)
            try push(result(of: .global(index), .data, .call, at, "INST"), at)
        case .obj:
            let mark = try closeMark(at)
            guard stack.count > mark else { throw .malformed(at, "stack underflow: OBJ needs a class after its MARK") }
            let callable = stack[mark]
            stack.removeSubrange(mark...)
            try push(result(of: callable, .data, .call, at, "OBJ"), at)
        case .reduce:
            let arguments = try pop(at)
            try push(result(of: try pop(at), arguments, .call, at, "REDUCE"), at)
        case .newObj:
            let arguments = try pop(at)
            try push(result(of: try pop(at), arguments, .newObj, at, "NEWOBJ"), at)
        case .newObjEx:
            _ = try pop(at)
            let arguments = try pop(at)
            try push(result(of: try pop(at), arguments, .newObj, at, "NEWOBJ_EX"), at)
        case .build:
            let state = try pop(at)
            let target = try top(at)
            build(target, at)
            if tracksValues { apply(state, to: target) }
            if sawArrayWrapper, readsJoblibArrays {
                // Any BUILD may be the wrapper's (through copyreg's reconstructors too); reading
                // its array needs the values, so a scan that did not keep them starts over.
                guard tracksValues else { throw PickleStop(kind: .needsValues, offset: at, problem: "joblib arrays need tracked values") }
                if try isArrayWrapper(target, at) { try readInlineArray(target, at, cursor: &i) }
            }
        case .proto:
            let version = try byte(&i, at)
            guard version <= 5 else { throw .malformed(at, "unsupported pickle protocol \(version)") }
            proto = version
        case .frame:
            guard frameEnd <= at else { throw .malformed(at, "a FRAME begins before the current frame ends at byte \(baseOffset + frameEnd)") }
            let size = try length(8, &i, at)
            frameEnd = i + size
        }
        return false
    }
}
