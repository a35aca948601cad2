/// A chunk of lines goes round the parallel profile like a batch of CSV records.
extension LineChunk: ProfileBatch {}
