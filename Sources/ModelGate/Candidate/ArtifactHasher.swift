import Digest

/// Hashes the candidate's artifact files, so the report says exactly which bytes were gated.
public enum ArtifactHasher {
    /// A missing or unreadable artifact, or one that is not a regular file (a FIFO or `/dev/zero`
    /// would block or never end), is a configuration error at the line that names it: gating a
    /// model whose files are not there would vouch for nothing.
    ///
    /// When `control` is interrupted (a signal), hashing stops within one chunk and the artifacts
    /// hashed so far are returned: the run that follows is an interrupted run, verdict `error`.
    public static func hash(_ candidate: CandidateConfig, baseDirectory: String, configPath: String,
                            control: RunControl = RunControl()) throws(ConfigError) -> [HashedArtifact] {
        var hashed: [HashedArtifact] = []
        for artifact in candidate.artifacts {
            let path = RelativePath.resolve(artifact.path, against: baseDirectory)
            do {
                let (hex, bytes) = try SHA256.hashRegularFile(atPath: path) { control.interruption != nil }
                hashed.append(HashedArtifact(path: artifact.path, sha256: hex, bytes: bytes))
            } catch where error.operation == .cancelled {
                return hashed
            } catch {
                throw ConfigError("artifact '\(artifact.path)' cannot be hashed: \(error)", path: configPath, at: artifact.location)
            }
        }
        return hashed
    }
}
