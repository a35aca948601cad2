/// The denylist: callables with a known way to harm the loading machine, each with a category
/// that sets the severity (see `DangerCategory`). It ranks findings and is never what lets a global
/// pass: under `policy: allowlist` an unlisted global is a finding too.
///
/// A module entry covers its submodules (`os` covers `os.path`); a name ending in `*` is a prefix.
/// The first matching entry wins, so specific names come before their module's catch-all. Entries
/// name the published bypasses of picklescan, ModelScan and fickling (advisory ids in comments).
enum DangerousGlobals {
    struct Entry {
        var module: String
        /// Empty: every name in the module.
        var names: [String]
        var category: DangerCategory
    }

    static func category(of global: PickleGlobalName) -> DangerCategory? {
        // Only the first component of a dotted name is looked up: `getattr` as a name reaches
        // `builtins.getattr`; deeper components are attribute chains judged as unlisted names.
        let head = global.name.split(separator: ".", maxSplits: 1).first.map(String.init) ?? global.name
        for entry in entries where global.isInModule(entry.module) {
            if entry.names.isEmpty || entry.names.contains(where: { matches($0, head) }) { return entry.category }
        }
        return nil
    }

    private static func matches(_ pattern: String, _ name: String) -> Bool {
        pattern.hasSuffix("*") ? name.hasPrefix(pattern.dropLast()) : pattern == name
    }

    private static func all(_ modules: [String], _ category: DangerCategory) -> [Entry] {
        modules.map { Entry(module: $0, names: [], category: category) }
    }

    static let entries: [Entry] = [
        Entry(module: "builtins", names: ["eval", "exec", "execfile", "compile", "__import__", "breakpoint", "input",
                                          "apply", "exit", "quit", "help"], category: .codeExecution),
        Entry(module: "builtins", names: ["getattr", "setattr", "delattr", "vars", "globals", "locals", "dir",
                                          "type", "super", "memoryview", "classmethod", "staticmethod", "property"],
              category: .introspection),
        Entry(module: "builtins", names: ["open", "file"], category: .fileAccess),
        // The process functions of os and its platform modules; the rest of os touches files.
        Entry(module: "os", names: ["system", "popen", "exec*", "spawn*", "posix_spawn*", "fork*", "startfile",
                                    "kill*", "putenv", "setuid", "setgid"], category: .codeExecution),
        Entry(module: "posix", names: ["system", "popen", "exec*", "spawn*", "posix_spawn*", "fork*", "kill*"],
              category: .codeExecution),
        Entry(module: "nt", names: ["system", "popen", "exec*", "spawn*", "startfile", "kill*"], category: .codeExecution),
        Entry(module: "torch.utils.collect_env", names: [], category: .codeExecution),        // ModelScan #338
        Entry(module: "numpy.testing._private.utils", names: ["runstring"], category: .codeExecution),
        Entry(module: "numpy", names: ["load", "loads", "fromfile", "memmap"], category: .nestedDeserialisation),
        Entry(module: "numpy.lib.npyio", names: [], category: .nestedDeserialisation),
        Entry(module: "numpy.f2py", names: [], category: .codeExecution),                      // fickling #210
        Entry(module: "torch", names: ["load"], category: .nestedDeserialisation),
        Entry(module: "torch.serialization", names: [], category: .nestedDeserialisation),
        Entry(module: "torch.hub", names: [], category: .network),
        Entry(module: "pandas", names: ["read_pickle"], category: .nestedDeserialisation),
        Entry(module: "pandas.io", names: [], category: .network),                             // ModelScan #338
        Entry(module: "operator", names: ["attrgetter", "methodcaller", "itemgetter"], category: .introspection),
        Entry(module: "_operator", names: ["attrgetter", "methodcaller", "itemgetter"], category: .introspection),
        Entry(module: "functools", names: ["partial", "partialmethod", "reduce", "singledispatch", "wraps"],
              category: .codeExecution),
        Entry(module: "copyreg", names: [], category: .importMachinery),                       // add_extension
        Entry(module: "pkgutil", names: [], category: .importMachinery),                       // GHSA-vvpj-8cmc-gx39
        Entry(module: "joblib", names: ["load", "_unpickle", "load_compatibility", "_read_fileobject"],
              category: .nestedDeserialisation),
        Entry(module: "yaml", names: [], category: .nestedDeserialisation),
        Entry(module: "os", names: [], category: .fileAccess),
    ]
    + all(["subprocess", "_posixsubprocess", "pty", "runpy", "code", "codeop", "commands", "timeit", "profile",
           "cProfile", "pdb", "bdb", "trace", "doctest", "idlelib", "lib2to3", "ensurepip", "pip", "venv",
           "multiprocessing", "asyncio", "ctypes", "_ctypes", "cffi", "_interpreters", "_xxsubinterpreters",
           "concurrent", "threading", "_thread", "signal", "pydoc", "distutils", "setuptools", "mlflow.projects",
           "torch._dynamo", "torch._inductor", "torch.jit", "torch.fx", "torch.utils.bottleneck", "types",
           "inspect", "gc", "platform", "sysconfig", "unittest", "test", "atexit", "sched", "xmlrpc"],
          .codeExecution)
    + all(["importlib", "imp", "zipimport", "sys", "site", "_imp", "_frozen_importlib", "_frozen_importlib_external"],
          .importMachinery)
    + all(["pickle", "_pickle", "cPickle", "pickletools", "marshal", "shelve", "dill", "cloudpickle",
           "jsonpickle", "dbm", "torch.package", "keras.saving", "tensorflow"], .nestedDeserialisation)
    + all(["socket", "_socket", "ssl", "_ssl", "urllib", "urllib2", "requests", "http", "httplib", "httpx",
           "aiohttp", "ftplib", "smtplib", "telnetlib", "poplib", "imaplib", "nntplib", "socketserver",
           "webbrowser", "select", "selectors", "mailbox"], .network)
    + all(["shutil", "pathlib", "io", "_io", "tempfile", "glob", "fileinput", "linecache", "zipfile", "tarfile",
           "gzip", "bz2", "lzma", "sqlite3", "filecmp", "posixpath", "ntpath", "genericpath", "mmap", "fcntl",
           "logging", "csv", "tkinter", "webdataset", "fsspec"], .fileAccess)
}
