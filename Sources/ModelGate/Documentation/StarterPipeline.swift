/// The commented pipeline `modelgate init` writes; a test checks that it reads as valid.
public enum StarterPipeline {
    public static let text = """
    # modelgate pipeline: which model to gate, and the gates it must pass.
    # Check it with `modelgate validate`, run it with `modelgate run`.
    # Paths are relative to this file. ${NAME} takes an environment variable (never printed).
    version: 1

    candidate:
      name: my-model                 # shown in every report
      version: 0.1.0
      artifacts: []                  # model files to hash into the report, e.g. [models/model.onnx]

    gates:
      # Accuracy on a labelled test set: one row per example, label and prediction columns.
      - id: quality
        type: accuracy
        blocking: true               # a failure blocks the deployment (default)
        timeout: 10m
        data: data/test.csv          # CSV (header row) or JSON Lines
        task: binary                 # binary, multiclass or regression
        label: label
        prediction: prediction
        thresholds:
          accuracy: ">= 0.90"        # >=, >, <=, <, ==, != against a number, N%, or baseline
        # decide: point              # accuracy decides on the 95% interval by default; point: the value alone

    # waivers:                       # let a known failing check through, for a while
    #   - gate: quality
    #     check: accuracy
    #     reason: relabelling in progress, see TICKET-123
    #     approved_by: jane@example.com
    #     expires: 2030-01-31

    """
}
