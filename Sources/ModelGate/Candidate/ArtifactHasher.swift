import Digest

/// Hashes the candidate's artifact files, so the report says exactly which bytes were gated.
public enum ArtifactHasher {
    /// A missing or unreadable artifact is a configuration error at the line that names it:
    /// gating a model whose files are not there would vouch for nothing.
    public static func hash(_ candidate: CandidateConfig, baseDirectory: String, configPath: String) throws(ConfigError) -> [HashedArtifact] {
        var hashed: [HashedArtifact] = []
        for artifact in candidate.artifacts {
            let path = RelativePath.resolve(artifact.path, against: baseDirectory)
            do {
                let (hex, bytes) = try SHA256.hashFile(atPath: path)
                hashed.append(HashedArtifact(path: artifact.path, sha256: hex, bytes: bytes))
            } catch {
                throw ConfigError("artifact '\(artifact.path)' cannot be read: \(error)", path: configPath, at: artifact.location)
            }
        }
        return hashed
    }
}
