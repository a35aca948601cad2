/// What the simulation knows about one value on the unpickler's stack or in its memo: only what
/// decides which callables run. Numbers, containers and payloads are all `.data`.
///
/// Packed in two words, so pushing one is two stores: the stack and memo of a large pickle see
/// millions of them.
struct PickleValue: Sendable, Equatable {
    enum Kind: UInt64 {
        /// A string operand, still in the input.
        case text
        /// An imported global: an index into the scan's table of globals.
        case global
        /// The result of calling (or instantiating) the global with this index.
        case instance
        /// What a persistent id, an extension code or a call of a non-global produced: not knowable.
        case unknown
        /// Any other value: numbers, bytes, None, containers, buffers.
        case data
        /// No value: an empty memo slot (never on the stack).
        case absent
        /// A value kept in full while the scan tracks values (`TrackedValue`): an index into the machine's table.
        case tracked
    }

    /// Bits 0–2: the kind; for text, bits 3–4 its form and bits 8–39 its length.
    private let word: UInt64
    /// Where a text starts, or the index of a global.
    private let position: Int

    private init(_ kind: Kind, word: UInt64 = 0, position: Int = 0) {
        self.word = kind.rawValue | word
        self.position = position
    }

    static func text(_ text: PickleText) -> PickleValue {
        PickleValue(.text, word: UInt64(text.form.rawValue) << 3 | UInt64(text.count) << 8, position: text.start)
    }
    static func global(_ index: Int) -> PickleValue { PickleValue(.global, position: index) }
    static func instance(of index: Int) -> PickleValue { PickleValue(.instance, position: index) }
    static let unknown = PickleValue(.unknown)
    static let data = PickleValue(.data)
    static let absent = PickleValue(.absent)
    static func tracked(_ index: Int) -> PickleValue { PickleValue(.tracked, position: index) }

    var kind: Kind { Kind(rawValue: word & 7) ?? .data }
    var isAbsent: Bool { word & 7 == Kind.absent.rawValue }
    /// The global's index, for `.global` and `.instance`; the table index, for `.tracked`.
    var index: Int { position }
    /// The text, for `.text`.
    var text: PickleText {
        PickleText(start: position, count: Int(word >> 8 & 0xFFFF_FFFF),
                   form: PickleText.Form(rawValue: UInt8(word >> 3 & 3)) ?? .utf8)
    }
}
