/// Reads one ecosystem's dependency lines: a named function from a cleaned line to events.
///
/// Contract for implementations: return `[]` for any line that is not a listing line (most lines
/// of a trace), decide from the line alone (no state), and bail out early — the parser runs on
/// every line of multi-megabyte traces. A new ecosystem is one new value of this type added to the
/// list given to `DependencyParser.parse(_:parsers:)`.
public struct DependencyLineParser: Sendable {
    /// For diagnostics and tests (`"julia"`, `"pip"`, …).
    public var name: String
    public var parse: @Sendable (Substring) -> [DependencyEvent]

    public init(name: String, parse: @escaping @Sendable (Substring) -> [DependencyEvent]) {
        self.name = name
        self.parse = parse
    }

    public func callAsFunction(_ line: Substring) -> [DependencyEvent] { parse(line) }
    public func callAsFunction(_ line: String) -> [DependencyEvent] { parse(Substring(line)) }
}

/// Builds the dependency listing of a cleaned trace.
public enum DependencyParser {
    /// The built-in parsers: Julia, pip, npm, Go, Cargo, Maven (see each for what it reads).
    public static let defaultParsers: [DependencyLineParser] = [.julia, .pip, .npm, .go, .cargo, .maven]

    /// The dependencies `log` shows, one per key: every line goes through every parser in order,
    /// and events are applied in line order, so the last occurrence of a key wins (an upgrade or a
    /// removal during the run leaves the final state). Lines longer than 64 KiB are skipped.
    public static func parse(_ log: CleanedLog, parsers: [DependencyLineParser] = defaultParsers)
        -> DependencyListing
    {
        var listing = DependencyListing()
        for line in log.lines where line.text.utf8.count <= 65_536 {
            let text = Substring(line.text)
            for parser in parsers {
                for event in parser.parse(text) { listing.apply(event, line: line.number) }
            }
        }
        return listing
    }
}

// MARK: - Line scanning helpers

extension Substring {
    /// Without leading spaces and tabs.
    var trimmingLeadingBlanks: Substring { drop { $0 == " " || $0 == "\t" } }

    /// Without leading and trailing spaces and tabs.
    var trimmingBlanks: Substring {
        var s = trimmingLeadingBlanks
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }

    /// The rest after `prefix`, or nil.
    func after(_ prefix: String) -> Substring? {
        hasPrefix(prefix) ? dropFirst(prefix.count) : nil
    }

    /// Words separated by runs of spaces or tabs.
    var words: [Substring] { split(whereSeparator: { $0 == " " || $0 == "\t" }) }

    /// True when the text starts with an ASCII digit.
    var startsWithDigit: Bool { first?.isASCIIDigit == true }

    /// `v1.2.3` → `1.2.3` when a digit follows the `v`; nil otherwise.
    var droppingVersionV: Substring? {
        guard first == "v", dropFirst().startsWithDigit else { return nil }
        return dropFirst()
    }
}

extension Character {
    /// `[0-9a-f]`.
    var isLowerHexDigit: Bool { isASCIIDigit || ("a"..."f").contains(self) }
    /// Letters, digits, `_` — the characters of a Julia package name (ASCII or not).
    var isIdentifierCharacter: Bool { isLetter || isNumber || self == "_" || self == "!" }
}

// MARK: - Julia

extension DependencyLineParser {
    /// Julia's `Pkg` listings and the Julia version itself (name `julia`).
    ///
    /// Reads (leading blanks ignored):
    /// - `[a93c6f00] DataFrames v1.6.1` — `Status` and `Updating` entries, with an optional state
    ///   marker before the bracket (`⌅`, `⌃`, `→`, `?`), an optional change marker after it
    ///   (`+`, `↑`, `↓`, `~`; `-` is a removal), trailing notes ignored (`⚲`, `[loaded: v1.5.0]`,
    ///   a dev path). With `⇒` the version after it wins: `[a93c6f00] ↑ DataFrames v1.6.0 ⇒ v1.7.0`
    ///   is 1.7.0.
    /// - `Installed DataFrames ─── v1.6.1` (the `─` run is required).
    /// - `Julia Version 1.10.2` (`versioninfo()`), `julia version 1.10.2` (`julia --version`):
    ///   the whole line, version starting with a digit.
    ///
    /// Skipped on purpose: standard-library entries without a version (`[8dfed614] Test`,
    /// `[2a0f44e3] + Base64`, `Base64 [`@stdlib/Base64`]`) — they carry no version of their own and
    /// move with `julia`, which is listed; `Status`/`Updating` headers, `Precompiling project...`,
    /// `✓ DataFrames` progress lines, `[ Info: …` log lines, stack frames `[1] f() at x.jl:3`,
    /// packages tracked by branch (`[…] Foo #master (https://…)`), which have no version.
    /// Versions drop Julia's `v`: `v0.5.3+1` is stored as `0.5.3+1`.
    public static let julia = DependencyLineParser(name: "julia", parse: parseJulia)

    static func parseJulia(_ line: Substring) -> [DependencyEvent] {
        var s = line.trimmingLeadingBlanks
        guard let first = s.first else { return [] }
        switch first {
        case "J", "j":
            let rest = s.after("Julia Version ") ?? s.after("julia version ")
            guard let rest else { return [] }
            let version = rest.trimmingBlanks
            guard version.startsWithDigit, !version.contains(" ") else { return [] }
            return [.present(Dependency(ecosystem: .julia, name: "julia", version: String(version)))]
        case "I":
            guard let rest = s.after("Installed ") else { return [] }
            let w = rest.words
            guard w.count == 3, w[0].allSatisfy(\.isIdentifierCharacter), w[1].allSatisfy({ $0 == "─" }),
                let version = w[2].droppingVersionV
            else { return [] }
            return [.present(Dependency(ecosystem: .julia, name: String(w[0]), version: String(version)))]
        case "⌅", "⌃", "→", "?":
            s = s.dropFirst().trimmingLeadingBlanks
        default:
            break
        }
        // `[xxxxxxxx] ` then an optional change marker, the name, the version.
        guard s.first == "[" else { return [] }
        let uuid = s.dropFirst().prefix(9)
        guard uuid.count == 9, uuid.last == "]", uuid.dropLast().allSatisfy(\.isLowerHexDigit) else {
            return []
        }
        s = s.dropFirst(10)
        guard s.first == " " else { return [] }
        var w = s.words
        var marker: Character? = nil
        if let m = w.first, m.count == 1, let c = m.first, "+-↑↓~".contains(c) {
            marker = c
            w.removeFirst()
        }
        guard let name = w.first, let nameStart = name.first, nameStart.isLetter || nameStart == "_",
            name.allSatisfy(\.isIdentifierCharacter)
        else { return [] }
        let id = String(uuid.dropLast())
        if marker == "-" { return [.removed(ecosystem: .julia, name: String(name))] }
        let rest = w.dropFirst()
        let afterArrow = rest.lastIndex(of: "⇒").map { rest[($0 + 1)...] } ?? []
        guard
            let version = afterArrow.lazy.compactMap(\.droppingVersionV).first
                ?? rest.first?.droppingVersionV
        else { return [] }
        return [.present(Dependency(ecosystem: .julia, name: String(name), version: String(version), id: id))]
    }
}

// MARK: - pip

extension DependencyLineParser {
    /// pip, pip freeze and uv listings, and the Python version (name `python`).
    ///
    /// Reads (leading blanks ignored):
    /// - `Successfully installed a-1.0 typing_extensions-4.12.2 python-dateutil-2.9.0.post0` — each
    ///   word splits at its last `-` followed by a digit (`python-dateutil` / `2.9.0.post0`);
    ///   words without one are skipped.
    /// - `Requirement already satisfied: numpy>=1.20 in /usr/lib/python3/site-packages (1.26.4)` —
    ///   the name ends at the first specifier character, the version is the last parenthesised
    ///   group when it starts with a digit (older pip prints none: skipped).
    /// - `numpy==1.26.4` alone on a line (pip freeze), and uv's ` + numpy==1.26.4` / ` - numpy==1.26.3`
    ///   (the `-` is a removal).
    /// - `Python 3.11.8` alone on a line (`python --version`).
    ///
    /// Not read: `Collecting numpy==1.26.4` (a request, not an installation), `Using cached …whl`,
    /// `assert x == 1`, `a==b` (version must start with a digit), `===== 3 failed =====`,
    /// `-e git+https://…` editable installs, `Requirement already satisfied: numpy in ./venv/…`
    /// without a version.
    public static let pip = DependencyLineParser(name: "pip", parse: parsePip)

    static func isPipNameCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "_" || c == "-")
    }

    static func isPipVersionCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "+" || c == "!" || c == "-" || c == "_")
    }

    static func parsePip(_ line: Substring) -> [DependencyEvent] {
        let s = line.trimmingBlanks
        guard let first = s.first else { return [] }
        switch first {
        case "S":
            guard let rest = s.after("Successfully installed ") else { return [] }
            return rest.words.compactMap { word in
                var i = word.endIndex
                while i > word.startIndex {
                    i = word.index(before: i)
                    if word[i] == "-", word[word.index(after: i)...].startsWithDigit, i > word.startIndex {
                        return .present(
                            Dependency(
                                ecosystem: .pip, name: String(word[..<i]),
                                version: String(word[word.index(after: i)...])))
                    }
                }
                return nil
            }
        case "R":
            guard let rest = s.after("Requirement already satisfied: ") else { return [] }
            let name = rest.prefix(while: isPipNameCharacter)
            guard !name.isEmpty, s.last == ")", let open = s.lastIndex(of: "(") else { return [] }
            let version = s[s.index(after: open)..<s.index(before: s.endIndex)]
            guard version.startsWithDigit, version.allSatisfy(isPipVersionCharacter) else { return [] }
            return [.present(Dependency(ecosystem: .pip, name: String(name), version: String(version)))]
        case "P":
            guard let rest = s.after("Python "), rest.startsWithDigit,
                rest.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter || $0 == ".") })
            else { return [] }
            return [.present(Dependency(ecosystem: .pip, name: "python", version: String(rest)))]
        default:
            var body = s
            var removal = false
            if let rest = s.after("+ ") ?? s.after("- ") {
                removal = first == "-"
                body = rest
            }
            // Scan only the name, so that long lines of other output bail out early.
            let name = body.prefix(while: isPipNameCharacter)
            guard let version = body[name.endIndex...].after("=="),
                let n = name.first, n.isLetter || n.isNumber,
                version.startsWithDigit, version.allSatisfy(isPipVersionCharacter)
            else { return [] }
            if removal { return [.removed(ecosystem: .pip, name: String(name))] }
            return [.present(Dependency(ecosystem: .pip, name: String(name), version: String(version)))]
        }
    }
}

// MARK: - npm

extension DependencyLineParser {
    /// npm install summaries (npm ≤ 6) and `npm ls` trees.
    ///
    /// Reads (leading blanks ignored):
    /// - `+ lodash@4.17.21`, `+ @scope/pkg@1.2.3` — the whole line.
    /// - tree entries `├── lodash@4.17.21`, `│ └─┬ @scope/pkg@1.2.3`, ASCII `+-- a@1.0.0`,
    ///   `` `-- b@2.0.0 ``, with trailing notes ignored (`deduped`, `extraneous`, `invalid: …`,
    ///   `overridden`, `-> ./packages/x`). In a deep tree a name met twice keeps the last version
    ///   (the listing's last-wins rule).
    ///
    /// Not read: `added 120 packages in 3s` (no versions), `├── UNMET DEPENDENCY foo@^1.0.0`,
    /// `(empty)`, the tree's root line `my-app@1.0.0 /builds/x`, ranges (`foo@^1.0.0`), shell
    /// traces such as `+ git clone git@host:x/y.git` (words after the spec) or `+ ssh deploy@10.0.0.1`.
    public static let npm = DependencyLineParser(name: "npm", parse: parseNpm)

    static func parseNpm(_ line: Substring) -> [DependencyEvent] {
        let s = line.trimmingBlanks
        guard let first = s.first, "+│├└|`".contains(first) else { return [] }
        if let rest = s.after("+ ") {
            guard !rest.contains(" "), let d = npmSpec(rest) else { return [] }
            return [.present(d)]
        }
        // Tree: the prefix is made of glyphs and spaces and ends with `── `, `─┬ `, `-- ` or `-+ `.
        let glyphs: Set<Character> = ["│", "├", "└", "─", "┬", "|", "`", "+", "-", " "]
        let prefix = s.prefix(while: { glyphs.contains($0) })
        guard
            prefix.hasSuffix("── ") || prefix.hasSuffix("─┬ ") || prefix.hasSuffix("-- ")
                || prefix.hasSuffix("-+ ")
        else { return [] }
        let w = s[prefix.endIndex...].words
        guard let spec = w.first, let d = npmSpec(spec) else { return [] }
        return [.present(d)]
    }

    /// `name@version` with a scoped or plain name and a version starting with a digit.
    static func npmSpec(_ spec: Substring) -> Dependency? {
        guard let at = spec.lastIndex(of: "@"), at > spec.startIndex else { return nil }
        let name = spec[..<at]
        let version = spec[spec.index(after: at)...]
        guard version.startsWithDigit, !version.contains(":"),
            name.allSatisfy({ $0.isLetter || $0.isNumber || "@/._-~".contains($0) }),
            name.first != "@" || name.contains("/")
        else { return nil }
        return Dependency(ecosystem: .npm, name: String(name), version: String(version))
    }
}

// MARK: - Go

extension DependencyLineParser {
    /// Go module downloads and `go get` results, and the Go toolchain (name `go`).
    ///
    /// Reads (leading blanks ignored, whole lines):
    /// - `go: downloading golang.org/x/net v0.23.0`, `go: added golang.org/x/net v0.23.0`,
    ///   `go: found golang.org/x/net/html in golang.org/x/net v0.23.0`
    /// - `go: upgraded github.com/x/y v1.0.0 => v1.1.0` (and `downgraded`): the version after `=>`
    /// - `go: removed github.com/x/y v1.0.0` (a removal)
    /// - the toolchain: `go: downloading go1.22.1 (linux/amd64)`, `go version go1.22.1 linux/amd64`,
    ///   `go: upgraded toolchain go1.21.1 => go1.22.1` → `go` `1.22.1`.
    ///
    /// Versions keep their `v` (`v0.23.0`). Not read: `go: finding module for package …`,
    /// `go: upgraded go 1.21 => 1.22` (the language version of go.mod, not a dependency),
    /// `go: module x: not found`, `go: downloading` lines with fewer than two words.
    /// Loading the module graph can download several versions of one module (`go.mod` files only);
    /// the last one seen wins, which is usually but not always the selected one.
    public static let go = DependencyLineParser(name: "go", parse: parseGo)

    static func parseGo(_ line: Substring) -> [DependencyEvent] {
        let s = line.trimmingBlanks
        guard s.first == "g" else { return [] }
        let w = s.words
        if w.count == 4, w[0] == "go", w[1] == "version", let v = w[2].after("go"), v.startsWithDigit {
            return [.present(Dependency(ecosystem: .go, name: "go", version: String(v)))]
        }
        guard w.count >= 3, w[0] == "go:" else { return [] }
        func module(_ m: Substring, _ v: Substring) -> DependencyEvent? {
            if m == "toolchain" || (m.hasPrefix("go") && m.dropFirst(2).startsWithDigit) {
                let toolchain = m == "toolchain" ? v : m
                guard let version = toolchain.after("go"), version.startsWithDigit else { return nil }
                return .present(Dependency(ecosystem: .go, name: "go", version: String(version)))
            }
            guard v.droppingVersionV != nil, m.contains("."), !m.contains(":") else { return nil }
            return .present(Dependency(ecosystem: .go, name: String(m), version: String(v)))
        }
        switch w[1] {
        case "downloading":
            // `go: downloading go1.22.1 (linux/amd64)` has the toolchain as its module word.
            if w.count >= 3, w[2].hasPrefix("go"), w[2].dropFirst(2).startsWithDigit {
                return module(w[2], w[2]).map { [$0] } ?? []
            }
            guard w.count == 4 else { return [] }
            return module(w[2], w[3]).map { [$0] } ?? []
        case "added":
            guard w.count == 4 else { return [] }
            return module(w[2], w[3]).map { [$0] } ?? []
        case "found":
            guard w.count == 6, w[3] == "in" else { return [] }
            return module(w[4], w[5]).map { [$0] } ?? []
        case "upgraded", "downgraded":
            guard w.count == 6, w[4] == "=>" else { return [] }
            return module(w[2], w[5]).map { [$0] } ?? []
        case "removed":
            guard w.count == 4, w[3].droppingVersionV != nil, w[2].contains(".") else { return [] }
            return [.removed(ecosystem: .go, name: String(w[2]))]
        default:
            return []
        }
    }
}

// MARK: - Cargo

extension DependencyLineParser {
    /// Cargo's progress lines and the Rust toolchain (names `rustc`, `cargo`).
    ///
    /// Reads (leading blanks ignored):
    /// - `Compiling serde v1.0.197`, `Checking …`, `Fresh …`, `Documenting …`, `Downloaded tokio v1.36.0`,
    ///   `Adding serde v1.0.197` — optionally followed by a registry or git source in parentheses
    /// - `Updating serde v1.0.196 -> v1.0.197`, `Downgrading …`: the version after `->`
    /// - `Removing serde v1.0.196` (a removal)
    /// - `rustc 1.77.0 (aedd173a2 2024-03-17)`, `cargo 1.77.0 (3fe68eabf 2024-02-29)` (`--version`)
    ///
    /// Versions drop Cargo's `v`. Not read: crates built from a local path
    /// (`Compiling myapp v0.1.0 (/builds/g/myapp)` — the project itself, not a dependency),
    /// `Downloaded 120 crates (12.3 MB) in 2.1s`, `Updating crates.io index`,
    /// `Locking 120 packages to latest compatible versions`, other tools' `Compiling` lines such as
    /// `[3/10] Compiling LogAnalysis Foo.swift` or `Compiling 3 files with solc 0.8.20`.
    public static let cargo = DependencyLineParser(name: "cargo", parse: parseCargo)

    static func parseCargo(_ line: Substring) -> [DependencyEvent] {
        let s = line.trimmingBlanks
        guard let first = s.first, "CDFAURrc".contains(first) else { return [] }
        let w = s.words
        guard w.count >= 2 else { return [] }
        if (w[0] == "rustc" || w[0] == "cargo"), w[1].startsWithDigit, w.count == 2 || w[2].hasPrefix("(") {
            return [.present(Dependency(ecosystem: .cargo, name: String(w[0]), version: String(w[1])))]
        }
        guard w.count >= 3,
            w[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
        else { return [] }
        let name = String(w[1])
        switch w[0] {
        case "Compiling", "Checking", "Fresh", "Documenting", "Downloaded", "Adding":
            guard let version = w[2].droppingVersionV else { return [] }
            if w.count > 3 {
                // A source in parentheses: a registry or git is a dependency, a path is the project.
                guard w[3].hasPrefix("("), !w[3].hasPrefix("(/"), !w[3].hasPrefix("(file://"),
                    !w[3].hasPrefix("(.")
                else { return [] }
            }
            return [.present(Dependency(ecosystem: .cargo, name: name, version: String(version)))]
        case "Updating", "Downgrading":
            guard w.count >= 5, w[2].droppingVersionV != nil, w[3] == "->",
                let version = w[4].droppingVersionV
            else { return [] }
            return [.present(Dependency(ecosystem: .cargo, name: name, version: String(version)))]
        case "Removing":
            guard w[2].droppingVersionV != nil else { return [] }
            return [.removed(ecosystem: .cargo, name: name)]
        default:
            return []
        }
    }
}

// MARK: - Maven

extension DependencyLineParser {
    /// Maven's download log: `Downloaded from central: https://repo.maven.apache.org/maven2/org/apache/commons/commons-lang3/3.14.0/commons-lang3-3.14.0.jar (658 kB at 1.2 MB/s)`
    /// → `org.apache.commons:commons-lang3` `3.14.0` (an optional `[INFO] ` prefix is allowed).
    ///
    /// The URL path ends `group…/artifact/version/artifact-version….ext`. Where the group starts is
    /// found after the repository root: the last `maven2` or `m2` segment, else Nexus
    /// `repository/<name>` / `repositories/<name>`, Artifactory `artifactory/<name>`,
    /// GitLab `packages/maven`; with none of those, every segment after the host.
    /// The `.pom` and the `.jar` of one artifact give one dependency (same key, same version).
    ///
    /// Not read: `Downloading from …` (not yet downloaded), `maven-metadata.xml`, checksums and
    /// signatures (`.sha1`, `.md5`, `.asc`), files whose name does not start with
    /// `artifact-version`.
    public static let maven = DependencyLineParser(name: "maven", parse: parseMaven)

    static func parseMaven(_ line: Substring) -> [DependencyEvent] {
        var s = line.trimmingBlanks
        if let rest = s.after("[INFO] ") { s = rest }
        guard let rest = s.after("Downloaded from "), let colon = rest.firstRange(of: ": ") else { return [] }
        let url = rest[colon.upperBound...].prefix(while: { $0 != " " })
        guard let scheme = url.firstRange(of: "://") else { return [] }
        let path = url[scheme.upperBound...].split(separator: "/", omittingEmptySubsequences: true)
            .dropFirst()
        let segments = Array(path)
        guard segments.count >= 4 else { return [] }
        let file = segments[segments.count - 1]
        let version = segments[segments.count - 2]
        let artifact = segments[segments.count - 3]
        guard file.hasPrefix(artifact + "-" + version), version.startsWithDigit,
            !file.hasSuffix(".sha1"), !file.hasSuffix(".md5"), !file.hasSuffix(".asc"),
            !file.hasSuffix(".sha256"), !file.hasSuffix(".sha512")
        else { return [] }
        let groupEnd = segments.count - 3
        var groupStart = 0
        if let i = segments[..<groupEnd].lastIndex(where: { $0 == "maven2" || $0 == "m2" }) {
            groupStart = i + 1
        } else if let i = segments[..<groupEnd].firstIndex(where: {
            $0 == "repository" || $0 == "repositories" || $0 == "artifactory"
        }) {
            groupStart = i + 2
        } else if let i = segments[..<groupEnd].firstIndex(of: "packages"), i + 1 < groupEnd,
            segments[i + 1] == "maven"
        {
            groupStart = i + 2
        }
        guard groupStart < groupEnd else { return [] }
        let group = segments[groupStart..<groupEnd].joined(separator: ".")
        return [
            .present(Dependency(ecosystem: .maven, name: group + ":" + artifact, version: String(version)))
        ]
    }
}
