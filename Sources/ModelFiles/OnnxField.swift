/// The onnx.proto field numbers the security scan reads (onnx/onnx.proto, IR version 11); every
/// other field is skipped unread. Protobuf merges repeated occurrences of a message field and keeps
/// the last of a scalar, and the scan does the same.
enum OnnxField {
    enum Model {
        static let irVersion = 1
        static let graph = 7
        static let opsetImport = 8
        static let trainingInfo = 20
        static let functions = 25
        /// Every ModelProto field and its wire type: a file whose top level breaks these is not read as ONNX.
        static let wireTypes: [Int: ProtobufWireType] = [
            1: .varint, 2: .lengthDelimited, 3: .lengthDelimited, 4: .lengthDelimited, 5: .varint,
            6: .lengthDelimited, 7: .lengthDelimited, 8: .lengthDelimited, 14: .lengthDelimited,
            20: .lengthDelimited, 25: .lengthDelimited, 26: .lengthDelimited, 30: .lengthDelimited,
        ]
    }
    enum TrainingInfo {
        static let initialization = 1
        static let algorithm = 2
    }
    enum Function {
        static let name = 1
        static let node = 7
        static let domain = 10
        static let attributeProto = 11
        static let overload = 13
    }
    enum Graph {
        static let node = 1
        static let initializer = 5
        static let sparseInitializer = 15
    }
    enum Node {
        static let opType = 4
        static let attribute = 5
        static let domain = 7
        static let overload = 8
    }
    enum Attribute {
        static let tensor = 5
        static let graph = 6
        static let tensors = 10
        static let graphs = 11
        static let sparseTensor = 22
        static let sparseTensors = 23
    }
    enum SparseTensor {
        static let values = 1
        static let indices = 2
    }
    enum Tensor {
        static let name = 8
        static let externalData = 13
        static let dataLocation = 14
        /// `TensorProto.DataLocation.EXTERNAL`.
        static let external: UInt64 = 1
    }
    enum Entry {
        static let key = 1
        static let value = 2
    }
}
