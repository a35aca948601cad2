import ModelGate

/// The protocol implementation for a configured `http` predictor: one case per
/// `HTTPPredictorConfig.ServingProtocol`, so adding a protocol name without its implementation
/// does not compile.
enum ServingProtocols {
    static func make(_ http: HTTPPredictorConfig, inputs: [String]) -> any ServingProtocol {
        switch http.serving {
        case .kserveV2:
            return KServeV2Protocol(model: http.model ?? "", tensor: http.tensor, datatype: http.datatype, output: http.output, inputs: inputs)
        case .tfserving:
            return TFServingProtocol(model: http.model ?? "", rowFormat: http.rowFormat, output: http.output)
        case .mlflow:
            return MLflowProtocol(inputs: inputs, output: http.output)
        case .sagemaker:
            return SageMakerProtocol(output: http.output)
        case .torchserve:
            return TorchServeProtocol(model: http.model ?? "", rowFormat: http.rowFormat, output: http.output)
        case .json:
            // The reader requires a body for `json`; an empty template would be refused there.
            return JSONTemplateProtocol(template: http.body!, response: http.response)
        }
    }
}
