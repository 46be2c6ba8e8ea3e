import Foundation

/// The version of the analysis (excerpt, signature, clustering rules) that produced a stored
/// analysis. A cache analysed by an older version is re-analysed on the next `fetch` or
/// `recluster`; bump it whenever a change to this module can change an excerpt, a key line or a
/// signature.
public enum AnalysisVersion {
    /// `excerpt-and-signature` rules in force; stored with every analysis.
    public static let current = 6
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
        let message = lines
        let keyTokens = lines.first.map(Tokenizer.tokens) ?? []
        if keyTokens.count > 1 {
            lines.append(
                "@key " + zip(keyTokens, keyTokens.dropFirst()).map { "\($0)_\($1)" }.joined(separator: " "))
        }
        // The scope: only failures with the same scope are compared.
        // - A message that names nothing (`BoundsError: attempt to access <n>-element
        //   Vector{Float64} at index [<n>]`, a segfault) or an assertion is about the project's own
        //   code: one cause only within the project and with the same lines under it.
        // - Otherwise the first thing it names (`Base._tablesz`, `promote_shape`): the same words
        //   about another function are another cause, however alike the rest.
        if let first = message.first {
            if let identity, isProjectLocal(first) {
                lines.append("@scope " + identity.path + " " + message.prefix(2).joined(separator: " | "))
            } else if let name = firstName(first) {
                // The project's own lines under a shared cause (the test's `Expression:`) are place.
                lines.removeAll { $0 != first && !$0.hasPrefix("@key ") && isProjectLocal($0) }
                lines.append("@scope * " + name)
            }
        }
        return FailureSignature(maskedLines: lines)
    }

    /// True when a masked message line is an assertion, or names no symbol, package, quoted value
    /// or call: the same words in two projects then say nothing about a shared cause.
    ///
    /// | line | project-local |
    /// |---|---|
    /// | `E       AssertionError: assert <n> == <n>` | yes (assertion) |
    /// | `Expression: f(x) == expected` | yes (assertion) |
    /// | `BoundsError: attempt to access <n>-element Vector{Float64} at index [<n>]` | yes (names nothing) |
    /// | `MethodError: no method matching promote_shape(::Tuple{…})` | no (`promote_shape(`) |
    /// | `undefined: apiclient.ListJobsOptions` | no (`a.B`) |
    /// | `UndefVarError: \`x\` not defined` | no (quoted) |
    /// | `ERROR: Cannot install foo==<n> and bar==<n>` | no (a pin) |
    /// | `Unsatisfiable requirements detected for package Tables [<hex>]:` | no (after `package`) |
    public static func isProjectLocal(_ line: String) -> Bool {
        var t = Substring(line.drop { $0 == " " || $0 == "\t" })
        if t.hasPrefix("E ") { t = t.dropFirst(2).drop { $0 == " " } }
        let lower = t.lowercased()
        for prefix in assertionPrefixes where lower.hasPrefix(prefix) { return true }
        for infix in assertionInfixes where lower.contains(infix) { return true }
        return firstName(String(t)) == nil
    }

    static let assertionPrefixes = [
        "assert", "expression:", "evaluated:", "expected", "expect(", "failed asserting",
        "value of:", "test failed", "error: assertion", "panicked at", "thread '",
    ]
    static let assertionInfixes = [" but was:", " but was <", "assertion failed", "assertion `"]

    /// Words that precede a name: `for package Tables`, `module Foo`, `class Bar`.
    static let namingWords: Set<String> = [
        "package", "packages", "module", "crate", "class", "symbol", "import", "gem", "dependency",
        "library", "artifact",
    ]

    /// The first thing a message line names, rather than English words: a quoted word, a call
    /// `f(`, `a.b`, `a::b`, `a_b`, an inner capital (`ListJobsOptions`), a pin `x==`, `x@`, a
    /// hyphenated name `foo-bar`, or the word after `package`/`module`/…; nil when it names nothing.
    /// The error's type (`KeyError:`, a word ending in `Error` or `Exception`) does not count.
    ///
    /// | line | name |
    /// |---|---|
    /// | `MethodError: no method matching Base._tablesz(::Vector{Float64})` | `Base._tablesz` |
    /// | `UndefVarError: \`x\` not defined` | `x` |
    /// | `fmt.Sprintf format %d has arg id of wrong type string` | `fmt.Sprintf` |
    /// | `BoundsError: attempt to access <n>-element Vector{Float64} at index [<n>]` | nil |
    public static func firstName(_ line: String) -> String? {
        let chars = Array(line)
        func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
        func isNameChar(_ c: Character) -> Bool { isWord(c) || c == "." || c == ":" || c == "!" }
        var i = 0
        var wordIndex = 0
        var previousWord = ""
        while i < chars.count {
            let c = chars[i]
            if c == "'" || c == "`" || c == "\"" || c == "‘" || c == "“" {
                let close: Character = c == "‘" ? "’" : c == "“" ? "”" : c
                if let end = chars[(i + 1)...].firstIndex(of: close), end > i + 1,
                    chars[(i + 1)..<end].contains(where: { $0.isLetter })
                {
                    return String(chars[(i + 1)..<end])
                }
                i += 1
                continue
            }
            guard isWord(c) else {
                i += 1
                continue
            }
            // The whole dotted run (`Base._tablesz`, `apiclient.ListJobsOptions`), trailing dots off.
            var end = i
            while end < chars.count && isNameChar(chars[end]) { end += 1 }
            while end > i && (chars[end - 1] == "." || chars[end - 1] == ":") { end -= 1 }
            let run = String(chars[i..<end])
            var j = i
            while j < chars.count && isWord(chars[j]) { j += 1 }
            let word = String(chars[i..<j])
            let next: Character = j < chars.count ? chars[j] : " "
            let after: Character = j + 1 < chars.count ? chars[j + 1] : " "
            defer {
                previousWord = word.lowercased()
                wordIndex += 1
                i = j
            }
            let isPlaceholder = i > 0 && chars[i - 1] == "<" && next == ">"
            if isPlaceholder || !word.contains(where: { $0.isLetter }) { continue }
            if namingWords.contains(previousWord) && word.first?.isLetter == true { return run }
            let typeWord =
                word.hasSuffix("Error") || word.hasSuffix("Exception")
                || (wordIndex == 0 && next == ":" && after == " ")
            if typeWord { continue }
            if run != word && run.contains(where: { $0 == "." || $0 == ":" }) { return run }
            if word.contains("_") && word.filter({ $0.isLetter }).count >= 2 { return run }
            var sawLower = false
            for ch in word {
                if ch.isLowercase { sawLower = true } else if ch.isUppercase && sawLower { return run }
            }
            if next == "(" || next == "@" { return word }
            if next == "-" && after.isLetter { return word }
            if "=<>~!".contains(next) && after == "=" { return word }
        }
        return nil
    }

    /// The name of the infrastructure failure the key block shows, if any: the most specific cause
    /// among the infrastructure patterns that match its key line and message lines. A wrapper (the
    /// runner's `system failure`, git's `unable to access`, docker's `Error response from daemon`)
    /// gives way to the cause it wraps (DNS, a rate limit), and the phrasings of one cause share a
    /// name (`exit code 137` and `Killed` are both `oom`), so an outage is one cluster whatever tool
    /// met it.
    static func infrastructureName(_ excerpt: Excerpt, _ patterns: PatternLibrary) -> String? {
        guard let key = excerpt.keyLine else { return nil }
        var texts = [key.line.text]
        for line in excerpt.messageLines.prefix(4) where line != key.line { texts.append(line.text) }
        // And the pattern lines right around it (the cause under a tool's `failed to fetch`).
        for line in excerpt.lines
        where line.reason == .pattern && line.line != key.line
            && (key.line.number - 3...key.line.number + 8).contains(line.line.number)
        {
            texts.append(line.line.text)
        }
        var best: (cause: String, rank: Int, weight: Int)? = nil
        for text in texts {
            for index in patterns.matches(text) {
                let pattern = patterns.patterns[index]
                let infra =
                    pattern.infrastructure
                    || crossProjectCategories.subtracting(["dependency"]).contains(pattern.category)
                guard infra, pattern.category != "crash" else { continue }
                let (cause, rank) = infrastructureCauses[pattern.name] ?? (pattern.name, 1)
                if let b = best, (b.rank, b.weight) >= (rank, pattern.weight) { continue }
                best = (cause, rank, pattern.weight)
            }
        }
        return best?.cause
    }

    /// Built-in infrastructure patterns: the cause each names, and how specific it is (3: the cause
    /// itself; 2: the network in general; 1: a wrapper that says something failed, not what; 0: a
    /// daemon's answer that a wrapper reports).
    static let infrastructureCauses: [String: (String, Int)] = [
        "oom-killed": ("oom", 3), "killed": ("oom", 3), "exit-code-137": ("oom", 3),
        "killed-signal": ("oom", 3), "timeout": ("timeout", 3), "no-space": ("no-space", 3),
        "dns": ("dns", 3), "rate-limit": ("rate-limit", 3), "connection-refused": ("network", 2),
        "connection-failed": ("network", 2), "docker-pull": ("image-pull", 1),
        "docker-daemon": ("docker", 0), "runner-system-failure": ("runner-system-failure", 1),
        "git-fetch": ("git", 1), "log-truncated": ("log-truncated", 1),
    ]

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
