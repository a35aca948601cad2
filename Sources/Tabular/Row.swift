/// A column of a CSV file, or a dotted path in a JSON Lines file, resolved once before reading.
/// Two words and no name (the reader keeps the names, for messages): a slot is passed for every
/// value of every row, and a String in it would be retained and released each time.
public struct Slot: Sendable, Hashable {
    let index: Int
    let owner: ObjectIdentifier
}

/// What one slot of the current record holds. CSV fields are `text` or `missing`.
enum FieldKind: UInt8 {
    case missing, text, string, number, trueValue, falseValue, array, object
}

/// One slot's value in the current record: bytes inside the reader's buffer.
struct Field {
    var base: UnsafeRawPointer?
    var count: Int
    var kind: FieldKind

    static var missing: Field { Field(base: nil, count: 0, kind: .missing) }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
}

/// What rows need from their reader: the slot table, and names for error messages.
final class RowContext {
    let path: String
    let isJSON: Bool
    @exclusivity(unchecked) private(set) var names: [String] = []
    /// Slot-indexed values of the current record. (`@exclusivity(unchecked)`: see ChunkedInput.)
    @exclusivity(unchecked) private(set) var fields: UnsafeMutablePointer<Field>
    private var capacity = 4
    /// Outgrown slot tables, kept until the end so that a row read before a slot was added
    /// never points at freed memory.
    private var retired: [UnsafeMutablePointer<Field>] = []

    init(path: String, isJSON: Bool) {
        self.path = path
        self.isJSON = isJSON
        fields = .allocate(capacity: capacity)
    }

    deinit {
        fields.deallocate()
        for table in retired { table.deallocate() }
    }

    var slotCount: Int { names.count }

    func addSlot(named name: String) -> Slot {
        if names.count == capacity {
            let grown = UnsafeMutablePointer<Field>.allocate(capacity: capacity * 2)
            grown.initialize(from: fields, count: names.count)
            retired.append(fields)
            fields = grown
            capacity *= 2
        }
        (fields + names.count).initialize(to: .missing)
        names.append(name)
        return Slot(index: names.count - 1, owner: ObjectIdentifier(self))
    }
}

// The accessors return nil for a missing value (an empty CSV field, JSON `null`, an absent
// path), so that the caller decides between skipping the row and failing, and throw a located
// `TabularError` for a value of the wrong type.

/// One record, as seen through the slots; valid only until the reader reads the next record.
public struct Row {
    unowned(unsafe) let context: RowContext
    let fields: UnsafePointer<Field>
    let slotCount: Int
    /// The 1-based data record number (header and blank lines not counted).
    public let number: Int
    /// The 1-based line of the file where the record starts.
    public let line: Int

    init(context: RowContext, number: Int, line: Int) {
        self.context = context
        fields = UnsafePointer(context.fields)
        slotCount = context.slotCount
        self.number = number
        self.line = line
    }

    @inline(__always)
    func field(_ slot: Slot) -> Field {
        precondition(slot.owner == ObjectIdentifier(context) && slot.index < slotCount,
                     "slot of another reader, or resolved after this row was read")
        return fields[slot.index]
    }

    /// Whether the slot's value is missing in this record.
    public func isMissing(_ slot: Slot) -> Bool { field(slot).kind == .missing }

    /// The field's bytes: CSV text unquoted and unescaped, a JSON string unescaped, a JSON number
    /// or literal as written, a JSON array or object as raw JSON; empty when missing. The memory
    /// belongs to the reader and is reused for the next record.
    public func bytes(_ slot: Slot) -> UnsafeRawBufferPointer { field(slot).bytes }

    /// The field as a Double (decimal, exponent, `inf`, `nan`; correctly rounded), nil if missing.
    public func double(_ slot: Slot) throws(TabularError) -> Double? {
        let field = field(slot)
        switch field.kind {
        case .missing: return nil
        case .text, .number:
            if let value = parseDouble(field.bytes) { return value }
        default: break
        }
        throw error(slot, "expected a number, got \(describe(field))")
    }

    /// The field as an Int (an integral number such as `3` or `3.0`), nil if missing.
    public func int(_ slot: Slot) throws(TabularError) -> Int? {
        let field = field(slot)
        switch field.kind {
        case .missing: return nil
        case .text, .number:
            if let value = parseInteger(field.bytes) { return value }
            if let value = parseDouble(field.bytes), value == value.rounded(),
               value >= -0x1p63, value < 0x1p63 {
                return Int(value)
            }
        default: break
        }
        throw error(slot, "expected an integer, got \(describe(field))")
    }

    /// The field as a String (allocates: meant for ids and slice keys, not per-row hot paths).
    public func string(_ slot: Slot) throws(TabularError) -> String? {
        let field = field(slot)
        switch field.kind {
        case .missing: return nil
        case .text, .string, .number:
            if let text = String(validating: field.bytes, as: UTF8.self) { return text }
            throw error(slot, "invalid UTF-8 in \(describe(field))")
        case .trueValue: return "true"
        case .falseValue: return "false"
        case .array, .object:
            throw error(slot, "expected a string, got \(describe(field))")
        }
    }

    /// The dense id of the field's label in `table`, adding the label if new; nil if missing.
    public func label(_ slot: Slot, in table: inout LabelTable) throws(TabularError) -> Int? {
        let field = field(slot)
        let id: Int?
        switch field.kind {
        case .missing: return nil
        case .text: id = table.id(text: field.bytes)
        case .string: id = table.id(string: field.bytes)
        case .number: id = table.id(text: field.bytes)
        case .trueValue: id = table.insert(Label(true))
        case .falseValue: id = table.insert(Label(false))
        case .array, .object:
            throw error(slot, "expected a label (a string, number or boolean), got \(describe(field))")
        }
        guard let id else { throw error(slot, "invalid UTF-8 in label \(describe(field))") }
        return id
    }

    /// Reads a JSON array of numbers (a JSON Lines array, or CSV text such as `[0.1, 0.9]`)
    /// into `values`, replacing its contents. Returns false, leaving `values` empty, if missing.
    public func doubles(_ slot: Slot, into values: inout [Double]) throws(TabularError) -> Bool {
        let field = field(slot)
        values.removeAll(keepingCapacity: true)
        switch field.kind {
        case .missing: return false
        case .text, .array:
            if let problem = parseNumberArray(field.bytes, into: &values) {
                values.removeAll(keepingCapacity: true)
                throw error(slot, problem)
            }
            return true
        default:
            throw error(slot, "expected an array of numbers, got \(describe(field))")
        }
    }

    /// An error located at this record and slot, for problems the caller finds in a value
    /// (say, a label that is not one of the configured classes).
    public func error(_ slot: Slot, _ message: String) -> TabularError {
        var error = TabularError(.value, path: context.path, row: number, line: line,
                                 field: context.names[slot.index], message: message)
        error.isJSON = context.isJSON
        return error
    }

    /// The error for a value that is required but missing here (when the gate does not skip).
    public func missingValueError(_ slot: Slot) -> TabularError {
        error(slot, context.isJSON ? "missing value (null or absent)" : "missing value (empty field)")
    }

    /// An error located at this record.
    public func error(_ message: String) -> TabularError {
        var error = TabularError(.value, path: context.path, row: number, line: line, message: message)
        error.isJSON = context.isJSON
        return error
    }

    /// How a value appears in a message: its type, and a masked excerpt of text.
    private func describe(_ field: Field) -> String {
        switch field.kind {
        case .missing: return "nothing"
        case .text: return maskedExcerpt(field.bytes)
        case .string: return "a string \(maskedExcerpt(field.bytes))"
        case .number: return "the number \(maskedExcerpt(field.bytes))"
        case .trueValue: return "true"
        case .falseValue: return "false"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
