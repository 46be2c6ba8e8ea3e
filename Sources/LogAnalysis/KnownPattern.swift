/// A named failure signature found in one line: data, so a workspace can add its own.
///
/// A pattern matches a line when its `anchor` occurs (at the required `position`, case-insensitively
/// unless `caseSensitive`), none of `excluding` occurs (case-insensitive), and, when given, its
/// `regex` finds a match. The anchor is the cheap prefilter: the regex only runs on lines that
/// already hold the anchor, so keep the anchor as specific as the regex allows.
public struct KnownPattern: Sendable, Codable, Hashable {
    /// Where the anchor must be.
    public enum Position: String, Sendable, Codable {
        /// Anywhere in the line.
        case anywhere
        /// At column 0.
        case lineStart
        /// After leading spaces/tabs only.
        case afterIndent
    }

    /// Stable name, shown in excerpts (`ExcerptLine.detail`) and matched-pattern lists.
    public var name: String
    public var anchor: String
    public var position: Position
    public var caseSensitive: Bool
    /// Swift regex source, run only after the anchor matched.
    public var regex: String?
    public var excluding: [String]
    /// True when the failure is the machine's or the network's, not the code's.
    public var infrastructure: Bool
    /// Coarse kind: `test`, `build`, `dependency`, `oom`, `crash`, `timeout`, `network`, `disk`,
    /// `docker`, `git`, `truncated`, `runner`.
    public var category: String
    /// How telling a match is, 1…100: the key line is the match with the highest weight (the earliest
    /// on ties). Test assertions ~90, crash/OOM/timeout ~95+, generic `[ERROR]` ~45.
    public var weight: Int

    public init(
        name: String, anchor: String, position: Position = .anywhere, caseSensitive: Bool = true,
        regex: String? = nil, excluding: [String] = [], infrastructure: Bool = false,
        category: String, weight: Int
    ) {
        self.name = name
        self.anchor = anchor
        self.position = position
        self.caseSensitive = caseSensitive
        self.regex = regex
        self.excluding = excluding
        self.infrastructure = infrastructure
        self.category = category
        self.weight = weight
    }
}

/// An ordered set of known patterns, compiled once for fast line scanning.
///
/// Matching a line costs one pass over its bytes (a two-byte lookup table over all anchors), plus
/// a regex run only for the patterns whose anchor was found.
public struct PatternLibrary: Sendable {
    public let patterns: [KnownPattern]
    /// Patterns whose regex did not compile (names), so callers can report a bad config.
    public let invalid: [String]
    /// The anchors (`0..<patterns.count`), then `Keywords.words` (from `keywordBase`): one scan of a
    /// line finds both.
    let scanner: NeedleSet
    var keywordBase: Int { patterns.count }
    let regexes: [CompiledRegex?]
    let exclusions: [[[UInt8]]]
    /// Each pattern's anchor as bytes (for the case-sensitive check).
    let anchorBytes: [[UInt8]]
    /// Each pattern's weight, anchor position and case rule, read per line without copying the
    /// pattern.
    let weights: [Int]
    let positions: [KnownPattern.Position]
    let caseSensitive: [Bool]

    public init(patterns: [KnownPattern]) {
        var kept: [KnownPattern] = []
        var invalid: [String] = []
        var regexes: [CompiledRegex?] = []
        for pattern in patterns {
            guard !pattern.anchor.isEmpty else {
                invalid.append(pattern.name)
                continue
            }
            if let source = pattern.regex {
                guard let regex = try? Regex(source) else {
                    invalid.append(pattern.name)
                    continue
                }
                regexes.append(CompiledRegex(regex, source: source))
            } else {
                regexes.append(nil)
            }
            kept.append(pattern)
        }
        self.patterns = kept
        self.invalid = invalid
        self.regexes = regexes
        self.scanner = NeedleSet(kept.map { Array($0.anchor.utf8) } + Keywords.words)
        self.anchorBytes = kept.map { Array($0.anchor.utf8) }
        self.weights = kept.map(\.weight)
        self.positions = kept.map(\.position)
        self.caseSensitive = kept.map(\.caseSensitive)
        self.exclusions = kept.map { $0.excluding.map { Array($0.lowercased().utf8) } }
    }

    /// True when `needle` stands in `b` at `i`, byte for byte.
    static func occurs(_ needle: [UInt8], in b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard b.count - i >= needle.count else { return false }
        for k in 0..<needle.count where b[i + k] != needle[k] { return false }
        return true
    }

    /// Bytes on each side of an anchor that an unanchored regex sees on a long line.
    static let regexWindow = 256

    public func adding(_ extra: [KnownPattern]) -> PatternLibrary {
        PatternLibrary(patterns: patterns + extra)
    }

    /// Indices (into `patterns`) of every pattern matching `line`, in library order.
    public func matches(_ line: String) -> [Int] {
        var copy = line
        return copy.withUTF8 { matches(bytes: $0, text: line) }
    }

    func matches(bytes: UnsafeBufferPointer<UInt8>, text: String) -> [Int] {
        var hits: [(needle: Int, at: Int)] = []
        scanner.scan(bytes, into: &hits)
        return matches(bytes: bytes, text: text, hits: hits)
    }

    /// Like `matches(_:)`, given the line's `scanner` hits. `text` is `bytes` as a `String`, for the
    /// regexes; nil to have it made from `bytes` only when a regex runs on the whole line.
    func matches(bytes: UnsafeBufferPointer<UInt8>, text: String?, hits: [(needle: Int, at: Int)]) -> [Int] {
        var anchors: [AnchorHit] = []
        Self.firstHits(hits, below: keywordBase, caseSensitive, anchorBytes, bytes, into: &anchors)
        var result: [Int] = []
        for hit in anchors where matches(hit, bytes: bytes, text: text) { result.append(hit.index) }
        return result.sorted()
    }

    /// The strongest pattern matching: what `matches(bytes:text:hits:).max(by:)` on the weights
    /// answers (the highest weight, the lowest index on ties), without the arrays. `anchors` is
    /// scratch space the caller keeps from line to line.
    func strongest(
        bytes: UnsafeBufferPointer<UInt8>, text: String?, hits: [(needle: Int, at: Int)],
        anchors: inout [AnchorHit]
    ) -> Int? {
        if !anchors.isEmpty { anchors.removeAll(keepingCapacity: true) }
        Self.firstHits(hits, below: keywordBase, caseSensitive, anchorBytes, bytes, into: &anchors)
        var best: Int? = nil
        for hit in anchors {
            if let b = best,
                weights[b] > weights[hit.index] || weights[b] == weights[hit.index] && b < hit.index
            {
                continue
            }
            if matches(hit, bytes: bytes, text: text) { best = hit.index }
        }
        return best
    }

    /// A pattern's anchor found in a line: at its first occurrence, and whether it occurs in its own
    /// case at one of them (every occurrence is a hit: the scan ignores case).
    typealias AnchorHit = (index: Int, at: Int, exact: Bool)

    /// Each anchor among `hits` (needles below `base`) once, in the order first found.
    static func firstHits(
        _ hits: [(needle: Int, at: Int)], below base: Int, _ caseSensitive: [Bool], _ anchorBytes: [[UInt8]],
        _ bytes: UnsafeBufferPointer<UInt8>, into first: inout [AnchorHit]
    ) {
        for hit in hits where hit.needle < base {
            let exact =
                !caseSensitive[hit.needle] || Self.occurs(anchorBytes[hit.needle], in: bytes, at: hit.at)
            if let k = first.firstIndex(where: { $0.index == hit.needle }) {
                if hit.at < first[k].at { first[k].at = hit.at }
                if exact { first[k].exact = true }
            } else {
                first.append((hit.needle, hit.at, exact))
            }
        }
    }

    /// Whether the pattern of an anchor found in the line matches it: position, case, exclusions,
    /// then the regex.
    func matches(_ hit: AnchorHit, bytes: UnsafeBufferPointer<UInt8>, text: String?) -> Bool {
        let (index, at, exact) = hit
        switch positions[index] {
        case .anywhere: break
        case .lineStart: if at != 0 { return false }
        case .afterIndent:
            if bytes[0..<at].contains(where: { $0 != 0x20 && $0 != 0x09 }) { return false }
        }
        if !exact { return false }
        if exclusions[index].contains(where: { ByteSearch.contains(bytes, $0, caseInsensitive: true) }) {
            return false
        }
        guard let regex = regexes[index] else { return true }
        // On a long line an unanchored regex only sees the bytes around its anchor: a
        // backtracking search over a 100 KB line costs seconds, and a match lies next to
        // the anchor it was found by.
        let windowed = !regex.anchoredAtStart && bytes.count > 2 * Self.regexWindow
        let from = windowed ? max(0, at - Self.regexWindow) : 0
        let to =
            windowed
            ? min(bytes.count, at + anchorBytes[index].count + Self.regexWindow) : bytes.count
        let seen = UnsafeBufferPointer(rebasing: bytes[from..<to])
        if let literals = regex.needsOneOf,
            !literals.contains(where: { ByteSearch.contains(seen, $0, caseInsensitive: false) })
        {
            return false
        }
        if let ascii = regex.asciiMatcher, ByteSearch.isASCII(seen) { return ascii(seen) }
        if windowed {
            let window = String(decoding: seen, as: UTF8.self)
            return regex.matches(window)
        }
        return regex.matches(text ?? String(decoding: bytes, as: UTF8.self))
    }
}

enum ByteSearch {
    @inline(__always) static func lower(_ c: UInt8) -> UInt8 {
        c &- 0x41 < 26 ? c | 0x20 : c
    }

    /// True when `a` and `b` hold the same bytes (`elementsEqual`, without its iterators).
    @inline(__always) static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>)
        -> Bool
    {
        guard a.count == b.count else { return false }
        var k = 0
        while k < a.count && a[k] == b[k] { k += 1 }
        return k == a.count
    }

    /// True when every byte is below 0x80; eight bytes at a time.
    static func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        var high: UInt64 = 0
        // In bounds: `i + 8 <= b.count`.
        while i + 8 <= b.count {
            high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < b.count {
            high |= UInt64(b[i])
            i += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// True when `needle` occurs in `hay` (needle already lowercased when case-insensitive).
    static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], caseInsensitive: Bool) -> Bool
    {
        firstIndex(hay, needle, from: 0, caseInsensitive: caseInsensitive) != nil
    }

    static func firstIndex(
        _ hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], from: Int, caseInsensitive: Bool
    ) -> Int? {
        let n = hay.count
        let m = needle.count
        guard m > 0 else { return from }
        guard m <= n else { return nil }
        let first = needle[0]
        var i = from
        while i + m <= n {
            let c = caseInsensitive ? lower(hay[i]) : hay[i]
            if c == first {
                var k = 1
                if caseInsensitive {
                    while k < m && lower(hay[i + k]) == needle[k] { k += 1 }
                } else {
                    while k < m && hay[i + k] == needle[k] { k += 1 }
                }
                if k == m { return i }
            }
            i += 1
        }
        return nil
    }

    static func contains(_ text: String, _ needle: String, caseInsensitive: Bool = false) -> Bool {
        var text = text
        let n = caseInsensitive ? Array(needle.lowercased().utf8) : Array(needle.utf8)
        return text.withUTF8 { contains($0, n, caseInsensitive: caseInsensitive) }
    }
}

/// A compiled regex shared across tasks. `Regex` is an immutable value whose lazily lowered program is
/// published atomically by the standard library, but it is not declared `Sendable`; matching never
/// mutates it, hence `@unchecked`.
final class CompiledRegex: @unchecked Sendable {
    let regex: Regex<AnyRegexOutput>
    /// The source starts with `^` that governs every match (no top-level `|`, no inline options):
    /// a match can only start at the beginning, so only that start is tried (`firstMatch` would try
    /// every later position and fail each at `^`).
    let anchoredAtStart: Bool

    init(_ regex: Regex<AnyRegexOutput>, source: String = "") {
        self.regex = regex
        self.anchoredAtStart = Self.isAnchoredAtStart(source)
        self.asciiMatcher = AsciiMatchers.bySource[source]
        self.needsOneOf = Self.requiredLiterals[source]?.map { Array($0.utf8) }
        self.firstAfterSpace = Self.leadingShapes[source].map { bytes in
            var table = [Bool](repeating: false, count: 256)
            for c in bytes.utf8 { table[Int(c)] = true }
            return table
        }
    }

    /// For the built-in sources that cost the most to run (`AsciiMatchers`), the same answer as
    /// `matches` read off the bytes, valid when they are all ASCII; nil for any other source.
    let asciiMatcher: (@Sendable (UnsafeBufferPointer<UInt8>) -> Bool)?

    /// For sources that can only match text holding one of a few literals (in any case of text:
    /// the regex spells them as plain ASCII, case-sensitively), those literals' bytes: text without
    /// them is not run through the engine. Nil for other sources.
    let needsOneOf: [[UInt8]]?

    static let requiredLiterals: [String: [String]] = [
        // rate-limit: its anchor ` 429` is in every long number; the regex needs a status or HTTP.
        #"(status( code)?:? |HTTP( error|/[\d.]+)? )429\b"#: ["status", "HTTP"]
    ]

    /// For sources known to need a given first non-space character (the JVM exception shapes):
    /// the ASCII bytes that may start the text after ASCII whitespace; any other ASCII byte there
    /// means no match, so the (slow to start) regex engine is not run. Non-ASCII means "maybe".
    let firstAfterSpace: [Bool]?

    static let leadingShapes: [String: String] = [
        // `^\s*(Caused by: )?([a-z_$]…`: `C` or a lowercase package letter, `_`, `$`.
        #"^\s*(Caused by: )?([a-z_$][\w$]*\.)+[A-Z][\w$]*(Exception|Error)(: .*)?$"#:
            "Cabcdefghijklmnopqrstuvwxyz_$",
        #"^\s*(Caused by: )?([a-z_$][\w$]*\.)+[A-Z][\w$]*Error(: .*)?$"#: "Cabcdefghijklmnopqrstuvwxyz_$",
    ]

    func matches(_ text: String) -> Bool {
        if let allowed = firstAfterSpace {
            var copy = text
            let possible = copy.withUTF8 { b -> Bool in
                var i = 0
                while i < b.count && (b[i] == 0x20 || b[i] &- 0x09 < 5) { i += 1 }
                // Past the end, non-ASCII or another control byte: let the regex decide.
                return i == b.count || b[i] >= 0x80 || b[i] < 0x20 || allowed[Int(b[i])]
            }
            if !possible { return false }
            if !Self.jvmToken(text) { return false }
        }
        if anchoredAtStart { return (try? regex.prefixMatch(in: text)) != nil }
        return (try? regex.firstMatch(in: text)) != nil
    }

    /// A necessary condition of the JVM exception shapes, checked on bytes: after spaces and an
    /// optional `Caused by: `, one token of `[A-Za-z0-9_$.]` holding a `.` and ending in `Error` or
    /// `Exception`, then the end or `:`. Lines that fail it cannot match, so the regex is not run.
    static func jvmToken(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { b -> Bool in
            var i = 0
            while i < b.count && (b[i] == 0x20 || b[i] &- 0x09 < 5) { i += 1 }
            let caused = Array("Caused by: ".utf8)
            if b.count - i >= caused.count && (0..<caused.count).allSatisfy({ b[i + $0] == caused[$0] }) {
                i += caused.count
            }
            let start = i
            var dot = false
            while i < b.count {
                let c = b[i]
                let word = c &- 0x61 < 26 || c &- 0x41 < 26 || c &- 0x30 < 10 || c == 0x5F || c == 0x24
                if c == 0x2E { dot = true } else if !word { break }
                i += 1
            }
            guard dot, i > start, i == b.count || b[i] == 0x3A || b[i] >= 0x80 else {
                return i < b.count && b[i] >= 0x80
            }
            let token = UnsafeBufferPointer(rebasing: b[start..<i])
            func ends(_ s: String) -> Bool {
                let u = Array(s.utf8)
                return token.count >= u.count
                    && (0..<u.count).allSatisfy { token[token.count - u.count + $0] == u[$0] }
            }
            return ends("Error") || ends("Exception")
        }
    }

    /// Conservative: true only for `^…` whose top level has no alternation and which uses no `(?`
    /// group other than `(?:`.
    static func isAnchoredAtStart(_ source: String) -> Bool {
        let s = Array(source.utf8)
        guard s.first == 0x5E else { return false }  // ^
        var i = 1
        var depth = 0
        while i < s.count {
            switch s[i] {
            case 0x5C:  // \ escapes the next byte
                i += 2
                continue
            case 0x5B:  // [ class ]: skip to its unescaped end
                i += 1
                if i < s.count && s[i] == 0x5E { i += 1 }
                if i < s.count && s[i] == 0x5D { return false }  // `[]…`: dialects differ
                while i < s.count && s[i] != 0x5D {
                    if s[i] == 0x5C { i += 1 } else if s[i] == 0x5B { return false }  // nested class or POSIX
                    i += 1
                }
                guard i < s.count else { return false }
            case 0x28:  // (
                if i + 1 < s.count && s[i + 1] == 0x3F {  // (?
                    guard i + 2 < s.count, s[i + 2] == 0x3A else { return false }
                }
                depth += 1
            case 0x29:  // )
                depth -= 1
                guard depth >= 0 else { return false }
            case 0x7C:  // |
                if depth == 0 { return false }
            default: break
            }
            i += 1
        }
        return depth == 0
    }
}

/// Byte-level twins of the built-in patterns' unanchored regexes that the engine runs slowest: it
/// tries every start of the line and backtracks (about a millisecond on a long compiler line). Each
/// answers exactly what `firstMatch` answers, provided the text is ASCII: then a `Character` is one
/// byte (or `\r\n`, which none of these can match inside), `\s` is `[\t\n\v\f\r ]` and `\d` is
/// `[0-9]`. `PatternLibraryTests` compare each with its regex on real and generated lines.
enum AsciiMatchers {
    static let bySource: [String: @Sendable (UnsafeBufferPointer<UInt8>) -> Bool] = [
        #"[^\s:]+:\d+(:\d+)?: error:"#: { diagnosticLocation($0, before: ": error:") },
        #"[^\s:]+:\d+(:\d+)?: fatal error:"#: { diagnosticLocation($0, before: ": fatal error:") },
        #"Tests run: \d+, Failures: ([1-9]\d*|\d+, Errors: [1-9])"#: junitFailures,
    ]

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

    /// The first occurrence of `word` in `b` at or after `from`, byte for byte.
    static func find(_ word: StaticString, in b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let m = word.utf8CodeUnitCount
        let w = word.utf8Start
        var i = from
        while i + m <= b.count {
            if b[i] == w[0] {
                var k = 1
                while k < m && b[i + k] == w[k] { k += 1 }
                if k == m { return i }
            }
            i += 1
        }
        return nil
    }

    /// `[^\s:]+:\d+(:\d+)?` then `word`: some occurrence of `word` right after `:` and digits,
    /// with a byte before that `:` that is neither whitespace nor `:`. (With `:\d+:\d+`, the byte
    /// before the last `:` is a digit, so the optional group never decides.)
    ///
    /// - `src/a.c:3:5: error: x`, `a:1: error:` match; `a.c: error: x`, ` :3: error:`, `a::3: error:` do not.
    static func diagnosticLocation(_ b: UnsafeBufferPointer<UInt8>, before word: StaticString) -> Bool {
        var from = 0
        while let e = find(word, in: b, from: from) {
            var k = e
            while k > 0 && isDigit(b[k - 1]) { k -= 1 }
            if k < e && k >= 2 && b[k - 1] == 0x3A {
                let c = b[k - 2]
                if c != 0x3A && c != 0x20 && !(0x09...0x0D).contains(c) { return true }
            }
            from = e + 1
        }
        return false
    }

    /// `Tests run: \d+, Failures: ([1-9]\d*|\d+, Errors: [1-9])`.
    ///
    /// - `Tests run: 3, Failures: 1`, `Tests run: 3, Failures: 0, Errors: 2` match;
    ///   `Tests run: 3, Failures: 0, Errors: 0`, `Tests run: x, Failures: 1` do not.
    static func junitFailures(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        func literal(_ s: StaticString, at i: Int) -> Bool {
            let m = s.utf8CodeUnitCount
            guard n - i >= m else { return false }
            for k in 0..<m where b[i + k] != s.utf8Start[k] { return false }
            return true
        }
        func digits(from i: Int) -> Int {
            var j = i
            while j < n && isDigit(b[j]) { j += 1 }
            return j
        }
        var from = 0
        while let i = find("Tests run: ", in: b, from: from) {
            from = i + 1
            var j = i + 11
            let end = digits(from: j)
            guard end > j, literal(", Failures: ", at: end) else { continue }
            j = end + 12
            guard j < n else { continue }
            if b[j] &- 0x31 < 9 { return true }
            let failures = digits(from: j)
            guard failures > j, literal(", Errors: ", at: failures), failures + 10 < n else { continue }
            if b[failures + 10] &- 0x31 < 9 { return true }
        }
        return false
    }
}
