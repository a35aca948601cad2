import Tabular

/// Where a decoded row goes: the overall accumulator, its slice's, and its bootstrap block's.
/// Shared by every way of reading a test set, so they cannot differ in what they count.
struct Accumulation<Evaluator: TaskEvaluator> {
    private(set) var overall: Evaluator
    private(set) var slices: [Evaluator] = []
    private(set) var blocks: [Evaluator]
    private let bootstrap: BlockBootstrap?
    private let make: () -> Evaluator
    private let makeReplicate: (() -> Evaluator)?
    /// Whether slices keep score rankings (only when a slice judges a metric that needs scores).
    private let sliceScores: Bool
    private let threshold: Double

    init(options: AccuracyOptions, make: @escaping () -> Evaluator, makeReplicate: (() -> Evaluator)?, sliceScores: Bool) {
        self.make = make
        self.makeReplicate = makeReplicate
        self.sliceScores = sliceScores
        threshold = options.threshold
        overall = make()
        bootstrap = makeReplicate == nil ? nil : BlockBootstrap(resamples: options.bootstrapResamples, seed: options.seed)
        blocks = makeReplicate.map { maker in (0..<BlockBootstrap.blockCount).map { _ in maker().droppingConfusionMatrix() } } ?? []
    }

    /// Adds the row at 0-based `rowIndex` (its place in the file: the bootstrap block depends on it).
    @inline(__always)
    mutating func add(_ row: DecodedRow, slice: Int?, rowIndex: Int) {
        overall.add(row, count: 1)
        if let slice {
            while slices.count <= slice { slices.append(make().droppingConfusionMatrix()) }
            slices[slice].add(sliceScores ? row : row.withoutScores(threshold: threshold), count: 1)
        }
        if let bootstrap { blocks[bootstrap.block(ofRow: rowIndex)].add(row, count: 1) }
    }

    /// What was accumulated, with the tables that name its class and slice ids.
    func state(classes: LabelTable, slices sliceTable: LabelTable, skippedRows: Int, join: PredictionJoin.Counts?,
               data: InputFile, predictions: InputFile?) -> AccuracyState<Evaluator> {
        AccuracyState(overall: overall,
                      slices: slices.enumerated().map { .init(name: CodedLabel(sliceTable.labels[$0.offset]), state: $0.element) },
                      blocks: blocks, skippedRows: skippedRows, classes: classes.labels.map(CodedLabel.init), join: join,
                      data: data, predictions: predictions)
    }
}
