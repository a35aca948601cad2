// argv and envp as C wants them.

import Foundation

/// A NULL-terminated array of C strings, as `argv` and `envp` need; `free()` releases it.
struct CStrings {
    let pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    func free() {
        for pointer in pointers { Foundation.free(pointer) }
    }
}
