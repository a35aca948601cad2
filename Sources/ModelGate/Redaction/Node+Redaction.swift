import Document

extension Node {
    /// Every string and member name of a document with the secrets masked (a gate's shard state).
    func redacted(with redactor: SecretRedactor) -> Node {
        switch value {
        case .string(let text):
            return Node(.string(redactor.redact(text)), at: location)
        case .array(let items):
            return Node(.array(items.map { $0.redacted(with: redactor) }), at: location)
        case .object(let members):
            return Node(.object(members.map {
                Member(key: redactor.redact($0.key), keyLocation: $0.keyLocation, value: $0.value.redacted(with: redactor))
            }), at: location)
        default:
            return self
        }
    }
}
