/// Python 2 module and global names that CPython's unpickler renames for pickles of protocol 0–2,
/// as listed in `_compat_pickle` (IMPORT_MAPPING and NAME_MAPPING). Judging the renamed name is what
/// makes `__builtin__.eval` and `commands.getoutput` as dangerous as `builtins.eval` and
/// `subprocess.getoutput`.
enum CompatNames {
    static func resolve(_ global: PickleGlobalName) -> PickleGlobalName {
        if let renamed = names[global.module + "\u{0}" + global.name] {
            return PickleGlobalName(module: renamed.0, name: renamed.1)
        }
        if let module = modules[global.module] {
            return PickleGlobalName(module: module, name: global.name)
        }
        return global
    }

    private static let modules: [String: String] = [
        "BaseHTTPServer": "http.server", "CGIHTTPServer": "http.server", "ConfigParser": "configparser",
        "Cookie": "http.cookies", "Dialog": "tkinter.dialog", "DocXMLRPCServer": "xmlrpc.server",
        "FileDialog": "tkinter.filedialog", "HTMLParser": "html.parser", "Queue": "queue",
        "ScrolledText": "tkinter.scrolledtext", "SimpleDialog": "tkinter.simpledialog",
        "SimpleHTTPServer": "http.server", "SimpleXMLRPCServer": "xmlrpc.server", "SocketServer": "socketserver",
        "StringIO": "io", "Tix": "tkinter.tix", "Tkconstants": "tkinter.constants", "Tkdnd": "tkinter.dnd",
        "Tkinter": "tkinter", "UserDict": "collections", "UserList": "collections", "UserString": "collections",
        "__builtin__": "builtins", "_abcoll": "collections.abc", "_elementtree": "xml.etree.ElementTree",
        "_winreg": "winreg", "anydbm": "dbm", "cPickle": "pickle", "cStringIO": "io", "commands": "subprocess",
        "cookielib": "http.cookiejar", "copy_reg": "copyreg", "dbhash": "dbm.bsd", "dbm": "dbm.ndbm",
        "dumbdbm": "dbm.dumb", "dummy_thread": "_dummy_thread", "gdbm": "dbm.gnu",
        "htmlentitydefs": "html.entities", "httplib": "http.client", "markupbase": "_markupbase",
        "repr": "reprlib", "robotparser": "urllib.robotparser", "test.test_support": "test.support",
        "thread": "_thread", "tkColorChooser": "tkinter.colorchooser", "tkCommonDialog": "tkinter.commondialog",
        "tkFileDialog": "tkinter.filedialog", "tkFont": "tkinter.font", "tkMessageBox": "tkinter.messagebox",
        "tkSimpleDialog": "tkinter.simpledialog", "ttk": "tkinter.ttk", "urllib2": "urllib.request",
        "urlparse": "urllib.parse", "whichdb": "dbm", "xmlrpclib": "xmlrpc.client",
    ]

    /// Keyed by "module\0name".
    private static let names: [String: (String, String)] = {
        var table: [String: (String, String)] = [
            "UserDict\u{0}IterableUserDict": ("collections", "UserDict"),
            "UserDict\u{0}UserDict": ("collections", "UserDict"),
            "UserList\u{0}UserList": ("collections", "UserList"),
            "UserString\u{0}UserString": ("collections", "UserString"),
            "__builtin__\u{0}basestring": ("builtins", "str"),
            "__builtin__\u{0}intern": ("sys", "intern"),
            "__builtin__\u{0}long": ("builtins", "int"),
            "__builtin__\u{0}reduce": ("functools", "reduce"),
            "__builtin__\u{0}unichr": ("builtins", "chr"),
            "__builtin__\u{0}unicode": ("builtins", "str"),
            "__builtin__\u{0}xrange": ("builtins", "range"),
            "_multiprocessing\u{0}Connection": ("multiprocessing.connection", "Connection"),
            "_socket\u{0}fromfd": ("socket", "fromfd"),
            "exceptions\u{0}StandardError": ("builtins", "Exception"),
            "itertools\u{0}ifilter": ("builtins", "filter"),
            "itertools\u{0}ifilterfalse": ("itertools", "filterfalse"),
            "itertools\u{0}imap": ("builtins", "map"),
            "itertools\u{0}izip": ("builtins", "zip"),
            "itertools\u{0}izip_longest": ("itertools", "zip_longest"),
            "multiprocessing.forking\u{0}Popen": ("multiprocessing.popen_fork", "Popen"),
            "multiprocessing.process\u{0}Process": ("multiprocessing.context", "Process"),
            "socket\u{0}_socketobject": ("socket", "SocketType"),
            "urllib2\u{0}HTTPError": ("urllib.error", "HTTPError"),
            "urllib2\u{0}URLError": ("urllib.error", "URLError"),
            "whichdb\u{0}whichdb": ("dbm", "whichdb"),
        ]
        for name in ["AuthenticationError", "BufferTooShort", "ProcessError", "TimeoutError"] {
            table["multiprocessing\u{0}" + name] = ("multiprocessing.context", name)
        }
        for name in ["ContentTooShortError", "getproxies", "pathname2url", "url2pathname", "urlcleanup",
                     "urlopen", "urlretrieve"] {
            table["urllib\u{0}" + name] = ("urllib.request", name)
        }
        table["urllib\u{0}ContentTooShortError"] = ("urllib.error", "ContentTooShortError")
        for name in ["quote", "quote_plus", "unquote", "unquote_plus", "urlencode"] {
            table["urllib\u{0}" + name] = ("urllib.parse", name)
        }
        // Python 2's exceptions module: every built-in exception kept its name in builtins.
        for name in ["ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BufferError",
                     "BytesWarning", "DeprecationWarning", "EOFError", "EnvironmentError", "Exception",
                     "FloatingPointError", "FutureWarning", "GeneratorExit", "IOError", "ImportError",
                     "ImportWarning", "IndentationError", "IndexError", "KeyError", "KeyboardInterrupt",
                     "LookupError", "MemoryError", "NameError", "NotImplementedError", "OSError", "OverflowError",
                     "PendingDeprecationWarning", "ReferenceError", "RuntimeError", "RuntimeWarning",
                     "StopIteration", "SyntaxError", "SyntaxWarning", "SystemError", "SystemExit", "TabError",
                     "TypeError", "UnboundLocalError", "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError",
                     "UnicodeTranslateError", "UnicodeWarning", "UserWarning", "ValueError", "Warning",
                     "ZeroDivisionError"] {
            table["exceptions\u{0}" + name] = ("builtins", name)
        }
        return table
    }()
}
