/// One tool's error grammar: the lines that open an error block, state its message or summarise
/// a run, and how far each block reaches. Data plus the small matcher in `GrammarSet`; each
/// grammar is one file in this folder and is tested on real lines (`GrammarTests`).
public struct ToolGrammar: Sendable {
    public var name: String
    public var rules: [BlockRule]

    public init(name: String, rules: [BlockRule]) {
        self.name = name
        self.rules = rules
    }
}

/// A line shape of a tool's error report.
///
/// A rule matches a line when its `anchor` occurs in the line's text (after CI decorations and
/// indentation, see `LineShape`) at the required `position`, and `check`, when given, accepts the
/// text. The anchor is the cheap prefilter: `check` only runs on lines that hold it.
public struct BlockRule: Sendable {
    public enum Role: Sendable, Equatable {
        /// Opens a block (`Error During Test at …`, `--- FAIL: TestX`, `Traceback …`).
        case header
        /// States the cause (`MethodError: no method matching …`, `error[E0425]: …`): the key line
        /// and the signature prefer it.
        case message
        /// Summarises a run (`FAILED tests/x.py::t - …`, `test result: FAILED`): shown when there is
        /// room, rarely the key line.
        case summary
    }

    /// Which following lines belong to the block.
    public enum Body: Sendable, Equatable {
        /// The line alone.
        case none
        /// Lines indented deeper than the header, or blank lines followed by such lines.
        case indented
        /// A traceback: indented frames through the first unindented line (the exception).
        case traceback
        /// Lines that start with the same text as the header (`npm ERR!`, `[ERROR]`, `E   `).
        case sameLead(String)
        /// Every line up to the next blank one.
        case untilBlank
        /// Every line up to the next blank one or the first that starts with the marker (a tool's
        /// report under a build tool's line, up to the build tool's next `[INFO]`/`[ERROR]` line).
        case until(String)
        /// A unified diff's lines: context (` `), removed (`-`), added (`+`), an empty context line
        /// (a single space) among them; the first other line ends it (`rustfmt --check`).
        case diff
        /// Every line, blank ones too, through the first that starts with the marker (a race
        /// report's closing `==================`).
        case through(String)
    }

    public enum Position: Sendable, Equatable {
        /// At the start of the text (after decorations and indentation).
        case start
        /// Anywhere in the text.
        case anywhere
    }

    public var name: String
    public var anchor: String
    public var position: Position
    public var caseSensitive: Bool
    public var check: (@Sendable (Substring) -> Bool)?
    public var role: Role
    /// How telling a match is, 1…100 (the same scale as `KnownPattern.weight`).
    public var weight: Int
    public var body: Body
    /// Upper bound on body lines.
    public var maxBody: Int
    /// The tool states why it failed in the lines right after this one (Maven's `BUILD FAILURE`,
    /// then `Failed to execute goal`; Gradle's `FAILURE: Build failed`, then `What went wrong:`):
    /// the block that follows the last such line is the failure of the run that ended the job.
    public var announces: Bool
    /// The line reports on the one before it (a test runner's `Got exit code 1` after its child's
    /// last words): that line opens the block and is its key line.
    public var reportsPrevious: Bool
    /// The CI prints the line after its verdict on the build step (Jenkins' post-build steps): it
    /// is shown when there is room once the failure is, and never takes the key after a verdict.
    public var afterVerdict: Bool

    public init(
        _ name: String, anchor: String, position: Position = .start, caseSensitive: Bool = true,
        role: Role = .header, weight: Int, body: Body = .indented, maxBody: Int = 8, announces: Bool = false,
        reportsPrevious: Bool = false, afterVerdict: Bool = false,
        check: (@Sendable (Substring) -> Bool)? = nil
    ) {
        self.name = name
        self.anchor = anchor
        self.position = position
        self.caseSensitive = caseSensitive
        self.check = check
        self.role = role
        self.weight = weight
        self.body = body
        self.maxBody = maxBody
        self.announces = announces
        self.reportsPrevious = reportsPrevious
        self.afterVerdict = afterVerdict
    }
}

/// All grammars' rules, compiled for one scan per line.
public struct GrammarSet: Sendable {
    public let grammars: [ToolGrammar]
    let rules: [(grammar: Int, rule: BlockRule)]
    let scanner: NeedleSet
    let anchors: [[UInt8]]
    /// What the per-line matching reads of each rule (indexed as `rules`), so that it never copies
    /// a rule (and retains its strings and closure) per hit.
    let weights: [Int]
    let atStart: [Bool]
    let caseSensitive: [Bool]
    let roles: [BlockRule.Role]
    let announces: [Bool]
    /// `BlockRule.afterVerdict`, indexed as `rules`.
    let afterVerdict: [Bool]
    let checks: [(@Sendable (Substring) -> Bool)?]
    /// `grammar/rule`, the detail an excerpt line shows.
    let details: [String]
    /// The rule of `go test`'s log lines (`x_test.go:12: …`), whose test may have passed.
    let goTestLine: Int?

    public init(_ grammars: [ToolGrammar]) {
        self.grammars = grammars
        var rules: [(Int, BlockRule)] = []
        for (g, grammar) in grammars.enumerated() {
            for rule in grammar.rules where !rule.anchor.isEmpty { rules.append((g, rule)) }
        }
        self.rules = rules
        self.anchors = rules.map { Array($0.1.anchor.utf8) }
        self.scanner = NeedleSet(anchors)
        self.weights = rules.map(\.1.weight)
        self.atStart = rules.map { $0.1.position == .start }
        self.caseSensitive = rules.map(\.1.caseSensitive)
        self.roles = rules.map(\.1.role)
        self.announces = rules.map(\.1.announces)
        self.afterVerdict = rules.map(\.1.afterVerdict)
        self.checks = rules.map(\.1.check)
        self.details = rules.map { grammars[$0.0].name + "/" + $0.1.name }
        self.goTestLine = details.firstIndex(of: "go/test-line")
    }

    /// The built-in grammars (one file each in `Grammar/`).
    public static let builtIn = GrammarSet([
        .julia, .python, .go, .rust, .jvm, .javascript, .ruby, .native, .apple, .docker, .dotnet, .harness,
        .php, .r, .perl, .dart, .elixir, .terraform, .other, .shell, .runner,
    ])

    /// The best rule matching `text` (highest weight; earliest rule on ties), as an index into `rules`.
    /// - Parameter text: the line's text after decorations and indentation.
    func match(_ text: UnsafeBufferPointer<UInt8>, hits: inout [(needle: Int, at: Int)]) -> Int? {
        hits.removeAll(keepingCapacity: true)
        scanner.scan(text, into: &hits)
        var failedChecks: [Int] = []
        return best(text, hits: hits, failedChecks: &failedChecks)
    }

    /// The best rule among `hits` (rule indices and offsets into `text`).
    /// - Parameters:
    ///   - failedChecks: scratch, kept from call to call by a caller reading many lines.
    ///   - string: `text` as a `String` when the caller has it (the checks' input), else nil.
    func best(
        _ text: UnsafeBufferPointer<UInt8>, hits: [(needle: Int, at: Int)], failedChecks: inout [Int],
        string given: String? = nil
    ) -> Int? {
        guard !hits.isEmpty else { return nil }
        var best: Int? = nil
        // The text as a `String` for the checks, made at most once; a check reads the whole text,
        // not the hit, so a rule whose check failed fails again at its later hits.
        var string = given
        if !failedChecks.isEmpty { failedChecks.removeAll(keepingCapacity: true) }
        for hit in hits {
            let r = hit.needle
            if atStart[r] && hit.at != 0 { continue }
            if let b = best, b == r || weights[b] > weights[r] || (weights[b] == weights[r] && b < r) {
                continue
            }
            if caseSensitive[r] {
                let a = anchors[r]
                var k = 0
                while k < a.count && text[hit.at + k] == a[k] { k += 1 }
                if k < a.count { continue }
            }
            if let check = checks[r] {
                if failedChecks.contains(r) { continue }
                let s = string ?? String(decoding: text, as: UTF8.self)
                string = s
                if !check(Substring(s)) {
                    failedChecks.append(r)
                    continue
                }
            }
            best = r
        }
        return best
    }

    /// Names of the rules matching `line` (for tests): `grammar/rule`.
    public func matches(_ line: String) -> [String] {
        var copy = line
        return copy.withUTF8 { b -> [String] in
            let shape = LineShape(b)
            let text = UnsafeBufferPointer(rebasing: b[shape.textStart...])
            var hits: [(needle: Int, at: Int)] = []
            guard let r = match(text, hits: &hits) else { return [] }
            return [grammars[rules[r].grammar].name + "/" + rules[r].rule.name]
        }
    }
}

/// Small helpers for `check` closures.
enum Shape {
    /// `Identifier` or dotted `a.b.Identifier` followed by `:` — the exception line of most runtimes
    /// (`ValueError: x`, `java.lang.IllegalStateException: x`, `MethodError: no method …`).
    static func exceptionLine(_ s: Substring) -> Bool {
        if let ascii = s.utf8.withContiguousStorageIfAvailable(asciiExceptionLine), let answer = ascii {
            return answer
        }
        return characterExceptionLine(s)
    }

    /// `exceptionLine` by `Character`s (any text).
    static func characterExceptionLine(_ s: Substring) -> Bool {
        var i = s.startIndex
        var sawUpper = false
        var length = 0
        while i < s.endIndex {
            let c = s[i]
            if c == ":" { break }
            guard c.isLetter || c.isNumber || c == "." || c == "_" || c == "$" else { return false }
            if c.isUppercase { sawUpper = true }
            length += 1
            i = s.index(after: i)
        }
        guard i < s.endIndex, length >= 5, sawUpper else { return false }
        let name = s[s.startIndex..<i]
        return name.hasSuffix("Error") || name.hasSuffix("Exception") || name.hasSuffix("Failure")
            || name.hasSuffix("Interrupt") || name.hasSuffix("Exit") || name.hasSuffix("Fault")
    }

    /// `exceptionLine` read off the bytes, when the name and the byte after its `:` are ASCII (a
    /// `Character` is then a byte, a letter `[A-Za-z]`, a number `[0-9]`, uppercase `[A-Z]`); nil
    /// otherwise (a non-ASCII byte before the `:` or right after it, where a combining mark would
    /// make `:` part of another `Character`).
    static func asciiExceptionLine(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        let n = b.count
        var i = 0
        var sawUpper = false
        while i < n {
            let c = b[i]
            if c == 0x3A { break }
            if c >= 0x80 { return nil }
            let upper = c &- 0x41 < 26
            guard upper || c &- 0x61 < 26 || c &- 0x30 < 10 || c == 0x2E || c == 0x5F || c == 0x24 else {
                return false
            }
            if upper { sawUpper = true }
            i += 1
        }
        if i + 1 < n && b[i + 1] >= 0x80 { return nil }
        guard i < n, i >= 5, sawUpper else { return false }
        func ends(_ suffix: StaticString) -> Bool {
            let m = suffix.utf8CodeUnitCount
            guard i >= m else { return false }
            for k in 0..<m where b[i - m + k] != suffix.utf8Start[k] { return false }
            return true
        }
        return ends("Error") || ends("Exception") || ends("Failure") || ends("Interrupt") || ends("Exit")
            || ends("Fault")
    }

    /// `path:line[:col]: ` followed by `error` — a compiler's diagnostic (`src/a.c:3:5: error: x`).
    static func diagnostic(_ s: Substring, word: String = "error") -> Bool {
        guard let r = s.bytes(of: ": " + word) else { return false }
        let head = s[s.startIndex..<r.lowerBound]
        guard let colon = head.firstIndex(of: ":"), colon > head.startIndex else { return false }
        let after = head[head.index(after: colon)...]
        return after.first?.isNumber == true && !head.has(" ")
    }

    /// `PATH:LINE:COL` right before `marker` (`src/a.ts:41:18 - error TS2339`), the path without
    /// spaces.
    static func location(before marker: String, in s: Substring) -> Bool {
        guard let r = s.bytes(of: marker) else { return false }
        let head = s[s.startIndex..<r.lowerBound]
        let parts = head.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3, !head.contains(" ") else { return false }
        return parts.suffix(2).allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    /// `PATH<ext>LINE[:COL]: CODE message`, the path without spaces and ending in `ext` (`.py:`),
    /// CODE one to four capitals then one to four digits (`F401`, `E501`, `C0114:`, `PLR0913`): a
    /// linter's diagnostic naming the rule it broke.
    static func ruleCodeDiagnostic(_ s: Substring, after ext: String) -> Bool {
        guard let r = s.bytes(of: ext) else { return false }
        let u = s.utf8
        if s[s.startIndex..<r.lowerBound].utf8.contains(0x20) { return false }
        var i = r.upperBound
        func digits() -> Int {
            var n = 0
            while i < s.endIndex, u[i] &- 0x30 < 10 {
                n += 1
                i = u.index(after: i)
            }
            return n
        }
        guard digits() > 0 else { return false }
        if i < s.endIndex, u[i] == 0x3A, u.index(after: i) < s.endIndex, u[u.index(after: i)] != 0x20 {
            i = u.index(after: i)
            guard digits() > 0 else { return false }
        }
        guard s[i...].starts(": ") else { return false }
        i = u.index(i, offsetBy: 2)
        var capitals = 0
        while i < s.endIndex, u[i] &- 0x41 < 26 {
            capitals += 1
            i = u.index(after: i)
        }
        guard (1...4).contains(capitals) else { return false }
        let n = digits()
        guard (1...4).contains(n), i < s.endIndex else { return false }
        return u[i] == 0x20 || u[i] == 0x3A
    }

    /// `1) text`: one to `digits` digits, `) ` and more text (mocha's and RSpec's failure headers).
    static func numbered(_ s: Substring, digits: Int) -> Bool {
        let u = s.utf8
        var i = u.startIndex
        var count = 0
        while i < u.endIndex, u[i] &- 0x30 < 10, count <= digits {
            count += 1
            i = u.index(after: i)
        }
        guard count >= 1, count <= digits, i < u.endIndex, u[i] == 0x29 else { return false }
        i = u.index(after: i)
        guard i < u.endIndex, u[i] == 0x20 else { return false }
        return u.index(after: i) < u.endIndex
    }

    static func containsDigit(_ s: Substring) -> Bool { s.contains(where: \.isNumber) }

    /// A count other than zero before `word` (`3 failing`, `1 failed`).
    static func nonZeroCount(_ s: Substring, before word: String) -> Bool {
        guard let r = s.bytes(of: word) else { return false }
        let head = s[s.startIndex..<r.lowerBound].trimmingSuffix { $0 == " " }
        let digits = head.reversed().prefix { $0.isNumber }
        return !digits.isEmpty && digits.contains { $0 != "0" }
    }
}

extension Substring {
    /// The first occurrence of `needle`, compared byte for byte: what `range(of:)` answers for these
    /// ASCII needles, without Foundation's bridging to NSString (10 000 instructions a call). Both
    /// read as contiguous bytes (in place, a small string's copied to the stack).
    func bytes(of needle: String) -> Range<Index>? {
        var (text, needle) = (self, needle)
        let offset = text.withUTF8 { b in needle.withUTF8 { n in Self.firstOffset(of: n, in: b) } }
        guard offset >= 0 else { return nil }
        let u = utf8
        let start = u.index(u.startIndex, offsetBy: offset)
        return start..<u.index(start, offsetBy: needle.utf8.count)
    }

    /// The offset of the first occurrence of `n` in `b`, -1 when none (or `n` is empty).
    static func firstOffset(of n: UnsafeBufferPointer<UInt8>, in b: UnsafeBufferPointer<UInt8>) -> Int {
        let m = n.count
        guard m > 0, m <= b.count else { return -1 }
        let first = n[0]
        var i = 0
        while i + m <= b.count {
            if b[i] == first {
                var k = 1
                while k < m && b[i + k] == n[k] { k += 1 }
                if k == m { return i }
            }
            i += 1
        }
        return -1
    }

    /// `hasPrefix`, `hasSuffix` and `contains` for the grammars' ASCII needles, byte for byte (the
    /// Foundation versions bridge every call to NSString), on contiguous bytes as `bytes(of:)`.
    func starts(_ prefix: String) -> Bool {
        var (text, prefix) = (self, prefix)
        return text.withUTF8 { b in
            prefix.withUTF8 { p in
                p.count <= b.count && ByteSearch.equal(UnsafeBufferPointer(rebasing: b[..<p.count]), p)
            }
        }
    }
    func ends(_ suffix: String) -> Bool {
        var (text, suffix) = (self, suffix)
        return text.withUTF8 { b in
            suffix.withUTF8 { p in
                p.count <= b.count
                    && ByteSearch.equal(UnsafeBufferPointer(rebasing: b[(b.count - p.count)...]), p)
            }
        }
    }
    func has(_ needle: String) -> Bool { bytes(of: needle) != nil }

    /// `hasPrefix(prefix)`, the same answer, read off the bytes when it can be: a `Substring`'s
    /// `hasPrefix` compares `Character`s (grapheme breaking on every call). For an ASCII `prefix`
    /// without `\r`, a text whose first `prefix.count + 1` bytes are ASCII has a `Character` per byte
    /// there (only `\r\n` joins two ASCII bytes into one, and no other scalar is canonically
    /// equivalent to an ASCII one), so comparing bytes is comparing `Character`s; any other text or
    /// prefix goes to `hasPrefix`.
    ///
    /// | text | prefix | read |
    /// |---|---|---|
    /// | `Error: x` | `Error: ` | bytes, true |
    /// | `Errors` | `Error: ` | bytes, false |
    /// | `E \u{301}x` (a combining accent on the space) | `E ` | `hasPrefix`, false |
    func hasPrefixFast(_ prefix: String) -> Bool {
        let fast: Bool?? = utf8.withContiguousStorageIfAvailable { b in
            prefix.utf8.withContiguousStorageIfAvailable { p in Self.asciiHasPrefix(b, p) } ?? nil
        }
        if let answer = fast ?? nil { return answer }
        return hasPrefix(prefix)
    }

    /// `hasPrefixFast`'s byte reading; nil when it does not apply.
    static func asciiHasPrefix(_ b: UnsafeBufferPointer<UInt8>, _ p: UnsafeBufferPointer<UInt8>) -> Bool? {
        let m = p.count
        for k in 0..<Swift.min(b.count, m + 1) where b[k] >= 0x80 { return nil }
        for k in 0..<m where p[k] >= 0x80 || p[k] == 0x0D { return nil }
        guard b.count >= m else { return false }
        for k in 0..<m where b[k] != p[k] { return false }
        return true
    }

    func trimmingSuffix(while p: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, p(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }
}
