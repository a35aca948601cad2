import Document
import Foundation
import ModelGate
import PersonalData

/// The GDPR gate's options, checked once before anything runs; the declaration is read here too,
/// so `modelgate validate` points at a mistake in it.
struct GDPROptions: Sendable {
    var data: [String]
    var declaration: DataDeclaration
    var minShare: Double
    var dateColumn: String?
    /// The day retention counts to; nil: today (UTC) when the gate runs.
    var asOf: PersonalData.CalendarDate?
    var usePredictor: Bool
    var predictorRows: Int
    var inventory: String?
    var maxColumns: Int
    var predictorRequest: SourceLocation?

    init(_ options: GateOptions) throws(ConfigError) {
        typealias O = GDPROption
        data = try options.require(O.data)
        guard !data.isEmpty else { throw options.error("'data' is empty: name the files to scan", at: options[O.data]) }
        if let path = options.value(O.declaration) {
            let base = (options.path as NSString).deletingLastPathComponent
            declaration = try DataDeclaration(path: RelativePath.resolve(path, against: base.isEmpty ? "." : base), displayPath: path)
        } else {
            declaration = DataDeclaration()
        }
        minShare = try options.require(O.minShare).fraction
        guard minShare > 0 else { throw options.error("'min_share' must be above 0", at: options[O.minShare]) }
        dateColumn = options.value(O.dateColumn)
        if let text = options.value(O.asOf) {
            guard text.count == 10, DayNumber.parse(text) != nil else {
                throw options.error("'as_of' must be a date like 2026-12-05", at: options[O.asOf])
            }
            let parts = text.split(separator: "-").compactMap { Int($0) }
            asOf = PersonalData.CalendarDate(year: parts[0], month: parts[1], day: parts[2])
        }
        usePredictor = try options.require(O.usePredictor)
        predictorRequest = usePredictor ? options[O.usePredictor]?.location : nil
        predictorRows = try options.require(O.predictorRows)
        inventory = options.value(O.inventory)
        maxColumns = try options.require(O.maxColumns)
    }
}
