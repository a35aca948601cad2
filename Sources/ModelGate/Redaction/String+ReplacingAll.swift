extension String {
    /// Plain substring replacement without Foundation (the library stays importable anywhere).
    func replacingAll(_ target: String, with replacement: String) -> String {
        let source = Array(utf8), pattern = Array(target.utf8)
        guard !pattern.isEmpty, source.count >= pattern.count else { return self }
        var output: [UInt8] = []
        output.reserveCapacity(source.count)
        var i = 0
        while i < source.count {
            if i + pattern.count <= source.count, source[i] == pattern[0], source[i..<i + pattern.count].elementsEqual(pattern) {
                output.append(contentsOf: replacement.utf8)
                i += pattern.count
            } else {
                output.append(source[i])
                i += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
