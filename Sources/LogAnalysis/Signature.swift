import Foundation

/// The version of the analysis (excerpt, signature, clustering rules) that produced a stored
/// analysis. A cache analysed by an older version is re-analysed on the next `fetch` or
/// `recluster`; bump it whenever a change to this module can change an excerpt, a key line or a
/// signature.
public enum AnalysisVersion {
    /// `excerpt-and-signature` rules in force; stored with every analysis.
    public static let current = 2
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

    /// A failure's signature: `FailureSignature(excerpt:)` (masked key block), plus
    /// - for infrastructure patterns, a key line cut to start at the pattern's anchor;
    /// - `@at` and the source locations of the key block (`Makefile:27` → `Makefile_27`);
    /// - `@key` and the pairs of adjacent key-line tokens;
    /// - `@scope` and the project, unless the failure is infrastructure or of a cross-project category.
    public static func signature(
        of excerpt: Excerpt, identity: ProjectIdentity?, patterns: PatternLibrary = .builtIn
    ) -> FailureSignature {
        var lines = FailureSignature(excerpt: excerpt).maskedLines
        if let key = excerpt.keyLine, let name = key.detail, !lines.isEmpty,
            let pattern = patterns.patterns.first(where: { $0.name == name }),
            pattern.infrastructure || crossProjectCategories.subtracting(["dependency"]).contains(pattern.category),
            let anchor = key.line.text.range(of: pattern.anchor, options: pattern.caseSensitive ? [] : .caseInsensitive)
        {
            lines[0] = Masker.mask(String(key.line.text[anchor.lowerBound...])).trimmingCharacters(in: .whitespaces)
        }
        let keyTokens = lines.first.map(Tokenizer.tokens) ?? []
        if keyTokens.count > 1 {
            lines.append("@key " + zip(keyTokens, keyTokens.dropFirst()).map { "\($0)_\($1)" }.joined(separator: " "))
        }
        var locations: [String] = []
        for line in excerpt.keyBlock() {
            for match in line.text.matches(of: #/([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z]+)?):([0-9]+)/#) {
                let token = "\(match.output.1)_\(match.output.2)".replacingOccurrences(of: ".", with: "_")
                if !locations.contains(token) { locations.append(token) }
            }
        }
        if !locations.isEmpty {
            lines.append("@at " + locations.flatMap { l in (1...4).map { "at\($0)_" + l } }.joined(separator: " "))
        }
        let crossProject = excerpt.category.map(crossProjectCategories.contains) ?? excerpt.infrastructure
        if let project = identity?.path, !crossProject, !lines.isEmpty {
            let scope = String(project.map { $0.isLetter || $0.isNumber ? $0 : "_" })
            lines.append("@scope project_" + scope)
        }
        return FailureSignature(maskedLines: lines)
    }
}
