/// Why a header's JSON could not be read, and where.
struct HeaderJSONError: Error, Equatable {
    var offset: Int
    var problem: String
}
