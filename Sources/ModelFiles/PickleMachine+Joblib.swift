/// joblib's inline arrays (`joblib/numpy_pickle.py`): joblib's unpickler, on BUILD of a
/// `NumpyArrayWrapper`, reads the array from the stream right after that opcode, then goes on
/// with the pickle. Numeric dtypes: with the `numpy_array_alignment_bytes` attribute (joblib ≥ 1.2)
/// one byte giving a padding length and that much padding, then `size × itemsize` raw bytes.
/// Object dtypes: a whole nested pickle, read by a fresh unpickler with the same `find_class`.
/// Shape and dtype come from the simulated state; anything that cannot be followed stops the scan
/// with a finding, since from there on the scanner and joblib would read different bytes.
///
/// A plain loader (`pickle.load`) reads the same bytes as opcodes instead, so where the array's
/// first byte is an opcode a copy of the machine reads on from there as a plain unpickler would.
extension PickleMachine {
    static let arrayWrapper = PickleGlobalName(module: "joblib.numpy_pickle", name: "NumpyArrayWrapper")
    static let numpyDtype = PickleGlobalName(module: "numpy", name: "dtype")
    /// copyreg's helpers that create an instance of the class given as their first argument.
    static let reconstructors: Set<String> = ["copyreg._reconstructor", "copyreg.__newobj__", "copyreg.__newobj_ex__"]
    /// How far a plain-loader fork may read, and how many forks one scan runs.
    static let forkBytes = 4_096
    static let maxForks = 1_024

    /// Whether BUILD's target is an array wrapper; throws where that cannot be told.
    mutating func isArrayWrapper(_ target: PickleValue, _ at: Int) throws(PickleStop) -> Bool {
        switch target.kind {
        case .tracked:
            guard let object = object(target) else { return false }
            guard let name = className(of: object) else {
                throw .malformed(at, "joblib stream: BUILD on an object whose class cannot be told (made by a copyreg reconstructor from a computed class), so whether joblib reads an array here is unknown")
            }
            return name == Self.arrayWrapper
        case .instance:
            let name = globals[target.index].name
            guard name == Self.arrayWrapper || Self.reconstructors.contains(name.description) else { return false }
            throw PickleStop(kind: .limit, offset: at, problem: "joblib stream: BUILD on an object the scan did not keep (more than max_tracked_values values), so its array cannot be followed")
        case .unknown:
            throw .malformed(at, "joblib stream: BUILD on \(describe(target)), which may be an array wrapper whose data joblib reads here")
        case .text, .global, .data, .absent:
            return false
        }
    }

    /// The class an object is an instance of, as far as the pickle says.
    func className(of object: TrackedObject) -> PickleGlobalName? {
        let callable = globals[object.callable].name
        guard Self.reconstructors.contains(callable.description) else { return callable }
        guard case let .tuple(items)? = trackedValue(object.arguments), let first = items.first, first.kind == .global else { return nil }
        return globals[first.index].name
    }

    /// Reads the array joblib reads at this BUILD and moves the cursor past it.
    mutating func readInlineArray(_ target: PickleValue, _ at: Int, cursor i: inout Int) throws(PickleStop) {
        func refuse(_ problem: String) -> PickleStop { .malformed(at, "joblib array: " + problem) }
        guard let wrapper = object(target) else { throw refuse("the wrapper was not kept") }
        if wrapper.making == .call && !Self.reconstructors.contains(globals[wrapper.callable].name.description) {
            throw refuse("the NumpyArrayWrapper is made by calling it (its __init__ sets the attributes), which joblib never writes")
        }
        guard let attributes = wrapper.attributes else { throw refuse("the wrapper's state is not a dict of named attributes that can be followed") }
        guard frameEnd <= i else { throw refuse("the BUILD lies inside a FRAME, so joblib reads the array from after the frame") }
        guard let shape = attributes["shape"] else { throw refuse("the wrapper has no shape") }
        guard let dtype = attributes["dtype"] else { throw refuse("the wrapper has no dtype") }
        let count = try elementCount(shape, refuse)
        let (itemSize, hasObject) = try dtypeLayout(dtype, refuse)
        if hasObject {
            try readNestedPickle(cursor: &i)
        } else {
            var cursor = i
            if let alignment = attributes["numpy_array_alignment_bytes"], try !isPythonNone(alignment, refuse) {
                guard cursor < input.count else { throw refuse("the input ends before the padding length byte") }
                cursor += 1 + Int(input[cursor])
                guard cursor <= input.count else { throw refuse("the padding runs past the end of the input") }
            }
            let (bytes, overflow) = count.multipliedReportingOverflow(by: itemSize)
            guard !overflow, bytes <= input.count - cursor else {
                throw refuse("\(count) elements of \(itemSize) bytes declared, but only \(input.count - cursor) bytes remain")
            }
            if cursor + bytes > i, opcodes[Int(input[i])] != nil { try forkPlainLoader(from: i, at) }
            i = cursor + bytes
        }
        // joblib's load_build replaces the wrapper with the array it read.
        stack[stack.count - 1] = .data
        frameEnd = 0
    }

    /// Whether a value is None (true), anything else (false); throws when it was not kept.
    private func isPythonNone(_ value: PickleValue, _ refuse: (String) -> PickleStop) throws(PickleStop) -> Bool {
        switch value.kind {
        case .tracked:
            if case .pythonNone = tracked[value.index] { return true }
            return false
        case .text, .global, .instance: return false
        case .data, .unknown, .absent: throw refuse("whether numpy_array_alignment_bytes is None cannot be told")
        }
    }

    /// `numpy.multiply.reduce` of the shape's elements as int64, refusing what joblib's read would refuse or wrap.
    private func elementCount(_ shape: PickleValue, _ refuse: (String) -> PickleStop) throws(PickleStop) -> Int {
        let items: [PickleValue]
        switch trackedValue(shape) {
        case let .tuple(values)?: items = values
        case let .list(values, true)?: items = values
        default: throw refuse("the shape is not a tuple of integers the scan kept")
        }
        guard items.count <= 64 else { throw refuse("the shape has \(items.count) dimensions, more than numpy allows") }
        var count = 1
        for item in items {
            guard case let .int(dimension)? = trackedValue(item) else { throw refuse("a shape element is not an integer") }
            guard dimension >= 0 else { throw refuse("a negative shape element \(dimension)") }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw refuse("the shape's element count overflows 64 bits") }
            count = product
        }
        return count
    }

    /// An object array: a nested pickle, fresh stack and memo, the same policy, ledger and globals.
    private mutating func readNestedPickle(cursor i: inout Int) throws(PickleStop) {
        var nested = PickleMachine(input: input, policy: policy, baseOffset: baseOffset)
        nested.readsJoblibArrays = false
        nested.ledger = ledger
        nested.globals = globals
        let start = i
        defer {
            ledger = nested.ledger
            globals = nested.globals
        }
        do {
            i = try nested.readPickle(from: start)
        } catch {
            throw PickleStop(kind: error.kind, offset: error.offset,
                             problem: "the nested pickle of a joblib object array (from byte \(baseOffset + start)): \(error.problem)")
        }
    }

    /// A plain unpickler reads the array bytes as opcodes, on the current stack and memo; a copy of
    /// the machine does so too, within `forkBytes`, and its imports and calls are judged. It stops
    /// silently where the loader would raise.
    private mutating func forkPlainLoader(from start: Int, _ at: Int) throws(PickleStop) {
        forks += 1
        guard forks <= Self.maxForks else {
            if forks == Self.maxForks + 1 {
                report(.limitExceeded, .high, at, message: "more than \(Self.maxForks) joblib arrays start with bytes a plain unpickler reads as opcodes; the rest were not read that way")
            }
            return
        }
        // Copying the machine costs its stack, memo and tracked values once they change; the copies
        // of all forks together stay within a few times the input.
        forkWork += stack.count + memo.count + tracked.count + Self.forkBytes
        guard forkWork <= max(4 * input.count, 1 << 22) else {
            report(.limitExceeded, .high, at, message: "joblib arrays whose data a plain unpickler reads as opcodes cost more than the scan's budget to follow; the rest were not read that way")
            return
        }
        var fork = self
        fork.readsJoblibArrays = false
        fork.readLimit = start + Self.forkBytes
        do {
            _ = try fork.run(from: start)
        } catch where error.kind == .limit {
            fork.report(.limitExceeded, .high, error.offset, message: "joblib array data from byte \(baseOffset + start): \(error.problem)")
        } catch {}
        ledger = fork.ledger
        globals = fork.globals
    }
}
