import Foundation

/// The version of the analysis (excerpt, signature, clustering rules) that produced a stored
/// analysis. A cache analysed by an older version is re-analysed on the next `fetch` or
/// `recluster`; bump it whenever a change to this module can change an excerpt, a key line or a
/// signature.
public enum AnalysisVersion {
    /// `excerpt-and-signature` rules in force; stored with every analysis.
    public static let current = 18
}

/// The words that name a project in its own logs: its path (`julia/Tabular.jl`), its name
/// (`Tabular.jl`), its name without an extension (`Tabular`), its web and clone URLs, not its
/// namespace's (`julia`). A signature
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
        // (Not the namespace: the projects a cause is met by share it, and their shared packages
        // carry it, `acme/php-sdk`, `@acme/ui-kit`.)
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
        of shown: Excerpt, identity: ProjectIdentity?, patterns: PatternLibrary = .builtIn
    ) -> FailureSignature {
        // The lines shown only because there was room between others (`.between`, since v8) or
        // as another occurrence of a block shown (`.repeated`, since v9) say nothing the signature
        // reads: it is made of the same lines as before them.
        var excerpt = shown
        excerpt.lines.removeAll { $0.reason == .between || $0.reason == .repeated }
        if let infra = infrastructureName(excerpt, patterns) {
            return FailureSignature(maskedLines: ["@infra " + infra])
        }
        // A package the index does not hold is the cause, whichever tool looked it up.
        // (The key block, and the lines shown right under the key: Gradle's nested `> Could not
        // find g:a:v.` under its wrapper.)
        if let missing = firstInKeyBlock(excerpt, below: 12, MissingDependency.name) {
            return FailureSignature(maskedLines: [
                "@missing " + missing, FailureSignature.namesPrefix + missing,
            ])
        }
        // A name a module does not export, whichever tool looked it up (the tests' import, the
        // type checker).
        if let symbol = firstInKeyBlock(excerpt, below: 0, MissingSymbol.name) {
            return FailureSignature(maskedLines: [
                "@missing-symbol " + symbol, FailureSignature.namesPrefix + symbol,
            ])
        }
        var lines: [String] = []
        var seen: Set<String> = []
        func append(_ text: String) {
            // (pytest's `E ` lead is how pytest shows the exception, not part of it: `E   KeyError: 'x'`
            // is the `KeyError: 'x'` that closes another runner's traceback.)
            let cleaned = Masker.mask(placeless(String(withoutPytestLead(text)), identity: identity))
                .trimmingSpaces()
            if !cleaned.isEmpty, seen.insert(cleaned).inserted { lines.append(cleaned) }
        }
        var at = excerpt.keyLine.flatMap { key in excerpt.lines.firstIndex { $0.line == key.line } }
        if let wrapped = wrappedDiagnostic(excerpt) {
            // The build tool's wrapper (`Execution failed for task ':compileJava'.`) points at the
            // compiler's diagnostic above it: that is the message.
            at = wrapped
            append(excerpt.lines[wrapped].line.text)
        } else if let cause = nestedCause(excerpt) {
            // Gradle's wrapper over the causes it nests (`> Could not resolve all files…`, `   >
            // Could not find org.money:money:2.0.`): the innermost says what.
            at = cause
            append(excerpt.lines[cause].line.text)
        } else {
            for line in excerpt.keyBlock(blockLines: 5) { append(line.text) }
        }
        // The key line's indented detail under it (javac's `symbol: method getOwner()`) names
        // what it is about.
        // (Maven repeats a compiler error in its summary without the detail: the first time has it.)
        let sameText = at.map { a in
            [a]
                + excerpt.lines.indices.filter {
                    $0 != a && excerpt.lines[$0].line.text == excerpt.lines[a].line.text
                }
        }
        if let detail = sameText?.lazy.compactMap({ detailLine(excerpt, after: $0) }).first {
            let before = lines.count
            append(detail)
            if lines.count > before, lines.count > 2 { lines.insert(lines.removeLast(), at: 1) }
        }
        // A key line that names nothing and stands alone announces the message printed under it
        // (`thread '…' panicked at src/x.rs:3:5:` over the panic's text, jest's `● Test suite
        // failed to run` over `Cannot find module './en'`, javac's `cannot find symbol` over
        // `symbol: method getOwner()`): the first such line within three lines joins it.
        // A key line that is only a location (GHC's `src/A.hs:41:18: error:`, hspec's
        // `test/ASpec.hs:22:30:`) is the same, and the location is the place: the message under it
        // replaces it.
        let onlyAType = lines.count == 1 && firstName(lines[0]) != nil && namesOnlyAType(lines[0])
        if lines.count == 1, let at, firstName(lines[0]) == nil || lines[0].hasSuffix(":") || onlyAType {
            let keyNumber = excerpt.lines[at].line.number
            for line in excerpt.lines[(at + 1)...].prefix(4) where line.line.number <= keyNumber + 3 {
                // The CI's verdict on the job (`ERROR: Job failed: exit code 1`) is no message: it
                // follows every failure, closer or further from its last line.
                if [.verdict, .runnerFallback].contains(line.reason) { break }
                let trimmed = line.line.text.drop { $0 == " " || $0 == "\t" }
                if trimmed.isEmpty || Keywords.isFrame(trimmed) || trimmed.hasPrefix("note:") { continue }
                // A type over a line that names no more than another type (`Caused by:
                // java.lang.ClassNotFoundException at …`) says no more with it.
                if onlyAType, causeNames([Masker.mask(placeless(line.line.text, identity: identity))]).isEmpty
                {
                    break
                }
                append(line.line.text)
                break
            }
            if lines.count == 2, isBareLocation(excerpt.lines[at].line.text) { lines.removeFirst() }
        }
        // A code over its report (npm's `code ERESOLVE`) is named by what the report's resolver
        // heading introduces: `Could not resolve dependency:` over `peer react@"^19" from
        // @acme/ui-kit@6.0.0`, the package that conflicts.
        if let at, let first = lines.first, namesOnlyAType(first) {
            let shown = excerpt.lines[(at + 1)...].prefix(16)
            if let heading = shown.firstIndex(where: { line in
                resolverHeadings.contains { line.line.text.hasSuffix($0) }
            }), heading + 1 < excerpt.lines.endIndex {
                let cleaned = Masker.mask(placeless(excerpt.lines[heading + 1].line.text, identity: identity))
                    .trimmingSpaces()
                if !cleaned.isEmpty, seen.insert(cleaned).inserted { lines.insert(cleaned, at: 1) }
            }
        }
        // A heading (`Failures:`, `NoMethodError:`, `* What went wrong:`) says a message follows;
        // the message is the cause.
        if lines.contains(where: { !isHeading($0) }) { lines.removeAll(where: isHeading) }
        lines = Array(lines.prefix(4))
        // A crash is where it happened: the first frames under it name the crashing code (the
        // runtime's and the test harness's own frames, and bare offsets, say nothing).
        if excerpt.category == "crash", let at {
            for line in excerpt.lines[(at + 1)...].prefix(16)
            where [.stackTrace, .context].contains(line.reason) && lines.count < 4 {
                let cleaned = Masker.mask(placeless(line.line.text, identity: nil, keepingNames: true))
                    .trimmingSpaces()
                if isRuntimeFrame(cleaned) || cleaned.filter(\.isLetter).count < 3 { continue }
                if seen.insert(cleaned).inserted { lines.append(cleaned) }
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
        //   about another function are another cause, however alike the rest. What else it names
        //   (`@names`: `Money` and `round_up`) keeps apart, within the scope, two messages that
        //   name different things (`Clusterer` joins two failures only where one's names hold the
        //   other's).
        if let first = message.first {
            // A key line that only announces (`thread panicked at`, `unknown file: Failure`,
            // `error: [GHC-88464]`) names what the message under it names.
            let stated =
                announces(first) ? Array(message.dropFirst().prefix(3).drop { isProjectLocal($0) }) : []
            let shared = stated.isEmpty ? message : stated
            let lead = shared[0]
            if let package = foreignPackage(excerpt, identity: identity) {
                // Where it failed is someone else's code (a dependency's panic, a crash in a
                // module from the registry): one cause wherever that dependency runs.
                lines.removeAll { $0 != first && !$0.hasPrefix("@key ") && isProjectLocal($0) }
                appendNames(causeNames(shared), to: &lines)
                lines.append("@scope * in " + package)
            } else if let identity, isProjectLocal(lead) {
                lines.append("@scope " + identity.path + " " + message.prefix(2).joined(separator: " | "))
            } else if let name = firstName(lead) {
                // The project's own lines under a shared cause (the test's `Expression:`) are place.
                lines.removeAll { $0 != first && $0 != lead && !$0.hasPrefix("@key ") && isProjectLocal($0) }
                appendNames(causeNames(shared), to: &lines)
                lines.append("@scope * " + name)
            }
        }
        // Two exceptions are two causes, whatever their messages share (`ValueError: invalid literal
        // for int()` and `RuntimeError: invalid literal for int()`): the type is among the names.
        if let type = message.first.flatMap(exceptionType) {
            if let n = lines.firstIndex(where: { $0.hasPrefix(FailureSignature.namesPrefix) }) {
                let listed = lines[n].dropFirst(FailureSignature.namesPrefix.count)
                if !listed.split(separator: "|").contains(where: { String($0).trimmingSpaces() == type }) {
                    lines[n] = FailureSignature.namesPrefix + type + " | " + listed
                }
            } else {
                let at = lines.firstIndex { $0.hasPrefix("@scope ") } ?? lines.endIndex
                lines.insert(FailureSignature.namesPrefix + type, at: at)
            }
        }
        return FailureSignature(maskedLines: lines)
    }

    /// The exception a masked message line starts with, its last dotted part
    /// (`java.lang.IllegalStateException: x` → `IllegalStateException`), or nil.
    static func exceptionType(_ line: String) -> String? {
        guard Shape.exceptionLine(Substring(line)), let colon = line.firstIndex(of: ":") else { return nil }
        let name = line[..<colon]
        let type = String(name.split(separator: ".").last ?? name)
        // (A bare `Error:` is a tool's label for any message, not a type.)
        return ["Error", "Exception", "Failure", "Fault", "Exit", "Interrupt"].contains(type) ? nil : type
    }

    /// What `read` finds first in the key line, its block's first four message lines, then the
    /// lines shown within `below` line numbers under the key.
    static func firstInKeyBlock(_ excerpt: Excerpt, below: Int, _ read: (String) -> String?) -> String? {
        guard let key = excerpt.keyLine?.line else { return nil }
        var lines: [CleanLine] = [key]
        lines += excerpt.messageLines.prefix(4)
        for shown in excerpt.lines
        where shown.line.number > key.number && shown.line.number <= key.number + below {
            lines.append(shown.line)
        }
        for line in lines {
            if let found = read(line.text) { return found }
        }
        return nil
    }

    static func appendNames(_ named: [String], to lines: inout [String]) {
        if !named.isEmpty { lines.append(FailureSignature.namesPrefix + named.joined(separator: " | ")) }
    }

    /// A masked key line that names nothing and says little: a block's announcement rather than its
    /// message (`thread panicked at`, `unknown file: Failure`, `[error] -- [E008] Not Found Error:`).
    static func announces(_ line: String) -> Bool {
        firstName(line) == nil && !isAssertion(line)
            && (line.hasSuffix(":") || line.split(separator: " ").count <= 4)
    }

    /// What a message names besides the exception's type: the first message line's names, and the
    /// next line's too where the first only names the type (`java.lang.NoSuchMethodError` over its
    /// `Caused by:`, hspec's `uncaught exception: ErrorCall` over the call's message).
    static func causeNames(_ message: [String]) -> [String] {
        guard let first = message.first else { return [] }
        var named = names(first).filter { !isTypeName($0) }
        if message.count > 1, namesOnlyAType(first) {
            for name in names(message[1]) where !isTypeName(name) && !named.contains(name) {
                named.append(name)
            }
        }
        return named
    }

    /// An exception's type (`java.lang.NoClassDefFoundError`, `ErrorCall`, `IOException`): what kind
    /// of failure, not what it is about.
    static func isTypeName(_ name: String) -> Bool {
        let last = name.split(separator: ".").last ?? Substring(name)
        return !last.contains(" ") && (last.contains("Error") || last.contains("Exception"))
    }

    /// A masked line that names an exception's type and nothing else: `java.lang.NoSuchMethodError`,
    /// `uncaught exception: ErrorCall`, `Caused by: java.io.IOException`.
    static func namesOnlyAType(_ line: String) -> Bool {
        // npm's `code ETARGET`: the kind of error, the lines under it what about.
        if line.hasPrefix("code "),
            line.dropFirst(5).allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" })
        {
            return true
        }
        let words = line.split { $0 == " " || $0 == ":" }.filter {
            !["uncaught", "unhandled", "exception", "error", "caused", "by", "thrown"].contains(
                $0.lowercased())
        }
        guard words.count == 1, let word = words.first else { return false }
        return isTypeName(String(word))
    }

    /// Where a build tool's wrapper key line (its message says only that a step failed and where
    /// to look) has the diagnostic it wraps before it in the excerpt: that line's index.
    static func wrappedDiagnostic(_ excerpt: Excerpt) -> Int? {
        guard let key = excerpt.keyLine else { return nil }
        let block = [key.line.text] + excerpt.messageLines.prefix(3).map(\.text)
        guard block.contains(where: { text in wrapperPhrases.contains { text.contains($0) } }) else {
            return nil
        }
        let wrapped = excerpt.lines.indices.filter { i in
            let line = excerpt.lines[i]
            let text = line.line.text
            guard line.line.number < key.line.number, !wrapperPhrases.contains(where: { text.contains($0) })
            else { return false }
            let body = withoutStepPrefix(Substring(text))
            // Whatever chose it: the pattern, the grammar, the green run's evidence.
            let shown = ![.runnerFallback, .stackTrace, .verdict].contains(line.reason)
            // (Kotlin's compiler marks its errors `e: ` before the file, as apt does `E: `.)
            if shown
                && (diagnosticMarkers.contains(where: { text.contains($0) }) || body.hasPrefix("E: ")
                    || body.hasPrefix("e: ") || hasBracketedLocation(body))
            {
                return true
            }
            // A test's exception under the runner's `FAILED` (`java.lang.NoClassDefFoundError at
            // X.java:28`, `…Error: expected: <1> but was: <2>`).
            let trimmed = text.drop { $0 == " " || $0 == "\t" }
            return shown && !Keywords.isFrame(trimmed)
                && exceptionMarkers.contains { text.contains($0) }
        }
        // The exception a test threw names it, not the `Caused by:` under it: where an excerpt
        // shows one test's `Caused by:` before another test's exception (the same exception in
        // each, some left out as repeats), the exception is the message, as where all are shown.
        return wrapped.first { i in
            !excerpt.lines[i].line.text.drop { $0 == " " || $0 == "\t" }.hasPrefix("Caused by:")
        } ?? wrapped.first
    }
    /// Where a build tool's wrapper key line (`Execution failed for task ':compileJava'.`) is
    /// followed by the causes it nests, each `> ` deeper than the last: the innermost's index, when
    /// it is not a wrapper too (`> There were failing tests`, `> Compilation failed; see the
    /// compiler error output`: their cause is above).
    static func nestedCause(_ excerpt: Excerpt) -> Int? {
        guard let key = excerpt.keyLine, wrapperPhrases.contains(where: { key.line.text.contains($0) }),
            let at = excerpt.lines.firstIndex(where: { $0.line == key.line })
        else { return nil }
        var inner: Int? = nil
        var number = key.line.number
        for i in excerpt.lines.indices.dropFirst(at + 1) {
            let line = excerpt.lines[i].line
            guard line.number == number + 1, line.text.drop(while: { $0 == " " }).hasPrefix("> ") else {
                break
            }
            number = line.number
            inner = i
        }
        guard let inner else { return nil }
        let text = excerpt.lines[inner].line.text
        return wrapperPhrases.contains { text.contains($0) } || text.contains("There were failing tests")
            || text.contains("See log for more details") ? nil : inner
    }

    static let exceptionMarkers = ["Error: ", "Exception: ", "Error at ", "Exception at "]

    /// npm's headings over the package its resolver could not place.
    static let resolverHeadings = ["Could not resolve dependency:", "Conflicting peer dependency:"]

    /// Maven's compiler plugin's location: `[ERROR] /b/src/A.java:[41,20] cannot find symbol`.
    static func hasBracketedLocation(_ text: Substring) -> Bool {
        guard let r = text.range(of: ":[") else { return false }
        return text[r.upperBound...].first?.isNumber == true && text[r.upperBound...].contains(",")
    }
    static let wrapperPhrases = [
        "Execution failed for task", "Failed to execute goal", "did not complete successfully",
        "see the compiler error output", "Compilation failure", "Build failed with an exception",
    ]
    static let diagnosticMarkers = [": error:", ": error ", "error[", ": fatal error:"]

    /// `line` without BuildKit's step prefix (`#5 `, `#5 8.53 `).
    static func withoutStepPrefix(_ line: Substring) -> Substring {
        guard line.first == "#" else { return line }
        var t = line.dropFirst()
        let step = t.prefix { $0.isNumber }
        guard !step.isEmpty, t.dropFirst(step.count).first == " " else { return line }
        t = t.dropFirst(step.count + 1)
        let clock = t.prefix { $0.isNumber || $0 == "." }
        if clock.contains("."), t.dropFirst(clock.count).first == " " { t = t.dropFirst(clock.count + 1) }
        return t
    }

    /// The first labelled line (`symbol: method getOwner()`) among the three right under the key
    /// line, indented deeper than it (past an `[ERROR]`-style tag): the diagnostic's detail, under
    /// the code snippet and caret a compiler may print first.
    static func detailLine(_ excerpt: Excerpt, after at: Int) -> String? {
        func body(_ text: String) -> Substring {
            var t = Substring(text)
            if t.hasPrefix("["), let close = t.firstIndex(of: "]"),
                t.distance(from: t.startIndex, to: close) < 10
            {
                t = t[t.index(after: close)...]
            }
            return t
        }
        let indent = { (t: Substring) in t.prefix { $0 == " " || $0 == "\t" }.count }
        let key = excerpt.lines[at].line
        let keyIndent = indent(body(key.text))
        var number = key.number
        for line in excerpt.lines[(at + 1)...].prefix(3) {
            guard line.line.number == number + 1 else { return nil }
            number += 1
            let nextBody = body(line.line.text)
            let trimmed = nextBody.drop { $0 == " " || $0 == "\t" }
            guard indent(nextBody) >= keyIndent + 2 else { return nil }
            let label = trimmed.prefix { $0.isLetter }
            if !label.isEmpty, trimmed.dropFirst(label.count).first == ":", !Keywords.isFrame(trimmed),
                label != "Caused"
            {
                return line.line.text
            }
        }
        return nil
    }

    /// A backslash that separates a path's parts (`C:\builds\x`, `Money\Rounding`), not one that
    /// escapes a quote (`"unsupported(\"round_up\")"`).
    static func hasPathBackslash(_ word: String) -> Bool {
        var previous: Character? = nil
        for c in word {
            if previous == "\\", c != "\"", c != "'" { return true }
            previous = c
        }
        return false
    }

    /// A name that holds a slash or a backslash and is no path: a function and its arity
    /// (Elixir's and Erlang's `Money.round_up/1`, `lists:map/2`), a PHP namespace
    /// (`Money\Rounding::up()`, `App\Models\User`: each part before the last a capitalised
    /// identifier, no drive, no file extension).
    static func isQualifiedName(_ word: Substring) -> Bool {
        let w = word.drop { "'\"`(".contains($0) }
        if let slash = w.lastIndex(of: "/"), !w.contains("\\") {
            let arity = w[w.index(after: slash)...].prefix { $0.isNumber }
            let rest = w[w.index(after: slash)...].dropFirst(arity.count)
            let name = w[..<slash]
            return !arity.isEmpty && rest.allSatisfy { !$0.isLetter && !$0.isNumber && $0 != "/" }
                && !name.contains("/")
                && name.last.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "?" || $0 == "!" } == true
                && name.contains(where: \.isLetter)
        }
        guard !w.contains("/"), w.dropFirst().first != ":" else { return false }
        let parts = w.split(separator: "\\", omittingEmptySubsequences: false)
        guard parts.count >= 2, let last = parts.last, !last.isEmpty else { return false }
        for part in parts.dropLast() {
            guard part.first?.isUppercase == true,
                part.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
            else { return false }
        }
        // `Foo\Bar.cs`, `Foo\Bar.php:12`: a file.
        let stem = last.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return
            !(last.dropFirst(stem.count).first == "."
            && last.dropFirst(stem.count + 1).first?.isLetter == true)
    }

    /// `name.ext:N[:M][:]`: a file and a line in it.
    static func isLocation(_ word: Substring) -> Bool {
        guard let colon = word.firstIndex(of: ":"), word[..<colon].contains(".") else { return false }
        return word[word.index(after: colon)...].first?.isNumber == true
    }

    /// A line that is a location and at most a severity: `src/A.hs:41:18: error:`,
    /// `/b/a_test.cpp:41: Failure`, `test/ASpec.hs:22:30:`.
    static func isBareLocation(_ text: String) -> Bool {
        let start = text.utf8.withContiguousStorageIfAvailable { LineShape.skipDecorations($0) } ?? 0
        let words = text.utf8.dropFirst(start).split(separator: 0x20).map { Substring($0) }.filter {
            !$0.isEmpty && $0 != "\t"
        }
        var located = false
        for word in words {
            let file =
                word.lastIndex { $0 == "/" || $0 == "\\" }.map { word[word.index(after: $0)...] } ?? word
            if isLocation(file) {
                located = true
            } else if !["error:", "error", "Error:", "Failure", "failure:", "warning:", "fatal:"].contains(
                word)
            {
                return false
            }
        }
        return located
    }

    /// A line that only announces what follows: at most four words ending in `:`, naming nothing
    /// (`Failures:`, `NoMethodError:`, `* What went wrong:`).
    static func isHeading(_ line: String) -> Bool {
        line.hasSuffix(":") && line.split(separator: " ").count <= 4 && firstName(line) == nil
    }

    /// A frame of the language's runtime or test harness, not of the code that failed
    /// (`testing.tRunner.func1.<n>(…)`, `panic({…})`, `created by testing.(*T).Run`, `runtime.gopark`).
    static func isRuntimeFrame(_ line: String) -> Bool {
        runtimeFramePrefixes.contains { line.hasPrefix($0) } || line.hasPrefix("goroutine ")
    }
    static let runtimeFramePrefixes = [
        "testing.", "runtime.", "panic(", "created by ", "main.main(", "std::", "core::", "<std::", "<core::",
    ]

    /// Path segments under which a tool keeps other people's code: the package the failure
    /// happened in when the key line, or the first frame under a crash that is not the runtime's,
    /// is in one of them.
    ///
    /// | line | package |
    /// |---|---|
    /// | `thread 't' panicked at /usr/local/cargo/registry/src/index.crates.io-6f1/serde_json-1.0.122/src/de.rs:9:5:` | `serde_json` |
    /// | `\t/root/go/pkg/mod/github.com/acme/retryhttp@v1.8.0/client.go:112 +0x3c` | `retryhttp` |
    /// | `  File "/usr/lib/python3/site-packages/requests/adapters.py", line 519` | `requests` |
    static func foreignPackage(_ excerpt: Excerpt, identity: ProjectIdentity?) -> String? {
        guard let key = excerpt.keyLine, let at = excerpt.lines.firstIndex(where: { $0.line == key.line })
        else { return nil }
        if let package = foreignPackage(in: key.line.text) { return package }
        // A parse error is the file's the parser read: Node prints its location over the code and
        // the caret (`/b/node_modules/nanoid/index.js:1`, then `SyntaxError: Cannot use import …`).
        if key.line.text.contains("SyntaxError") {
            let file = nearKey(excerpt, at, above: true, lines: 6, reach: 8) { text -> Substring? in
                guard text.contains("/"), let word = text.split(separator: " ").last, isLocation(word) else {
                    return nil
                }
                return word
            }
            if let file { return foreignPackage(in: String(file)) }
        }
        // An assertion that names something, raised in a dependency's code, is the dependency's: its
        // own check failed, not the test's. Where it was raised: pytest's location under its `E`
        // lines (`/usr/lib/python3/site-packages/tessera/rounding.py:31: AssertionError`), or a
        // traceback's last frame over it.
        let masked = Masker.mask(placeless(key.line.text, identity: identity))
        if isAssertion(masked), firstName(String(withoutPytestLead(masked))) != nil {
            let raised = nearKey(excerpt, at, above: false, lines: 4, reach: 4) { text -> Substring? in
                guard let first = text.split(separator: " ").first, first.hasSuffix(":"),
                    isLocation(first.dropLast()), first.contains("/")
                else { return nil }
                return first
            }
            if let raised, let package = foreignPackage(in: String(raised)) { return package }
            // A traceback's last frame over it (`File "/usr/lib/python3/site-packages/tessera/
            // rounding.py", line 31, in quantize`, its code, carets; pytest's short form
            // `/usr/lib/…/tessera/rounding.py:31: in _check_mode`).
            let frame = nearKey(excerpt, at, above: true, lines: 4, reach: 4) { text -> String? in
                let words = text.split(separator: " ")
                let short =
                    words.count >= 2 && words[1] == "in" && words[0].hasSuffix(":")
                    && isLocation(words[0].dropLast())
                return text.hasPrefix("File \"") || short ? text : nil
            }
            if let frame, let package = foreignPackage(in: frame) { return package }
        }
        guard excerpt.category == "crash" else { return nil }
        for line in excerpt.lines[(at + 1)...].prefix(24) where line.line.number <= key.line.number + 40 {
            let text = line.line.text
            guard text.contains("/") else { continue }
            if let package = foreignPackage(in: text) { return package }
            let trimmed = text.drop { $0 == " " || $0 == "\t" }
            if isRuntimeFrame(String(trimmed)) || runtimePaths.contains(where: { text.contains($0) }) {
                continue
            }
            // A frame of the project's own code: the crash is the project's.
            if text.contains("/builds/") || identity.map({ text.contains($0.path) }) == true { return nil }
        }
        return nil
    }

    /// What `match` reads in the first shown line next to the key line (`at` in `excerpt.lines`)
    /// that it reads at all: of the `lines` shown lines above it, nearest first, or below it,
    /// within `reach` line numbers; the text trimmed of spaces.
    static func nearKey<T>(
        _ excerpt: Excerpt, _ at: Int, above: Bool, lines: Int, reach: Int, _ match: (String) -> T?
    ) -> T? {
        let key = excerpt.lines[at].line.number
        let near =
            above
            ? Array(excerpt.lines[..<at].suffix(lines).reversed())
            : Array(excerpt.lines[(at + 1)...].prefix(lines))
        for line in near where abs(line.line.number - key) <= reach {
            if let found = match(line.line.text.trimmingSpaces()) { return found }
        }
        return nil
    }

    static let runtimePaths = ["/usr/local/go/src/", "/usr/lib/go", "/rustc/", "/go/src/runtime/"]
    static let foreignMarkers: [(marker: String, skip: Int)] = [
        ("/registry/src/", 1), ("/pkg/mod/", 0), ("/site-packages/", 0), ("/dist-packages/", 0),
        ("/node_modules/", 0), ("/.julia/packages/", 0), ("/gems/", 0), ("/.m2/repository/", 0),
    ]

    static func foreignPackage(in text: String) -> String? {
        for (marker, skip) in foreignMarkers {
            guard let range = text.range(of: marker, options: .backwards) else { continue }
            var rest = text[range.upperBound...].split(separator: "/", omittingEmptySubsequences: true)
                .dropFirst(skip)
            if marker == "/pkg/mod/" {
                // A module path up to its `@version`: `github.com/acme/retryhttp@v1.8.0`.
                guard let i = rest.firstIndex(where: { $0.contains("@") }) else { continue }
                rest = rest[i...]
                return rest.first.map { String($0[..<($0.firstIndex(of: "@") ?? $0.endIndex)]) }
            }
            if marker == "/node_modules/", rest.first?.hasPrefix("@") == true, rest.count > 1 {
                return rest.prefix(2).joined(separator: "/")
            }
            guard var name = rest.first.map(String.init), !name.isEmpty else { continue }
            if name.hasSuffix(".py") { name.removeLast(3) }
            // `serde_json-1.0.122`, `rack-2.2.8`: the version goes.
            if let dash = name.lastIndex(of: "-"), name[name.index(after: dash)...].first?.isNumber == true {
                name = String(name[..<dash])
            }
            if name.contains(where: \.isLetter) { return name }
        }
        return nil
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
        isAssertion(line) || firstName(String(withoutPytestLead(line))) == nil
    }

    /// A masked message line that states an assertion (`assert <n> == <n>`, `Expression: …`,
    /// `expected: <1> but was: <2>`).
    static func isAssertion(_ line: String) -> Bool {
        let lower = withoutPytestLead(line).lowercased()
        for prefix in assertionPrefixes where lower.hasPrefix(prefix) { return true }
        for infix in assertionInfixes where lower.contains(infix) { return true }
        return false
    }

    /// `line` without leading blanks and pytest's `E ` lead.
    static func withoutPytestLead(_ line: String) -> Substring {
        var t = Substring(line.drop { $0 == " " || $0 == "\t" })
        if t.hasPrefix("E ") { t = t.dropFirst(2).drop { $0 == " " } }
        return t
    }

    static let assertionPrefixes = [
        "assert", "expression:", "evaluated:", "expected", "expect(", "failed asserting",
        "value of:", "test failed", "error: assertion", "panicked at", "thread '", "require(", "check(",
        "require_that(", "check_that(",
    ]
    static let assertionInfixes = [" but was:", " but was <", "assertion failed", "assertion `"]

    /// Whether a quoted text has a letter that is not a mask's (`"^<v>"`, a version, has none).
    static func hasLetter(_ text: ArraySlice<Character>) -> Bool {
        var inMask = false
        for c in text {
            if c == "<" {
                inMask = true
            } else if c == ">" {
                inMask = false
            } else if c.isLetter && !inMask {
                return true
            }
        }
        return false
    }

    /// The first parts of English hyphenated words (`non-ASCII`, `built-in`): no package's name.
    static let englishPrefixes: Set<String> = [
        "non", "pre", "re", "co", "self", "multi", "sub", "built", "up", "well", "semi", "anti", "un",
        "cross", "over", "under", "end", "top", "read", "write", "left", "right", "first", "third",
    ]

    /// Words that follow a naming word and name nothing: `Cannot use import statement outside a
    /// module`, `module is not …`.
    static let notNames: Set<String> = [
        "named", "statement", "a", "an", "the", "is", "was", "not", "from", "for", "in", "of", "to",
        "with", "that", "and", "or",
    ]

    /// A test's name, the place of a failure rather than its cause: a dotted name's last part
    /// `test_…`, or a capitalised name ending in `Test`, `Tests`, `TestCase` or `Spec` after a
    /// lowercase letter (`ParserTest`, `RetryTests`; not `RSpec`, `TestClient`).
    static func isTestName(_ name: String) -> Bool {
        let last = name.split(whereSeparator: { $0 == "." || $0 == ":" }).last.map(String.init) ?? name
        if last.hasPrefix("test_") || last.hasPrefix("Test_") { return true }
        guard last.first?.isUppercase == true else { return false }
        for suffix in ["Test", "Tests", "TestCase", "Spec"] where last.hasSuffix(suffix) {
            let before = last.dropLast(suffix.count).last
            if before?.isLowercase == true || before?.isNumber == true { return true }
        }
        return false
    }

    /// The end of a package named by its vendor (`acme/php-sdk`: lowercase letters, digits, `-`,
    /// `_`, `.` on each side of one slash, each side starting with a letter) starting at `i`; nil
    /// where the text there is not one.
    static func packageEnd(_ chars: [Character], from i: Int) -> Int? {
        func isPart(_ c: Character) -> Bool {
            (c.isASCII && (c.isLowercase || c.isNumber)) || c == "-" || c == "_" || c == "."
        }
        var k = i
        var slashes = 0
        while k < chars.count {
            if isPart(chars[k]) {
                k += 1
            } else if chars[k] == "/", slashes == 0, k + 1 < chars.count, chars[k + 1].isLetter {
                slashes += 1
                k += 1
            } else {
                break
            }
        }
        while k > i && chars[k - 1] == "." { k -= 1 }
        guard slashes == 1, chars[i].isLetter, k == chars.count || !(chars[k].isLetter || chars[k].isNumber)
        else { return nil }
        return k
    }

    /// Words between a naming word and the name: `symbol: method getOwner()`.
    static let kindWords: Set<String> = [
        "method", "function", "variable", "field", "constructor", "interface", "type", "value", "object",
    ]

    /// Words that precede a name: `for package Tables`, `module Foo`, `class Bar`.
    static let namingWords: Set<String> = [
        "package", "packages", "module", "crate", "class", "symbol", "import", "gem", "dependency",
        "library", "artifact", "code",
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
        names(line, limit: 1).first
    }

    /// Every name a message line carries, in order and without repeats, by `firstName`'s rules: a
    /// quoted word is one name, and the search goes on after its closing quote.
    ///
    /// | line | names |
    /// |---|---|
    /// | `NoSuchMethodError: Class 'Money' has no instance method 'round_up'.` | `Money`, `round_up` |
    /// | `AttributeError: module 'money' has no attribute 'round_up'` | `money`, `round_up` |
    /// | `BoundsError: attempt to access <n>-element Vector{Float64} at index [<n>]` | none |
    public static func names(_ line: String, limit: Int = .max) -> [String] {
        names(line, limit: limit, quotedOnly: false)
    }

    /// `names`; with `quotedOnly`, only the quoted ones (what a call's arguments name: the values
    /// it was given, not their types).
    static func names(_ line: String, limit: Int, quotedOnly: Bool) -> [String] {
        let chars = Array(line)
        func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
        func isNameChar(_ c: Character) -> Bool { isWord(c) || c == "." || c == ":" || c == "!" }
        var found: [String] = []
        func take(_ name: String) -> Bool {
            // A test's name (`ParserTest`, `tests.test_parser.ParserTest.test_parse`) is the place.
            if isTestName(name) { return false }
            if !found.contains(name) { found.append(name) }
            return found.count >= limit
        }
        /// Takes what a call's arguments name: only the values quoted in them; true at the limit.
        func takeQuoted(_ arguments: String) -> Bool {
            names(arguments, limit: .max, quotedOnly: true).contains { take($0) }
        }
        var i = 0
        var wordIndex = 0
        var previousWord = ""
        var beforePrevious = ""
        while i < chars.count {
            let c = chars[i]
            if c == "'" || c == "`" || c == "\"" || c == "‘" || c == "“" {
                let close: Character = c == "‘" ? "’" : c == "“" ? "”" : c
                // (An escaped quote, `\"`, does not close it.)
                if let end = chars[(i + 1)...].indices.first(where: {
                    chars[$0] == close && chars[$0 - 1] != "\\"
                }),
                    end > i + 1, hasLetter(chars[(i + 1)..<end])
                {
                    // A call names its callee and what its arguments name, not the values it was
                    // given: `round_up(x)` names `round_up`, `unsupported(\"up\")` `unsupported`, `up`.
                    let quoted = chars[(i + 1)..<end]
                    if let open = quoted.firstIndex(of: "("), quoted[..<open].contains(where: { $0.isLetter })
                    {
                        let arguments = String(quoted[(open + 1)...]).replacingOccurrences(
                            of: "\\\"", with: "\"")
                        if take(String(quoted[..<open])) || takeQuoted(arguments) { return found }
                    } else if take(String(quoted)) {
                        return found
                    }
                    i = end + 1
                    (previousWord, beforePrevious) = ("", "")
                    continue
                }
                i += 1
                continue
            }
            guard isWord(c), !quotedOnly else {
                i += 1
                continue
            }
            // The whole dotted run (`Base._tablesz`, `apiclient.ListJobsOptions`), trailing dots off.
            var end = i
            while end < chars.count && isNameChar(chars[end]) { end += 1 }
            // A package by its vendor (`acme/php-sdk`, what `placeless` keeps of a slashed word).
            if end < chars.count, chars[end] == "/" || chars[end] == "-",
                let stop = packageEnd(chars, from: i)
            {
                if take(String(chars[i..<stop])) { return found }
                i = stop
                (previousWord, beforePrevious) = ("", "")
                continue
            }
            while end > i && (chars[end - 1] == "." || chars[end - 1] == ":") { end -= 1 }
            let run = String(chars[i..<end])
            var j = i
            while j < chars.count && isWord(chars[j]) { j += 1 }
            let word = String(chars[i..<j])
            let next: Character = j < chars.count ? chars[j] : " "
            let after: Character = j + 1 < chars.count ? chars[j + 1] : " "
            let start = i
            // (`symbol: method getOwner()`: the kind of thing is not its name; the name follows.)
            let kind = namingWords.contains(previousWord) && kindWords.contains(word.lowercased())
            defer {
                if !kind {
                    beforePrevious = previousWord
                    previousWord = word.lowercased()
                }
                wordIndex += 1
            }
            // A name that is a dotted run goes on past its first word: the next word starts after it.
            func named(_ name: String, through stop: Int) -> Bool {
                i = max(j, stop)
                return take(name) || skipArguments()
            }
            /// A call's arguments (`promote_shape(::Tuple{Base.OneTo{Int64}})`): what it was given,
            /// by each caller its own; only the values quoted in them name something. True at the limit.
            func skipArguments() -> Bool {
                guard i < chars.count, chars[i] == "(" else { return false }
                var depth = 0
                var k = i
                while k < chars.count {
                    if chars[k] == "(" { depth += 1 } else if chars[k] == ")" { depth -= 1 }
                    if depth == 0 { break }
                    k += 1
                }
                let arguments = String(chars[(i + 1)..<min(k, chars.count)])
                i = min(k + 1, chars.count)
                return takeQuoted(arguments)
            }
            i = j
            if kind { continue }
            let isPlaceholder = start > 0 && chars[start - 1] == "<" && next == ">"
            if isPlaceholder || !word.contains(where: { $0.isLetter }) { continue }
            if (namingWords.contains(previousWord) || (previousWord == "on" && beforePrevious == "depends"))
                && word.first?.isLetter == true && !notNames.contains(word.lowercased())
            {
                if named(run, through: end) { return found }
                continue
            }
            let typeWord =
                word.hasSuffix("Error") || word.hasSuffix("Exception")
                || (wordIndex == 0 && next == ":" && after == " ")
            if typeWord { continue }
            if run != word && run.contains(where: { $0 == "." || $0 == ":" }) {
                if named(run, through: end) { return found }
                continue
            }
            if word.contains("_") && word.filter({ $0.isLetter }).count >= 2 {
                if named(run, through: end) { return found }
                continue
            }
            var sawLower = false
            var innerCapital = false
            for ch in word {
                if ch.isLowercase {
                    sawLower = true
                } else if ch.isUppercase && sawLower {
                    innerCapital = true
                }
            }
            if innerCapital {
                if named(run, through: end) { return found }
                continue
            }
            if next == "(" || next == "@"
                || (next == "-" && after.isLetter && !englishPrefixes.contains(word.lowercased()))
                || ("=<>~!".contains(next) && after == "=")
            {
                if take(word) || skipArguments() { return found }
            }
        }
        return found
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
        "certificate-expired": ("certificate-expired", 3),
    ]

    static let toolPrefixes = ["npm ERR! ", "npm error ", "npm WARN ", "npm warn ", "npm ERR!", "npm error"]

    /// `w` with each run of 16 or more lowercase letters and digits holding at least three of each
    /// (a build cache's random ref, `bc5n9guxpgq5kt9ycfizifrex`) as `<id>`.
    static func randomRunsMasked(_ w: Substring) -> Substring {
        guard w.utf8.count >= 16 else { return w }
        var out = ""
        var run = ""
        func flush() {
            let digits = run.filter(\.isNumber).count
            if run.count >= 16 && digits >= 3 && run.count - digits >= 3 { out += "<id>" } else { out += run }
            run = ""
        }
        for c in w {
            if c.isASCII && (c.isLowercase || c.isNumber) {
                run.append(c)
            } else {
                flush()
                out.append(c)
            }
        }
        flush()
        return Substring(out)
    }

    /// Ruby's `NoMethodError`/`NameError` message in one spelling, whichever Ruby printed it:
    /// 3.4 quotes the method `'f'` where earlier ones wrote `` `f' ``, and 3.3 names the receiver
    /// `class File`, `module URI`, `nil`, `an instance of Money` where earlier ones wrote
    /// `File:Class`, `URI:Module`, `nil:NilClass`, `#<Money:0x…>`. The spelling kept names the
    /// receiver as one word, so that a method missing on `nil` and on `URI` stay two causes.
    ///
    /// | Ruby 3.2 or 3.4 | both |
    /// |---|---|
    /// | ``undefined method `exists?' for File:Class``, `… 'exists?' for class File` | `undefined method 'exists?' for File:Class` |
    /// | ``undefined method `escape' for URI:Module``, `… 'escape' for module URI` | `undefined method 'escape' for URI:Module` |
    /// | ``undefined method `name' for nil:NilClass``, `… 'name' for nil` | `undefined method 'name' for nil:NilClass` |
    /// | ``undefined method `cents' for #<Money:0x0000 @amount=3>``, `… for an instance of Money` | `undefined method 'cents' for Money:instance` |
    static func rubyUndefined(_ text: String) -> String {
        guard
            let u = text.range(of: "undefined method ")
                ?? text.range(of: "undefined local variable or method ")
        else { return text }
        var rest = Substring(text[u.upperBound...])
        var out = String(text[..<u.upperBound])
        // The name: `` `f' `` → `'f'`.
        if rest.first == "`", let close = rest.dropFirst().firstIndex(where: { $0 == "'" || $0 == "`" }),
            !rest[rest.index(after: rest.startIndex)..<close].contains(" ")
        {
            out += "'" + rest[rest.index(after: rest.startIndex)..<close] + "'"
            rest = rest[rest.index(after: close)...]
        } else if rest.first == "'", let close = rest.dropFirst().firstIndex(of: "'") {
            out += rest[...close]
            rest = rest[rest.index(after: close)...]
        }
        guard rest.hasPrefix(" for ") else { return out + rest }
        out += " for "
        rest = rest.dropFirst(5)
        func word(_ r: Substring) -> Substring {
            r.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" }
        }
        if rest.hasPrefix("nil"), !rest.hasPrefix("nil:") {
            let after = rest.dropFirst(3)
            if after.first.map({ !$0.isLetter && !$0.isNumber && $0 != "_" }) ?? true {
                return out + "nil:NilClass" + after
            }
        }
        for (kind, suffix) in [
            ("class ", ":Class"), ("module ", ":Module"), ("an instance of ", ":instance"),
        ]
        where rest.hasPrefix(kind) {
            let name = word(rest.dropFirst(kind.count))
            if name.first?.isUppercase == true {
                return out + name + suffix + rest.dropFirst(kind.count + name.count)
            }
        }
        if rest.hasPrefix("#<"), let end = rest.firstIndex(of: ">") {
            let name = rest.dropFirst(2).prefix { $0 != ":" && $0 != " " && $0 != ">" }
            if name.first?.isUppercase == true {
                return out + name + ":instance" + rest[rest.index(after: end)...]
            }
        }
        return out + rest
    }

    /// `text` without CI decorations, the project's identity words, file paths and locations:
    /// `  [3] f at /builds/g/Foo.jl/src/a.jl:12` → `[3] f at`.
    static func placeless(_ text: String, identity: ProjectIdentity?, keepingNames: Bool = false) -> String {
        var t = text
        let start = t.withUTF8 { LineShape.skipDecorations($0) }
        if start > 0 {
            let u = t.utf8
            t = String(t[u.index(u.startIndex, offsetBy: start)...]) ?? t
        }
        t = String(withoutStepPrefix(Substring(t)))
        // A tool's own line prefix is decoration too, in each of its versions' spellings.
        for prefix in toolPrefixes where t.hasPrefix(prefix) {
            t = String(t.dropFirst(prefix.count))
            break
        }
        if t.contains("undefined ") { t = rubyUndefined(t) }
        // golangci-lint's linter after the compiler's message (`declared and not used: x
        // (typecheck)`): the message is the compiler's, as `go build` prints it.
        if t.hasSuffix(")"), t.contains(".go:"), let open = t.lastIndex(of: "("), open > t.startIndex,
            t[t.index(before: open)] == " ",
            t[t.index(after: open)..<t.index(before: t.endIndex)].allSatisfy({
                $0.isLowercase || $0.isNumber || $0 == "-"
            }), t.index(after: open) < t.index(before: t.endIndex)
        {
            t = String(t[..<t.index(before: open)])
        }
        // A deprecation is named by its symbol: the note after it (`'SHA256_Init' is deprecated:
        // Since OpenSSL 3.0`) is the library's, printed by one compiler and not by another.
        if let deprecated = t.range(of: " is deprecated: ") {
            t = t[..<deprecated.lowerBound] + " is deprecated"
        }
        // XCTest's `error: -[Module.Tests testX] : message` (`error: Tests.testX : message` on
        // Linux): the test is the place.
        if let e = t.range(of: "error: ") {
            let rest = t[e.upperBound...]
            var cut: String.Index? = nil
            if rest.hasPrefix("-["), let close = rest.firstIndex(of: "]"), rest[close...].hasPrefix("] : ") {
                cut = rest.index(close, offsetBy: 4)
            } else if let sep = rest.range(of: " : "), rest[..<sep.lowerBound].contains("."),
                !rest[..<sep.lowerBound].contains(" ")
            {
                cut = sep.upperBound
            }
            if let cut { t = String(t[..<e.upperBound] + t[cut...]) }
        }
        // Zig's test runner: `error: 'test.rounds up' failed: error.Unsupported`; the test is the place.
        if t.hasPrefix("error: 'test."), let failed = t.range(of: "' failed: ") {
            t = "error: " + t[failed.upperBound...]
        }
        // A Rust panic's thread is the test that panicked: the place, not the cause.
        if t.hasPrefix("thread '"), let close = t.dropFirst(8).firstIndex(of: "'") {
            t = "thread" + t[t.index(after: close)...]
        }
        if let identity {
            for word in identity.words where t.range(of: word, options: .caseInsensitive) != nil {
                t = t.replacingOccurrences(of: word, with: "", options: .caseInsensitive)
            }
        }
        // Words holding a path separator, and `name.ext:N[:M]` locations, go.
        var kept: [String] = []
        var droppedNames: [String] = []
        let words = t.split(separator: " ", omittingEmptySubsequences: false)
        for (n, word) in words.enumerated() {
            // A compiler's flag (`[-Werror,-Wdeprecated-declarations]`) is how it was reported.
            if word.hasPrefix("[-") { continue }
            var w = String(randomRunsMasked(word))
            // A package by its vendor at a version (Composer's `acme/php-sdk 5.0.0 requires …`,
            // `acme/php-sdk[5.0.0]`) is no path.
            let versioned =
                w.contains("[")
                || (n + 1 < words.count && words[n + 1].first.map { "0123456789^~v".contains($0) } == true
                    && words[n + 1].contains(where: \.isNumber))
            let chars = versioned ? Array(w) : []
            if versioned, let end = packageEnd(chars, from: 0), end >= chars.count - 1 || chars[end] == "[" {
                kept.append(w)
                continue
            }
            if (w.contains("/") || hasPathBackslash(w)) && !isQualifiedName(Substring(w)) {
                // A quoted path names a file (`"/config/router.yaml": not found`): its last part
                // stays. A frame's module path (`github.com/acme/retryhttp.(*Client).Do(`) keeps
                // its last part when names are kept.
                let quoted = w.first == "\"" || w.first == "'" || w.first == "`"
                guard let slash = w.lastIndex(where: { $0 == "/" || $0 == "\\" }) else { continue }
                let last = w[w.index(after: slash)...]
                // A class in the JVM's slashed form (`org/apache/commons/logging/LogFactory`).
                let className =
                    w.first?.isLetter == true && last.first?.isUppercase == true
                    && last.allSatisfy { $0.isLetter || $0.isNumber || $0 == "$" }
                // A module at a version (`github.com/acme/money@v2.0.0`, `@scope/pkg@1.2.3`).
                let module = last.contains("@") && last.first?.isLetter == true
                guard quoted || keepingNames || className || module, last.contains(where: \.isLetter) else {
                    if last.contains(where: \.isLetter) { droppedNames.append(String(last)) }
                    continue
                }
                w = (quoted ? String(w.prefix(1)) : "") + last
            }
            // A test's class quoted in its message (`'InvoiceTest' object has no attribute …`)
            // is the place.
            if let q = w.first, "'\"`".contains(q) {
                let inner = w.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
                if !inner.isEmpty, w.dropFirst(inner.count + 1).first == q, isTestName(String(inner)) {
                    continue
                }
            }
            // The linker's place in an object (`exporter.cpp:(.text+0x1a):`).
            if w.contains(":(.") { continue }
            if isLocation(Substring(w)) {
                // `X at RelayService.java:28` says X, as `X: message` does.
                if let last = kept.last, ["at", "in"].contains(last) { kept.removeLast() }
                continue
            }
            kept.append(String(w))
        }
        // A line that was little but a path (`FAIL: tests/test_graph`) keeps the path's last part:
        // without it the line would say nothing.
        if kept.filter({ !$0.isEmpty }).count <= 1, let name = droppedNames.first { kept.append(name) }
        return kept.joined(separator: " ")
    }
}
