import LogAnalysis

/// A cluster's title for people: a real member's line, with the parts that vary between members
/// marked. The template (`ClusterState.template`) stays what clustering compares; this is what
/// tables and the dashboard show.
///
/// - The line is the newest member's (latest night, then highest job id) title line
///   (`FailureAnalysis.titleLine`): its key line without CI decorations, or the message above it
///   when the key line is a build tool's wrapper.
/// - A word of that line varies when some other member's title line does not have it in the same
///   order (a longest common subsequence of words); runs of varying words, with what separates
///   them, are one marked part. A cluster whose members all say the same has nothing marked, and
///   so has one whose members say mostly different things (more than half the words vary: an
///   outage's cause in each tool's phrasing), where marks would cover the whole line.
/// - Marked as `‹…›` in `marked` (reads in a terminal and in a browser; the dashboard shows the
///   parts as `<mark>`).
///
/// | members' key lines | marked |
/// |---|---|
/// | `make: *** [Makefile:12: all] Error 1`, `make: *** [Makefile:40: all] Error 2` | `make: *** [Makefile:‹40›: all] Error ‹2›` |
/// | `got 3 pages, want 4` (one member) | `got 3 pages, want 4` |
public struct ClusterTitle: Sendable, Hashable {
    /// A piece of the line; `varies` when it differs between members.
    public struct Part: Sendable, Hashable {
        public var text: String
        public var varies: Bool

        public init(_ text: String, varies: Bool = false) {
            self.text = text
            self.varies = varies
        }
    }

    public var parts: [Part]

    public init(parts: [Part]) { self.parts = parts }

    /// The member's text, unmarked.
    public var plain: String { parts.map(\.text).joined() }

    /// The varying parts between `‹` and `›`.
    public var marked: String { parts.map { $0.varies ? "‹" + $0.text + "›" : $0.text }.joined() }

    /// The title of `lines`, the members' title lines, the one to show last. Empty lines are left
    /// out; with none left, the title is `fallback` (the template), nothing marked.
    public init(lines: [String], fallback: String) {
        let shown = lines.filter { !$0.isEmpty }
        guard let line = shown.last else {
            self.parts = fallback.isEmpty ? [] : [Part(fallback)]
            return
        }
        let words = Self.words(line)
        var constant = [Bool](repeating: true, count: words.count)
        for other in Set(shown) where other != line {
            let kept = Self.common(words.map(\.text), Self.words(other).map(\.text))
            for i in constant.indices where !kept[i] { constant[i] = false }
        }
        if constant.filter({ !$0 }).count * 2 > words.count {
            self.parts = [Part(line)]
            return
        }
        // Words and separators in order; a separator between two varying words varies with them.
        var parts: [Part] = []
        func append(_ text: Substring, varies: Bool) {
            guard !text.isEmpty else { return }
            if let last = parts.last, last.varies == varies {
                parts[parts.count - 1].text += text
            } else {
                parts.append(Part(String(text), varies: varies))
            }
        }
        var cursor = line.startIndex
        for (i, word) in words.enumerated() {
            let separator = line[cursor..<word.range.lowerBound]
            let inside = !constant[i] && i > 0 && !constant[i - 1]
            append(separator, varies: inside)
            append(line[word.range], varies: !constant[i])
            cursor = word.range.upperBound
        }
        append(line[cursor...], varies: false)
        self.parts = parts
    }

    /// Runs of letters, digits, `_` and non-ASCII characters, with where they are (bytes compared:
    /// a non-ASCII byte is part of a word, as its character is).
    static func words(_ line: String) -> [(text: Substring, range: Range<String.Index>)] {
        var result: [(Substring, Range<String.Index>)] = []
        let utf8 = line.utf8
        func isWord(_ b: UInt8) -> Bool {
            b >= 0x80 || (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 || b == 0x5F
        }
        var start: String.Index? = nil
        var i = utf8.startIndex
        while i < utf8.endIndex {
            if isWord(utf8[i]) {
                if start == nil { start = i }
            } else if let s = start {
                result.append((line[s..<i], s..<i))
                start = nil
            }
            i = utf8.index(after: i)
        }
        if let s = start { result.append((line[s...], s..<line.endIndex)) }
        return result
    }

    /// For each word of `a`, whether a longest common subsequence of `a` and `b` keeps it.
    static func common(_ a: [Substring], _ b: [Substring]) -> [Bool] {
        let n = a.count
        let m = b.count
        // One flat (n+1)×(m+1) table: `table[i * width + j]` is the LCS length of a[i...], b[j...].
        let width = m + 1
        var table = [Int](repeating: 0, count: (n + 1) * width)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i * width + j] =
                    a[i] == b[j]
                    ? table[(i + 1) * width + j + 1] + 1
                    : max(table[(i + 1) * width + j], table[i * width + j + 1])
            }
        }
        var kept = [Bool](repeating: false, count: n)
        var i = 0
        var j = 0
        while i < n && j < m {
            if a[i] == b[j] {
                kept[i] = true
                i += 1
                j += 1
            } else if table[(i + 1) * width + j] >= table[i * width + j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        return kept
    }
}

/// Build tools' wrapper lines: they say that a step failed, not what failed.
///
/// | line | wrapper |
/// |---|---|
/// | `make: *** [Makefile:12: all] Error 2`, `make[1]: *** [x.o] Error 1`, `gmake: *** [all] Error 2` | yes |
/// | `ninja: build stopped: subcommand failed.` | yes |
/// | `npm ERR! code ELIFECYCLE`, `npm ERR! errno 2`, `npm error code 1` | yes |
/// | `error Command failed with exit code 1.` (yarn) | yes |
/// | `make: *** No rule to make target 'x', needed by 'y'.  Stop.` | no (what failed) |
/// | `npm ERR! 404 Not Found - GET https://registry.npmjs.org/x` | no |
public enum BuildWrapper {
    public static func isWrapper(_ line: String) -> Bool {
        let t = LineContent.of(line).drop { $0 == " " || $0 == "\t" }
        if t.hasPrefix("make") || t.hasPrefix("gmake") || t.hasPrefix("mingw32-make") {
            return t.contains(": *** [") && t.contains("] Error ")
        }
        if t.hasPrefix("ninja: build stopped") { return true }
        if t.hasPrefix("error Command failed with exit code") { return true }
        for lead in ["npm ERR! ", "npm error "] where t.hasPrefix(lead) {
            let rest = t.dropFirst(lead.count)
            return ["code ", "errno ", "Exit status", "Failed at the", "Lifecycle script", "command failed"]
                .contains { rest.hasPrefix($0) }
        }
        return false
    }
}

extension FailureAnalysis {
    /// The line a person reads as what failed, CI decorations left out (`LineContent`): the key
    /// line, or, when it is a build tool's wrapper (`BuildWrapper`), the nearest excerpt line above
    /// it (at most 12 log lines up) that reads as a message: `subject: what is wrong`, not itself
    /// a wrapper, a command (`$ …`), make's `Entering/Leaving directory`, or a header ending in `:`.
    /// Without the excerpt (an analysis read without it), the key line. Nil for an empty log.
    public var titleLine: String? {
        guard let key = keyLine else { return nil }
        let keyText = Self.readable(key)
        guard BuildWrapper.isWrapper(key),
            let at = excerpt.lastIndex(where: { $0.text == key })
        else { return keyText }
        let number = excerpt[at].number
        for line in excerpt[..<at].reversed() where line.number >= number - 12 {
            let t = Self.readable(line.text)
            if t.isEmpty || BuildWrapper.isWrapper(line.text) || t.hasPrefix("$ ") || t.hasSuffix(":") {
                continue
            }
            if t.hasPrefix("make") && (t.contains("Entering directory") || t.contains("Leaving directory")) {
                continue
            }
            guard let colon = t.range(of: ": "), !t[colon.upperBound...].isEmpty else { continue }
            return t
        }
        return keyText
    }

    /// The line without CI decorations and surrounding blanks (bytes compared: `clusters 30d` reads
    /// thousands of key lines).
    static func readable(_ line: String) -> String {
        let content = LineContent.of(line).utf8
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = content.firstIndex(where: { !blank($0) }),
            let last = content.lastIndex(where: { !blank($0) })
        else { return "" }
        return String(Substring(content[first...last]))
    }
}

extension ClusterSummary {
    /// The cluster's title from its members as read (`ClusterTitle`); the newest member's line.
    public var title: ClusterTitle {
        // Newest first, by index (moving the members themselves costs more than reading them).
        let newestFirst = members.indices.sorted {
            (members[$0].night, members[$0].jobID) > (members[$1].night, members[$1].jobID)
        }
        var walk = TitleWalk()
        for i in newestFirst where !walk.read(members[i]) { break }
        return walk.title(fallback: state.template)
    }

    /// How many distinct member lines a title compares: the newest eight show what varies (a
    /// cluster's title is read once per cluster of a listing, thousands of them at 1,000 projects).
    static let compared = 8

    /// `title`, reading the members' excerpts from `store` when they were read without them and the
    /// newest member's key line is a build tool's wrapper (the message is in the excerpt). Only
    /// such clusters cost a read; a failing read gives `title`.
    public func title(reading store: any AnalysisStore) -> ClusterTitle {
        guard let newest = members.max(by: { ($0.night, $0.jobID) < ($1.night, $1.jobID) }),
            newest.excerpt.isEmpty, let key = newest.keyLine, BuildWrapper.isWrapper(key),
            let full = try? store.analyses(cluster: state.id)
        else { return title }
        let inRange = Set(members.map(\.jobID))
        var copy = self
        copy.members = full.filter { inRange.contains($0.jobID) }
        return copy.title
    }

    /// `title(reading:)` from what the cache keeps (`kept`) when it holds for these members, which
    /// it does whenever they include every member it read; otherwise computed as by `title(reading:)`.
    public func title(kept: KeptClusterTitle?, reading store: any AnalysisStore) -> ClusterTitle {
        if let kept, kept.holds(for: members) { return kept.title }
        return title(reading: store)
    }
}

/// The members a title reads, fed newest first (latest night, then highest job id): each distinct
/// key line of members read without excerpts once (a member with an excerpt, or without a key
/// line, counts as distinct), until `ClusterSummary.compared` lines are read. `ClusterSummary.title`
/// and the title `fetch` keeps (`KeptClusterTitle`) both walk this way, so they cannot disagree.
public struct TitleWalk: Sendable {
    /// The lines read, newest first.
    public private(set) var lines: [String] = []
    /// How many members were fed (the newest `count`: they decide the title).
    public private(set) var count = 0
    /// The oldest member fed: its night and job id.
    public private(set) var oldest: (night: String, jobID: Int)?
    /// The newest member (the first fed) was read without its excerpt and its key line is a build
    /// tool's wrapper: `title(reading:)` walks the members with their excerpts instead.
    public private(set) var needsExcerpts = false
    private var seen = Set<String>()

    public init() {}

    /// Feeds the next older member; false once the walk needs no more (feed none after).
    @discardableResult
    public mutating func read(_ member: FailureAnalysis) -> Bool {
        guard lines.count < ClusterSummary.compared else { return false }
        if count == 0 {
            needsExcerpts = member.excerpt.isEmpty && member.keyLine.map(BuildWrapper.isWrapper) == true
        }
        count += 1
        oldest = (member.night, member.jobID)
        let key = (member.excerpt.isEmpty ? member.keyLine : nil) ?? "\(member.jobID)"
        if seen.insert(key).inserted, let line = member.titleLine { lines.append(line) }
        return lines.count < ClusterSummary.compared
    }

    /// The title of the lines read; `fallback` (the template) when there are none.
    public func title(fallback: String) -> ClusterTitle {
        ClusterTitle(lines: lines.reversed(), fallback: fallback)
    }

    /// The title with the members that decided it; nil when no member was fed.
    public func kept(fallback: String) -> KeptClusterTitle? {
        guard let oldest else { return nil }
        return KeptClusterTitle(
            title: title(fallback: fallback), count: count, oldestNight: oldest.night,
            oldestJobID: oldest.jobID)
    }
}

/// A cluster's title as `fetch` and `recluster` keep it in the cache: `title(reading:)` over every
/// member, and which members decided it, so that a listing of a range of nights can tell, from
/// its own members alone, whether they give the same title.
///
/// The members that decide a title are the newest `count` (a `TitleWalk` stops there; for a cluster
/// whose newest key line is a build tool's wrapper, the walk over the members with excerpts). A
/// range's members give the same title exactly when they include all of those: their walk then
/// reads the same members in the same order.
public struct KeptClusterTitle: Sendable, Hashable {
    public var title: ClusterTitle
    /// How many members, newest first, decided the title (at least one).
    public var count: Int
    /// The oldest of them: its night and job id.
    public var oldestNight: String
    public var oldestJobID: Int

    public init(title: ClusterTitle, count: Int, oldestNight: String, oldestJobID: Int) {
        self.title = title
        self.count = count
        self.oldestNight = oldestNight
        self.oldestJobID = oldestJobID
    }

    /// True when `members` (a cluster's members in a range, any order) include every member that
    /// decided the title: as many of them are at least as new as the oldest of those as decided it.
    public func holds(for members: [FailureAnalysis]) -> Bool {
        var newer = 0
        for m in members where m.night > oldestNight || (m.night == oldestNight && m.jobID >= oldestJobID) {
            newer += 1
        }
        return newer == count
    }
}
