import Foundation

/// Masks secrets (the GitLab token) in everything triage prints or writes: terminal output, the
/// pager, JSON answers and the exported dashboard's files. One rule for every writer.
///
/// A distinctive secret (12 characters or more, not only letters: every real GitLab token,
/// `glpat-…`, a CI job token) is replaced wherever it occurs. A plain word (shorter, or letters
/// only, like `error` or `test`) is replaced only where it stands as a whole token, between
/// characters that are not `A–Z a–z 0–9 _ -`: `error` in `ERROR: error 3` is masked, `errors`,
/// `stderr` and `error_code` are other words and stay. Masking a plain word still removes it
/// from every line it appears in, which makes output read oddly (an excerpt's
/// `LoadError: error compiling` becomes `LoadError: [MASKED] compiling`); that is the price of
/// never printing a secret, and `isPlainWord` lets the caller warn about it.
///
/// A JSON object key equal to a secret (`"error":` when the token is `error`) is left alone, so
/// a masked JSON document keeps its shape; a key is the only place a JSON writer puts a bare `"`
/// right before the text and `":` right after it.
public struct SecretMasker: Sendable, Hashable {
    public static let replacement = "[MASKED]"
    /// Non-empty secrets, longest first (a secret inside a longer one is masked with it).
    public let secrets: [String]

    public init(secrets: [String]) {
        self.secrets = Array(Set(secrets.filter { !$0.isEmpty })).sorted {
            ($0.utf8.count, $0) > ($1.utf8.count, $1)
        }
    }

    public static let none = SecretMasker(secrets: [])

    /// Whether some secret is a plain word, masked only as a whole token (see the type's comment).
    public var hasPlainWord: Bool { secrets.contains(where: Self.isPlainWord) }

    public static func isPlainWord(_ secret: String) -> Bool {
        secret.utf8.count < 12 || secret.allSatisfy(\.isLetter)
    }

    public func mask(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        let bytes = Array(text.utf8)
        let masked = mask(bytes: bytes)
        return masked == bytes ? text : String(decoding: masked, as: UTF8.self)
    }

    public func mask(_ data: Data) -> Data {
        guard !secrets.isEmpty else { return data }
        let bytes = [UInt8](data)
        let masked = mask(bytes: bytes)
        return masked == bytes ? data : Data(masked)
    }

    public func mask(bytes: [UInt8]) -> [UInt8] {
        var current = bytes
        for secret in secrets {
            let needle = Array(secret.utf8)
            let plain = Self.isPlainWord(secret)
            guard let first = needle.first, current.count >= needle.count else { continue }
            var out: [UInt8] = []
            var index = 0
            var copied = 0
            let last = current.count - needle.count
            while index <= last {
                guard current[index] == first, current[index..<(index + needle.count)].elementsEqual(needle)
                else {
                    index += 1
                    continue
                }
                let end = index + needle.count
                let before: UInt8? = index > 0 ? current[index - 1] : nil
                let after: UInt8? = end < current.count ? current[end] : nil
                let isKey =
                    before == UInt8(ascii: "\"") && after == UInt8(ascii: "\"") && end + 1 < current.count
                    && current[end + 1] == UInt8(ascii: ":")
                let bounded =
                    !(before.map(Self.isTokenByte) ?? false) && !(after.map(Self.isTokenByte) ?? false)
                if isKey || (plain && !bounded) {
                    index += 1
                    continue
                }
                if out.isEmpty { out.reserveCapacity(current.count) }
                out += current[copied..<index]
                out += Array(Self.replacement.utf8)
                index = end
                copied = end
            }
            if copied > 0 {
                out += current[copied...]
                current = out
            }
        }
        return current
    }

    /// Characters a token is made of: a match next to one is part of a longer word.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte >= 0x80
    }
}

/// A URL's text with its credentials (`user:password@`) shown as `…@`, for messages.
public func withoutCredentials(_ text: String) -> String {
    guard let scheme = text.range(of: "://") else { return text }
    let rest = text[scheme.upperBound...]
    let authorityEnd = rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex
    guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return text }
    return String(text[..<scheme.upperBound]) + "…" + String(rest[at...])
}
