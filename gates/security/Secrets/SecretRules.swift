import Foundation

/// Every secret the security gate looks for. Test tokens here are made up with the issuers'
/// published shapes; none is a real credential.
enum SecretRules {
    typealias B = SecretBytes

    static let all: [SecretRule] = [privateKey, awsAccessKey, awsSecretKey, gcpServiceAccount, gcpAPIKey, azureStorageKey,
                                    githubToken, githubFineGrainedToken, gitlabToken, slackToken, slackWebhook,
                                    stripeLiveKey, huggingFaceToken, jwt]

    /// A token: the anchor, then `count` bytes of `body` (at least `minimum`), not glued to more token bytes.
    static func token(minimum: Int, maximum: Int, body: @escaping @Sendable (UInt8) -> Bool,
                      continues: @escaping @Sendable (UInt8) -> Bool) -> @Sendable (UnsafeRawBufferPointer, Int, Int) -> Int? {
        { bytes, start, anchor in
            guard B.startsToken(bytes, start, continues) else { return nil }
            let length = B.run(bytes, from: start + anchor, limit: maximum + 1, body)
            guard length >= minimum, length <= maximum, B.endsToken(bytes, start + anchor + length, continues) else { return nil }
            return anchor + length
        }
    }

    static let privateKey = SecretRule(
        id: "secret.private-key", summary: "A private key (PEM)",
        help: "A PEM private key beside the model gives whoever reads the artifact the key's identity. Remove it, rotate the key, and load keys from a secret store at run time.",
        severity: "critical", anchors: [Array("-----BEGIN ".utf8)],
        match: { bytes, start, anchor in
            // "-----BEGIN [TYPE ]PRIVATE KEY[ BLOCK]-----", TYPE like RSA, EC, DSA, OPENSSH, ENCRYPTED, PGP.
            let limit = min(bytes.count, start + anchor + 48)
            var index = start + anchor
            while index < limit, bytes[index] != 0x2D, bytes[index] != 0x0A { index += 1 }
            let label = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(start + anchor)..<index]), as: UTF8.self)
            guard label.hasSuffix("PRIVATE KEY") || label.hasSuffix("PRIVATE KEY BLOCK"),
                  B.run(bytes, from: index, limit: 5, { $0 == 0x2D }) == 5 else { return nil }
            return index + 5 - start
        },
        flags: ["-----BEGIN RSA PRIVATE KEY-----\nMIIEow...", "key: \"-----BEGIN PRIVATE KEY-----\\nMIIE\"", "-----BEGIN OPENSSH PRIVATE KEY-----"],
        ignores: ["-----BEGIN PUBLIC KEY-----", "-----BEGIN CERTIFICATE-----", "BEGIN PRIVATE KEY"])

    static let awsAccessKey = SecretRule(
        id: "secret.aws-access-key-id", summary: "An AWS access key id",
        help: "AWS access key ids (AKIA…, ASIA…) name a key pair; with its secret key beside it the account is open. Remove it, deactivate the key in IAM, and use roles or a secret store.",
        severity: "high", anchors: ["AKIA", "ASIA", "ABIA", "ACCA"].map { Array($0.utf8) },
        match: token(minimum: 16, maximum: 16, body: B.isUpperAlnum, continues: B.isAlnum),
        flags: ["aws_access_key_id = AKIAZ4Q7RSTUV3WXY2AB", "\"ASIAQWERTYUIOPASDFGH\""],
        ignores: ["AKIA1234", "xAKIAZ4Q7RSTUV3WXY2AB", "AKIAZ4Q7RSTUV3WXY2ABC", "akiaz4q7rstuv3wxy2ab"])

    static let awsSecretKey = SecretRule(
        id: "secret.aws-secret-key", summary: "An AWS secret access key",
        help: "An AWS secret access key signs requests as its IAM user. Remove it, rotate the key pair, and use roles or a secret store.",
        severity: "critical", anchors: ["aws_secret_access_key", "AWS_SECRET_ACCESS_KEY", "aws_secret_key", "AWS_SECRET_KEY"].map { Array($0.utf8) },
        match: { bytes, start, anchor in
            // The name, then `=`, `:` or `": "` with optional spaces and quotes, then 40 base64 characters.
            var index = start + anchor
            let separators: Set<UInt8> = [0x20, 0x09, 0x22, 0x27, 0x3A, 0x3D]
            var sawAssignment = false
            while index < bytes.count, index - start - anchor < 8, separators.contains(bytes[index]) {
                if bytes[index] == 0x3A || bytes[index] == 0x3D { sawAssignment = true }
                index += 1
            }
            guard sawAssignment else { return nil }
            let length = B.run(bytes, from: index, limit: 41) { B.isBase64($0) }
            guard length == 40 else { return nil }
            return index + length - start
        },
        flags: ["aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKE", "AWS_SECRET_ACCESS_KEY: \"Ab3dEf7hIj1lMn0pQr5tUv9xYz2bCd4fGh6jKl8n\""],
        ignores: ["aws_secret_access_key = ${AWS_SECRET}", "aws_secret_access_key: short"])

    static let gcpServiceAccount = SecretRule(
        id: "secret.gcp-service-account", summary: "A Google Cloud service-account key file",
        help: "A service-account key file (JSON with \"type\": \"service_account\" and a private key) authenticates as that account until the key is deleted. Remove the file, delete the key in IAM, and use workload identity.",
        severity: "critical", anchors: [Array("\"service_account\"".utf8)],
        match: { bytes, start, anchor in
            // `"type"` then `:` just before the value, so a mention in prose is not a key file.
            var index = start - 1
            while index >= 0, bytes[index] == 0x20 || bytes[index] == 0x09 { index -= 1 }
            guard index >= 0, bytes[index] == 0x3A else { return nil }
            index -= 1
            while index >= 0, bytes[index] == 0x20 || bytes[index] == 0x09 { index -= 1 }
            guard index >= 5 else { return nil }
            let key = Array(UnsafeRawBufferPointer(rebasing: bytes[(index - 5)...index]))
            return key == Array("\"type\"".utf8) ? anchor : nil
        },
        flags: ["{\"type\": \"service_account\", \"project_id\": \"p\"}", "{\"type\":\"service_account\"}"],
        ignores: ["the \"service_account\" type", "{\"kind\": \"service_account\"}"])

    static let gcpAPIKey = SecretRule(
        id: "secret.gcp-api-key", summary: "A Google API key",
        help: "Google API keys (AIza…) bill and authorise calls to the project's APIs. Remove it, restrict or delete the key, and inject keys at run time.",
        severity: "high", anchors: [Array("AIza".utf8)],
        match: token(minimum: 35, maximum: 35, body: B.isBase64URL, continues: B.isBase64URL),
        flags: ["key=AIzaSyD4b7Xq2LmN9pQr5tUv8wXy1zA3bC6dE0f"],
        ignores: ["AIzaShort", "AIzaSyD4b7Xq2LmN9pQr5tUv8wXy1zA3bC6dE0fXYZ"])

    static let azureStorageKey = SecretRule(
        id: "secret.azure-storage-key", summary: "An Azure storage account key",
        help: "An Azure storage connection string's AccountKey grants full access to the account. Remove it, rotate the key, and use managed identities or SAS tokens from a secret store.",
        severity: "critical", anchors: [Array("AccountKey=".utf8)],
        match: { bytes, start, anchor in
            let length = B.run(bytes, from: start + anchor, limit: 89) { B.isBase64($0) || $0 == 0x3D }
            return (86...88).contains(length) ? anchor + length : nil
        },
        flags: ["DefaultEndpointsProtocol=https;AccountName=a;AccountKey=" + String(repeating: "Zm9vYmFy", count: 10) + "Zm9vYm==;"],
        ignores: ["AccountKey=<your key>", "AccountKey=abc"])

    static let githubToken = SecretRule(
        id: "secret.github-token", summary: "A GitHub token",
        help: "GitHub personal, OAuth, app and refresh tokens (ghp_, gho_, ghu_, ghs_, ghr_) act as their user or app. Remove it and revoke the token; use the CI's short-lived GITHUB_TOKEN.",
        severity: "critical", anchors: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"].map { Array($0.utf8) },
        match: token(minimum: 36, maximum: 36, body: B.isAlnum, continues: B.isBase64URL),
        flags: ["token: ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"],
        ignores: ["ghp_short", "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9"])

    static let githubFineGrainedToken = SecretRule(
        id: "secret.github-fine-grained-token", summary: "A GitHub fine-grained personal access token",
        help: "Fine-grained tokens (github_pat_…) act as their user on the repositories they name. Remove it and revoke the token.",
        severity: "critical", anchors: [Array("github_pat_".utf8)],
        match: token(minimum: 82, maximum: 82, body: { B.isAlnum($0) || $0 == 0x5F }, continues: B.isBase64URL),
        flags: ["github_pat_11ABCDEFG0123456789abc_" + String(repeating: "aB3", count: 19) + "xy"],
        ignores: ["github_pat_short"])

    static let gitlabToken = SecretRule(
        id: "secret.gitlab-token", summary: "A GitLab personal access token",
        help: "GitLab personal access tokens (glpat-…) act as their user. Remove it and revoke the token.",
        severity: "critical", anchors: [Array("glpat-".utf8)],
        match: token(minimum: 20, maximum: 64, body: B.isBase64URL, continues: B.isBase64URL),
        flags: ["GITLAB_TOKEN=glpat-x9Y8z7W6v5U4t3S2r1Q0"],
        ignores: ["glpat-short"])

    static let slackToken = SecretRule(
        id: "secret.slack-token", summary: "A Slack token",
        help: "Slack bot, user and app tokens (xoxb-, xoxp-, xapp-…) read and post as their owner. Remove it and revoke the token.",
        severity: "critical", anchors: ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xapp-"].map { Array($0.utf8) },
        match: token(minimum: 20, maximum: 255, body: { B.isAlnum($0) || $0 == 0x2D }, continues: { B.isAlnum($0) || $0 == 0x2D }),
        flags: ["SLACK=xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"],
        ignores: ["xoxb-123"])

    static let slackWebhook = SecretRule(
        id: "secret.slack-webhook", summary: "A Slack incoming-webhook URL",
        help: "Anyone with an incoming-webhook URL can post to its channel. Remove it and regenerate the webhook.",
        severity: "high", anchors: [Array("https://hooks.slack.com/services/".utf8)],
        match: token(minimum: 20, maximum: 120, body: { B.isAlnum($0) || $0 == 0x2F }, continues: { B.isAlnum($0) || $0 == 0x2F }),
        flags: ["url: https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF2/aBcDeFgHiJkLmNoPqRsTuVwX"],
        ignores: ["https://hooks.slack.com/services/"])

    static let stripeLiveKey = SecretRule(
        id: "secret.stripe-live-key", summary: "A Stripe live secret or restricted key",
        help: "Stripe live secret keys (sk_live_, rk_live_) move money. Remove it and roll the key in the Stripe dashboard.",
        severity: "critical", anchors: ["sk_live_", "rk_live_"].map { Array($0.utf8) },
        match: token(minimum: 24, maximum: 247, body: B.isAlnum, continues: B.isAlnum),
        flags: ["stripe.api_key = \"sk_live_4eC39HqLyjWDarjtT1zdp7dcXyZ\""],
        ignores: ["sk_test_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_short"])

    static let huggingFaceToken = SecretRule(
        id: "secret.huggingface-token", summary: "A Hugging Face access token",
        help: "Hugging Face user access tokens (hf_…) read, and may write, the user's models and datasets. Remove it and invalidate the token in the settings.",
        severity: "high", anchors: [Array("hf_".utf8)],
        match: token(minimum: 34, maximum: 34, body: B.isLetter, continues: B.isBase64URL),
        flags: ["HF_TOKEN=hf_aBcDeFgHiJkLmNoPqRsTuVwXyZaBcDeFgH"],
        ignores: ["hf_short", "model hf_transfer enabled"])

    static let jwt = SecretRule(
        id: "secret.jwt", summary: "A JSON Web Token",
        help: "A JWT is a bearer credential until it expires: whoever holds it is its subject. Remove it; tokens belong in requests, not files.",
        severity: "high", anchors: [Array("eyJ".utf8)],
        match: { bytes, start, anchor in
            // header.payload.signature, base64url each; the header must decode to JSON naming "alg".
            guard B.startsToken(bytes, start, B.isBase64URL) else { return nil }
            let header = B.run(bytes, from: start, limit: 2048, B.isBase64URL)
            guard header >= 10, start + header < bytes.count, bytes[start + header] == 0x2E else { return nil }
            let payload = B.run(bytes, from: start + header + 1, limit: 8192, B.isBase64URL)
            guard payload >= 4, start + header + 1 + payload < bytes.count, bytes[start + header + 1 + payload] == 0x2E else { return nil }
            let signature = B.run(bytes, from: start + header + payload + 2, limit: 4096, B.isBase64URL)
            guard signature >= 16 else { return nil }
            let headerText = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + header)]), as: UTF8.self)
            guard let decoded = Self.base64URLDecode(headerText), decoded.contains("\"alg\"") else { return nil }
            return header + payload + signature + 2
        },
        flags: ["Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"],
        ignores: ["eyJhbGciOiJIUzI1NiJ9", "eyJub3RhIjoiand0In0.eyJhIjoxfQ.c2lnbmF0dXJlc2lnbmF0dXJl"])

    static func base64URLDecode(_ text: String) -> String? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.count % 4 != 0 { standard += "=" }
        return Data(base64Encoded: standard).map { String(decoding: $0, as: UTF8.self) }
    }
}
