"""ONNX models for the corpus (imported by make-corpus.py): benign ones made by skl2onnx and onnx's
own helpers, each loaded and run by onnxruntime here (the trick text says so), and malicious ones
whose tensors read files outside the model's folder or whose nodes need a custom-operator library,
also where they hide (Loop and If bodies, model-local functions, training graphs, Constant
attributes, sparse initializers). Models with external data sit in a folder of their own.
A symbolic link that escapes the folder is made by the Swift test, as git keeps links poorly."""
import os

import numpy as np
import onnx
import onnxruntime
from onnx import TensorProto, helper, numpy_helper

OPSETS = [helper.make_opsetid("", 17)]
RUNTIME = f"onnxruntime {onnxruntime.__version__}"


def value(name, elem=TensorProto.FLOAT, shape=(2,)):
    return helper.make_tensor_value_info(name, elem, list(shape))


def model(nodes, initializers=(), functions=(), opsets=OPSETS, inputs=None, sparse=()):
    graph = helper.make_graph(nodes, "main", inputs or [value("x")], [value("y")], list(initializers),
                              sparse_initializer=list(sparse))
    made = helper.make_model(graph, producer_name="modelgate-corpus", opset_imports=opsets, functions=list(functions))
    made.ir_version = 8
    return made


def external(tensor, location, offset=None, length=None):
    """Moves a tensor's bytes out of the model, naming `location` (the bytes themselves are not written)."""
    tensor.ClearField("raw_data")
    tensor.ClearField("float_data")
    tensor.data_location = TensorProto.EXTERNAL
    for key, text in (("location", location), ("offset", offset), ("length", length)):
        if text is not None:
            entry = tensor.external_data.add()
            entry.key, entry.value = key, str(text)
    return tensor


def add(write, out, entries):
    """entries: the corpus index, whose last entry gains what onnxruntime did with a benign model."""
    def c(name, proto_or_bytes, malicious, rules=(), trick="", feeds=None, **kw):
        data = proto_or_bytes if isinstance(proto_or_bytes, bytes) else proto_or_bytes.SerializeToString()
        path = os.path.join(out, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write(name, data, malicious, [], rules, trick, container=True, **kw)
        if feeds is not None:
            onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"]).run(None, feeds)
            entries[-1]["onnxruntime"] = f"{RUNTIME} loads and runs it"
        return path

    x = {"x": np.array([1.0, -2.0], dtype=np.float32)}
    weights = np.array([0.5, 1.5], dtype=np.float32)

    # Benign: scikit-learn through skl2onnx (the ai.onnx.ml domain)
    from skl2onnx import to_onnx
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler
    rng = np.random.RandomState(0)
    features = rng.rand(60, 3).astype(np.float32)
    pipeline = Pipeline([("scale", StandardScaler()), ("model", LogisticRegression())]).fit(features, features[:, 0] > 0.5)
    sklearn_model = to_onnx(pipeline, features[:1], target_opset={"": 17, "ai.onnx.ml": 3})
    c("benign-onnx-sklearn-pipeline.onnx", sklearn_model, False,
             trick="skl2onnx of StandardScaler + LogisticRegression (ai.onnx.ml operators, ZipMap)",
             feeds={"X": features[:2]})

    # Benign: relative external data in the model's folder and a sub-folder of it
    folder = os.path.join(out, "benign-onnx-external")
    os.makedirs(os.path.join(folder, "data"), exist_ok=True)
    with open(os.path.join(folder, "weights.bin"), "wb") as f:
        f.write(weights.tobytes())
    with open(os.path.join(folder, "data", "bias.bin"), "wb") as f:
        f.write(b"\0" * 8 + weights.tobytes())
    w = external(numpy_helper.from_array(weights, "w"), "weights.bin", 0, 8)
    b = external(numpy_helper.from_array(weights, "b"), "data/bias.bin", 8, 8)
    c("benign-onnx-external/model.onnx",
             model([helper.make_node("Add", ["x", "w"], ["t"]), helper.make_node("Add", ["t", "b"], ["y"])], [w, b]), False,
             trick="initializers in weights.bin and data/bias.bin (offset 8) beside the model", feeds=x)

    # Benign: If and Loop bodies of standard operators
    then_branch = helper.make_graph([helper.make_node("Relu", ["x"], ["then_y"])], "then", [], [value("then_y")])
    else_branch = helper.make_graph([helper.make_node("Neg", ["x"], ["else_y"])], "else", [], [value("else_y")])
    c("benign-onnx-subgraph.onnx", model([
        helper.make_node("ReduceSum", ["x"], ["s"], keepdims=0),
        helper.make_node("Constant", [], ["zero"], value=numpy_helper.from_array(np.array(0, dtype=np.float32))),
        helper.make_node("Greater", ["s", "zero"], ["positive"]),
        helper.make_node("If", ["positive"], ["y"], then_branch=then_branch, else_branch=else_branch)]), False,
        trick="an If node whose branches are subgraphs of standard operators", feeds=x)

    # Benign: a model-local function in a domain of its own
    twice = helper.make_function("local.functions", "Twice", ["a"], ["b"], [helper.make_node("Add", ["a", "a"], ["b"])], OPSETS)
    c("benign-onnx-local-function.onnx",
             model([helper.make_node("Twice", ["x"], ["y"], domain="local.functions")], functions=[twice],
                   opsets=OPSETS + [helper.make_opsetid("local.functions", 1)]), False,
             trick="a node calling a function the model defines (domain local.functions): no library needed", feeds=x)

    # Benign but reported low: onnxruntime's contrib operators
    c("benign-onnx-contrib-op.onnx",
             model([helper.make_node("Gelu", ["x"], ["y"], domain="com.microsoft")],
                   opsets=OPSETS + [helper.make_opsetid("com.microsoft", 1)]), False, ["onnx.vendor-domain"],
             flagged=True, trick="a com.microsoft contrib operator (Gelu), built into onnxruntime: low severity", feeds=x)

    # Malicious: external data outside the folder
    def escape(name, location, trick, offset=None, length=None, rule="onnx.external-data-escape", source=""):
        return c(f"{name}/model.onnx", model([helper.make_node("Add", ["x", "w"], ["y"])],
                                             [external(numpy_helper.from_array(weights, "w"), location, offset, length)]),
                 True, [rule], trick, source=source)
    escape("onnx-external-absolute", "/etc/passwd", "an initializer read from /etc/passwd", source="CVE-2022-25882")
    escape("onnx-external-traversal", "../../../../../../etc/passwd", "an initializer read from ../../../../../../etc/passwd",
           source="CVE-2022-25882")
    escape("onnx-external-backslash", "..\\..\\secrets\\key.pem", "'..' with Windows separators")
    escape("onnx-external-missing", "weights.bin", "external data that is not shipped", rule="onnx.external-data-unreadable")
    path = escape("onnx-external-offset-past-end", "weights.bin", "offset 4096 in an 8-byte weights.bin", offset=4096,
                  length=8, rule="onnx.external-data-unreadable")
    with open(os.path.join(os.path.dirname(path), "weights.bin"), "wb") as f:
        f.write(weights.tobytes())
    escape("onnx-external-length-past-end", "weights.bin", "8 bytes declared, 4 shipped", offset=0, length=8,
           rule="onnx.external-data-unreadable")
    with open(os.path.join(out, "onnx-external-length-past-end", "weights.bin"), "wb") as f:
        f.write(weights.tobytes()[:4])
    hidden = external(numpy_helper.from_array(weights, "c"), "/proc/self/environ")
    c("onnx-external-in-constant.onnx", model([helper.make_node("Constant", [], ["c"], value=hidden),
                                               helper.make_node("Add", ["x", "c"], ["y"])]),
      True, ["onnx.external-data-escape"], "a Constant node's tensor attribute read from /proc/self/environ")
    values = external(numpy_helper.from_array(weights, "values"), "/etc/shadow")
    indices = numpy_helper.from_array(np.array([0, 1], dtype=np.int64), "indices")
    c("onnx-external-sparse.onnx", model([helper.make_node("Add", ["x", "s"], ["y"])],
                                         sparse=[helper.make_sparse_tensor(values, indices, [2])]),
      True, ["onnx.external-data-escape"], "a sparse initializer whose values come from /etc/shadow")

    # Malicious: custom operator domains, in plain sight and hidden
    evil = OPSETS + [helper.make_opsetid("com.evil", 1)]
    c("onnx-custom-domain.onnx", model([helper.make_node("Backdoor", ["x"], ["y"], domain="com.evil")], opsets=evil),
      True, ["onnx.custom-domain"], "a node of domain com.evil: loading needs a native custom-op library")
    body = helper.make_graph([helper.make_node("Identity", ["cond_in"], ["cond_out"]),
                              helper.make_node("Backdoor", ["v_in"], ["v_out"], domain="com.evil")], "body",
                             [value("i", TensorProto.INT64, ()), value("cond_in", TensorProto.BOOL, ()), value("v_in")],
                             [value("cond_out", TensorProto.BOOL, ()), value("v_out")])
    trips = numpy_helper.from_array(np.array(2, dtype=np.int64), "trips")
    c("onnx-custom-domain-in-loop.onnx", model([helper.make_node("Loop", ["trips", "", "x"], ["y"], body=body)], [trips], opsets=evil),
      True, ["onnx.custom-domain"], "the custom node hides in a Loop body")
    evil_then = helper.make_graph([helper.make_node("If", ["positive"], ["inner_y"], then_branch=helper.make_graph(
        [helper.make_node("Backdoor", ["x"], ["deep_y"], domain="com.evil")], "deep", [], [value("deep_y")]),
        else_branch=else_branch)], "then", [], [value("inner_y")])
    c("onnx-custom-domain-in-if.onnx", model([
        helper.make_node("ReduceSum", ["x"], ["s"], keepdims=0),
        helper.make_node("Constant", [], ["zero"], value=numpy_helper.from_array(np.array(0, dtype=np.float32))),
        helper.make_node("Greater", ["s", "zero"], ["positive"]),
        helper.make_node("If", ["positive"], ["y"], then_branch=evil_then, else_branch=else_branch)], opsets=evil),
      True, ["onnx.custom-domain"], "the custom node hides in an If inside an If's then branch")
    sneaky = helper.make_function("local.functions", "Twice", ["a"], ["b"],
                                  [helper.make_node("Backdoor", ["a"], ["b"], domain="com.evil")], evil)
    c("onnx-custom-domain-in-function.onnx",
      model([helper.make_node("Twice", ["x"], ["y"], domain="local.functions")], functions=[sneaky],
            opsets=evil + [helper.make_opsetid("local.functions", 1)]),
      True, ["onnx.custom-domain"], "the node calls a model-local function whose body uses com.evil")
    c("onnx-custom-domain-shadowing-function.onnx",
      model([helper.make_node("Backdoor", ["x"], ["y"], domain="local.functions")], functions=[twice],
            opsets=OPSETS + [helper.make_opsetid("local.functions", 1)]),
      True, ["onnx.custom-domain"], "a node in the domain of a local function, but an operator the function does not define")
    training = model([helper.make_node("Relu", ["x"], ["y"])], opsets=evil)
    info = training.training_info.add()
    info.algorithm.CopyFrom(helper.make_graph([helper.make_node("Backdoor", ["x"], ["z"], domain="com.evil")], "train", [], [value("z")]))
    c("onnx-custom-domain-in-training.onnx", training, True, ["onnx.custom-domain"], "the custom node hides in a training_info graph")

    # Malicious: broken files
    whole = sklearn_model.SerializeToString()
    c("onnx-truncated.onnx", whole[: len(whole) // 2], True, ["onnx.malformed"], "an ONNX model cut in half")
    c("onnx-garbage-graph.onnx", whole[:2] + b"\x3a\x05\x0a\x03\xff\xff\xff", True, ["onnx.malformed"],
      "a graph whose node holds a varint running past its end")
