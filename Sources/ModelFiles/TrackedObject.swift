/// What a call or NEWOBJ produced, while values are tracked: which global made it, how, with what
/// arguments, and what BUILD did to it since.
struct TrackedObject {
    enum Making {
        /// NEWOBJ or NEWOBJ_EX: only `cls.__new__` runs, so the instance starts with no attributes.
        case newObj
        /// REDUCE, OBJ or INST: the callable runs with the arguments (a class's `__init__` too).
        case call
    }

    /// Index of the global that was called.
    var callable: Int
    var making: Making
    var arguments: PickleValue
    /// BUILD opcodes applied to it.
    var builds = 0
    /// The last BUILD's state (what `__setstate__` got).
    var lastState = PickleValue.absent
    /// Instance attributes as BUILD's default `__dict__` update leaves them (string keys, the last
    /// write wins); nil once a BUILD set attributes that cannot be followed (a key of unknown
    /// type, a state of unknown shape, slot state).
    var attributes: [String: PickleValue]? = [:]
}
