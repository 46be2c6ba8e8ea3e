import Foundation

/// The version of the analysis (excerpt, signature, clustering rules) that produced a stored
/// analysis. A cache analysed by an older version is re-analysed on the next `fetch` or
/// `recluster`; bump it whenever a change to this module can change an excerpt, a key line or a
/// signature.
public enum AnalysisVersion {
    /// `excerpt-and-signature` rules in force; stored with every analysis.
    public static let current = 3
}

/// The words that name a project in its own logs: its path (`julia/Tabular.jl`), its name
/// (`Tabular.jl`), its name without an extension (`Tabular`), its web and clone URLs. A signature
/// drops them, so that one cause in many projects gives one signature.
public struct ProjectIdentity: Sendable, Hashable {
    /// `path_with_namespace`.
    public var path: String
    /// Distinct words, longest first (a longer word is removed before a word it contains).
    public var words: [String]

    /// - Parameters:
    ///   - path: `path_with_namespace`.
    ///   - name: the project's name, if known.
    ///   - webURL: the project's web URL (its clone URL is this plus `.git`).
    ///   - extra: more words (a package name the job declared, …).
    public init(path: String, name: String? = nil, webURL: String? = nil, extra: [String] = []) {
        self.path = path
        var words: Set<String> = []
        func add(_ w: String) {
            let t = w.trimmingCharacters(in: .whitespaces)
            if t.count >= 3 { words.insert(t) }
        }
        add(path)
        for part in path.split(separator: "/") { add(String(part)) }
        let last = path.split(separator: "/").last.map(String.init) ?? path
        for n in [last, name ?? last] {
            add(n)
            if let dot = n.firstIndex(of: "."), dot > n.startIndex { add(String(n[..<dot])) }
        }
        if let webURL {
            add(webURL)
            add(webURL + ".git")
        }
        for e in extra { add(e) }
        self.words = words.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }
}

/// Builds a failure's signature from its excerpt: the cause, not the place.
public enum SignatureBuilder {
    /// Categories of failures that cut across projects (a runner, the network, a dependency's
    /// release): their signature leaves the project out, so one cause in many projects is one cluster.
    public static let crossProjectCategories: Set<String> = [
        "dependency", "network", "oom", "timeout", "disk", "docker", "git", "runner", "truncated",
    ]

    /// A failure's signature: what the failure is, not where it happened.
    ///
    /// - An infrastructure failure (the key line's pattern is the machine's, the network's or the
    ///   runner's: DNS, disk full, OOM, timeout, …) is its pattern's name (`@infra dns`), whichever
    ///   tool printed it, so an outage is one cluster across projects and ecosystems.
    /// - Otherwise: the key block's message lines (`Excerpt.keyBlock`: the exception under a test
    ///   header, an assertion, a diagnostic), CI decorations skipped, with the project's identity,
    ///   file paths and `file:line` locations removed, then masked (`Masker`); plus `@key` and the
    ///   pairs of adjacent key-line tokens, so that a difference in the key line weighs about twice
    ///   as much as one in the lines below it.
    ///
    /// | key block | signature's first line |
    /// |---|---|
    /// | `MethodError: no method matching f(::Int64)` under `io: Error During Test at /builds/g/P.jl/test/io.jl:115` | `MethodError: no method matching f(::Int<n>)` |
    /// | `./x.go:12:3: undefined: Foo` | `undefined: Foo` |
    /// | `fatal: unable to access 'https://gitlab.example.com/g/P.git/': Could not resolve host: gitlab.example.com` | `@infra dns` |
    public static func signature(
        of excerpt: Excerpt, identity: ProjectIdentity?, patterns: PatternLibrary = .builtIn
    ) -> FailureSignature {
        if let infra = infrastructureName(excerpt, patterns) {
            return FailureSignature(maskedLines: ["@infra " + infra])
        }
        var lines: [String] = []
        var seen: Set<String> = []
        for line in excerpt.keyBlock() {
            let cleaned = Masker.mask(placeless(line.text, identity: identity)).trimmingSpaces()
            guard !cleaned.isEmpty, seen.insert(cleaned).inserted else { continue }
            lines.append(cleaned)
        }
        // A crash is where it happened: the first frames under it name the crashing code.
        if excerpt.category == "crash", let key = excerpt.keyLine,
            let at = excerpt.lines.firstIndex(where: { $0.line == key.line })
        {
            for line in excerpt.lines[(at + 1)...].prefix(6)
            where [.stackTrace, .context].contains(line.reason) && lines.count < 4 {
                let cleaned = Masker.mask(placeless(line.line.text, identity: nil)).trimmingSpaces()
                if !cleaned.isEmpty, seen.insert(cleaned).inserted { lines.append(cleaned) }
            }
        }
        if lines.isEmpty, let key = excerpt.keyLine {
            lines = [Masker.mask(key.line.text).trimmingSpaces()]
        }
        let keyTokens = lines.first.map(Tokenizer.tokens) ?? []
        if keyTokens.count > 1 {
            lines.append(
                "@key " + zip(keyTokens, keyTokens.dropFirst()).map { "\($0)_\($1)" }.joined(separator: " "))
        }
        return FailureSignature(maskedLines: lines)
    }

    /// The name of the infrastructure failure the excerpt's key line shows, if any: the strongest
    /// matched pattern of the key line's category (so `git-fetch` and `dns` on one line say `dns`
    /// when DNS is what failed).
    static func infrastructureName(_ excerpt: Excerpt, _ patterns: PatternLibrary) -> String? {
        guard let key = excerpt.keyLine, key.reason == .pattern, let name = key.detail,
            let pattern = patterns.patterns.first(where: { $0.name == name })
        else { return nil }
        let infra =
            pattern.infrastructure
            || crossProjectCategories.subtracting(["dependency"]).contains(pattern.category)
        guard infra, pattern.category != "crash" else { return nil }
        // Another pattern on the same line may be more specific (git says "unable to access",
        // the cause is DNS): the strongest one whose anchor is on the key line.
        var best = pattern
        for other in patterns.patterns where other.infrastructure && other.weight > best.weight {
            if key.line.text.range(of: other.anchor, options: other.caseSensitive ? [] : .caseInsensitive)
                != nil
            {
                best = other
            }
        }
        return best.name
    }

    /// `text` without CI decorations, the project's identity words, file paths and locations:
    /// `  [3] f at /builds/g/Foo.jl/src/a.jl:12` → `[3] f at`.
    static func placeless(_ text: String, identity: ProjectIdentity?) -> String {
        var t = text
        let start = t.withUTF8 { LineShape.skipDecorations($0) }
        if start > 0 {
            let u = t.utf8
            t = String(t[u.index(u.startIndex, offsetBy: start)...]) ?? t
        }
        if let identity {
            for word in identity.words where t.range(of: word, options: .caseInsensitive) != nil {
                t = t.replacingOccurrences(of: word, with: "", options: .caseInsensitive)
            }
        }
        // Words holding a path separator, and `name.ext:N[:M]` locations, go.
        var kept: [String] = []
        for w in t.split(separator: " ", omittingEmptySubsequences: false) {
            if w.contains("/") || w.contains("\\") { continue }
            if let colon = w.firstIndex(of: ":") {
                let after = w[w.index(after: colon)...]
                if after.first?.isNumber == true && w[..<colon].contains(".") { continue }
            }
            kept.append(String(w))
        }
        return kept.joined(separator: " ")
    }
}
