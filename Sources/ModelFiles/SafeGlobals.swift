/// The allowlist: globals a pickle may import and call under `policy: allowlist`.
///
/// Two kinds of entry. **Exact names**, each of which only builds data from the pickle's own
/// arguments (arrays, dtypes, containers, tensors) and reaches nothing else. **Class families**:
/// classes (names shaped like `Name` or `_Name`, one component, no dunder) in the modules of a
/// library whose classes only store their parameters on construction and their state in
/// `__setstate__`. A family never admits functions (lower-case names), dotted names (attribute
/// chains from a module to whatever it imported) or the modules listed as excluded, which hold
/// test helpers, dataset downloaders or re-exports of `pathlib.Path`, `threading.Thread` and
/// `multiprocessing.connection.Client` (checked against scikit-learn 1.9.1). Pickles name a class by
/// the module that defines it, so excluding re-exports costs no real model.
enum SafeGlobals {
    static func contains(_ global: PickleGlobalName) -> Bool {
        if exact.contains(global.description) { return true }
        guard isClassShaped(global.name) else { return false }
        return families.contains { family in
            global.isInModule(family.module)
                && !family.excludedModules.contains { global.isInModule($0) }
                && !family.excludedNames.contains(global.name)
                && (family.classes.isEmpty || family.classes.contains(global.name))
        }
    }

    /// `Name` or `_Name`: one identifier that starts (after at most one underscore) with a capital.
    static func isClassShaped(_ name: String) -> Bool {
        var bytes = name.utf8[...]
        if bytes.first == UInt8(ascii: "_") { bytes = bytes.dropFirst() }
        guard let first = bytes.first, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) else { return false }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
    }

    struct Family {
        var module: String
        /// When not empty, only these classes of the module pass.
        var classes: Set<String> = []
        var excludedModules: [String] = []
        var excludedNames: Set<String> = []
    }

    static let families: [Family] = [
        // scikit-learn estimators, transformers, trees, losses and links. Excluded: test helpers that
        // run subprocesses, dataset fetchers (network), vendored code, the callback transport (sockets),
        // HTML display helpers and module discovery (re-exports of pathlib.Path).
        Family(module: "sklearn",
               excludedModules: ["sklearn.callback", "sklearn.conftest", "sklearn.datasets", "sklearn.externals",
                                 "sklearn.experimental", "sklearn.utils._testing", "sklearn.utils.estimator_checks",
                                 "sklearn.utils._test_common", "sklearn.utils.discovery", "sklearn.utils._repr_html",
                                 "sklearn.utils._show_versions", "sklearn.utils.parallel"],
               // Names that scikit-learn modules import from elsewhere: some reach files, sockets or
               // threads, some build classes (ABCMeta, NamedTuple) or bind methods (MethodType).
               excludedNames: ["Path", "Client", "Listener", "Connection", "Thread", "Queue", "StringIO",
                               "ThreadpoolController", "Parallel", "TempMemmap", "MethodType", "ABCMeta", "ABC",
                               "NamedTuple", "Protocol", "Callable", "Parameter", "DoctestItem", "SkipTest"]),
        // XGBoost and LightGBM: only the scikit-learn wrappers and the Booster, whose __setstate__
        // hands a serialised model (not Python code) to the native library. Their other classes
        // read data from paths or URIs (DMatrix, Dataset), so the families are closed lists.
        Family(module: "xgboost.sklearn",
               classes: ["XGBModel", "XGBClassifier", "XGBRegressor", "XGBRanker", "XGBRFClassifier", "XGBRFRegressor"]),
        Family(module: "xgboost.core", classes: ["Booster"]),
        Family(module: "lightgbm.sklearn", classes: ["LGBMModel", "LGBMClassifier", "LGBMRegressor", "LGBMRanker"]),
        Family(module: "lightgbm.basic", classes: ["Booster"]),
    ]

    static let exact: Set<String> = {
        var names: Set<String> = [
            // Python's own reconstruction helpers: they create an instance of a class named
            // elsewhere in the pickle (and judged there), with the pickle's arguments.
            "copyreg._reconstructor", "copyreg.__newobj__", "copyreg.__newobj_ex__",
            // Protocols 0–2 pickle bytes as _codecs.encode(text, "latin1").
            "_codecs.encode",
            "collections.OrderedDict", "collections.defaultdict", "collections.deque", "collections.Counter",
            "datetime.datetime", "datetime.date", "datetime.time", "datetime.timedelta", "datetime.timezone",
            // joblib's stand-in for an array: it only stores attributes; the array data joblib reads
            // at its BUILD is followed by the scan (PickleMachine+Joblib.swift).
            "joblib.numpy_pickle.NumpyArrayWrapper",
        ]
        // Built-in types whose constructors build a value from their arguments and nothing else.
        for name in ["object", "set", "frozenset", "bytearray", "bytes", "slice", "complex", "range", "list",
                     "dict", "tuple", "int", "float", "bool", "str"] {
            names.insert("builtins." + name)
        }
        // NumPy array, scalar and dtype rebuilding, under both the 1.x (numpy.core) and 2.x
        // (numpy._core) module names, and the random generators' state.
        for core in ["numpy.core", "numpy._core"] {
            names.formUnion([core + ".multiarray._reconstruct", core + ".multiarray.scalar",
                             core + ".numeric._frombuffer"])
        }
        names.formUnion([
            "numpy.ndarray", "numpy.dtype", "numpy.ma.core._mareconstruct", "numpy.ma.core.MaskedArray",
            "numpy.random._pickle.__randomstate_ctor", "numpy.random._pickle.__generator_ctor",
            "numpy.random._pickle.__bit_generator_ctor", "numpy.random.__RandomState_ctor",
            "numpy.random.mtrand.RandomState", "numpy.random._generator.Generator",
            "numpy.random._mt19937.MT19937", "numpy.random._pcg64.PCG64", "numpy.random._pcg64.PCG64DXSM",
            "numpy.random._philox.Philox", "numpy.random._sfc64.SFC64",
            "numpy.random.bit_generator.SeedSequence", "numpy.random.bit_generator.__pyx_unpickle_SeedSequence",
        ])
        // NumPy scalar types, as estimators keep them in a `dtype` parameter (OneHotEncoder): calling
        // one converts a number.
        for scalar in ["bool_", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "intc",
                       "uintc", "intp", "uintp", "longlong", "ulonglong", "float16", "float32", "float64", "half",
                       "single", "double", "longdouble", "complex64", "complex128", "clongdouble", "str_", "bytes_",
                       "datetime64", "timedelta64"] {
            names.insert("numpy." + scalar)
        }
        // PyTorch: tensors and parameters rebuilt from storages, storage types, dtypes, devices.
        for name in ["_rebuild_tensor", "_rebuild_tensor_v2", "_rebuild_tensor_v3", "_rebuild_parameter",
                     "_rebuild_parameter_with_state", "_rebuild_qtensor", "_rebuild_sparse_tensor",
                     "_rebuild_meta_tensor_no_storage", "_rebuild_device_tensor_from_numpy"] {
            names.insert("torch._utils." + name)
        }
        for storage in ["Float", "Double", "Half", "BFloat16", "Long", "Int", "Short", "Char", "Byte", "Bool",
                        "ComplexFloat", "ComplexDouble", "QInt8", "QUInt8", "QInt32", "QUInt4x2", "QUInt2x4"] {
            names.insert("torch." + storage + "Storage")
        }
        names.formUnion(["torch.storage.UntypedStorage", "torch.storage.TypedStorage", "torch.UntypedStorage",
                         "torch.device", "torch.Size"])
        for dtype in ["float16", "float32", "float64", "bfloat16", "complex64", "complex128", "int8", "int16",
                      "int32", "int64", "uint8", "bool", "qint8", "quint8", "qint32"] {
            names.insert("torch." + dtype)
        }
        return names
    }()
}
