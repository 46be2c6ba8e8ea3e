/// Why a line was put in an excerpt.
public enum ExcerptReason: String, Sendable, Codable {
    /// A known pattern matched (`detail` names it).
    case pattern
    /// An error keyword (`error`, `failed`, `exception`, …) outside runner boilerplate.
    case keyword
    /// One of the last lines of the section that failed.
    case sectionTail
    /// A frame or the header of a stack trace / assertion block next to an error line.
    case stackTrace
    /// Indented continuation of an error line (a compiler's code snippet, a test's `Evaluated:`).
    case context
    /// Near an error and absent from the same job's last green trace (masked comparison).
    case absentFromGreen
    /// Runner boilerplate such as `ERROR: Job failed: exit code 1`, only when nothing better exists.
    case runnerFallback
}

public struct ExcerptLine: Hashable, Sendable {
    public var line: CleanLine
    public var reason: ExcerptReason
    /// The pattern's name for `.pattern`; nil otherwise.
    public var detail: String?

    public init(line: CleanLine, reason: ExcerptReason, detail: String? = nil) {
        self.line = line
        self.reason = reason
        self.detail = detail
    }
}

/// The few lines that explain a failure.
public struct Excerpt: Sendable {
    /// At most the extractor's `maxLines`, in log order.
    public var lines: [ExcerptLine]
    /// The single most telling line (for one-line summaries); nil only for an empty log.
    public var keyLine: ExcerptLine?
    /// True when the cause is the machine, network or runner rather than the code.
    public var infrastructure: Bool
    /// Names of the known patterns found (strongest first, without repeats).
    public var matchedPatterns: [String]
    /// Category of the key line's pattern (`test`, `oom`, …), nil when no pattern matched it.
    public var category: String?

    public init(
        lines: [ExcerptLine], keyLine: ExcerptLine?, infrastructure: Bool, matchedPatterns: [String],
        category: String? = nil
    ) {
        self.lines = lines
        self.keyLine = keyLine
        self.infrastructure = infrastructure
        self.matchedPatterns = matchedPatterns
        self.category = category
    }

    /// The key line and the block right after it (exception message, first frames; at most
    /// `blockLines`): the lines a failure signature is made of.
    public func keyBlock(blockLines: Int = 3) -> [CleanLine] {
        guard let key = keyLine else { return [] }
        var result = [key.line]
        guard let at = lines.firstIndex(where: { $0.line == key.line }) else { return result }
        var next = at + 1
        while next < lines.count, result.count <= blockLines,
            lines[next].line.number == lines[next - 1].line.number + 1,
            lines[next].reason == .context || lines[next].reason == .stackTrace
        {
            result.append(lines[next].line)
            next += 1
        }
        return result
    }
}

/// Picks the lines of a failed trace that explain the failure.
///
/// Sources, strongest first: known patterns (`PatternLibrary`), the stack-trace / assertion block
/// right after them (bounded), lines near them that the passing trace does not have, error keywords,
/// the tail of the failing section; runner boilerplate only when nothing else is found.
/// With a passing trace, pattern lines that also occur there (after masking) are demoted and such
/// keyword lines dropped: they are not what changed.
public struct ExcerptExtractor: Sendable {
    public var patterns: PatternLibrary
    /// Upper bound on `Excerpt.lines`.
    public var maxLines: Int
    /// Lines of a block after an error line (frames, snippets), per error line.
    public var maxBlockLines: Int = 8
    /// Last lines of the failing section added when there is room.
    public var tailLines: Int = 3

    public init(patterns: PatternLibrary = .builtIn, maxLines: Int = 30) {
        self.patterns = patterns
        self.maxLines = maxLines
    }

    /// Sections whose failure is the runner's or the machine's, not the job script's.
    public static let infrastructureSections: Set<String> = [
        "resolve_secrets", "prepare_executor", "prepare_script", "get_sources", "restore_cache",
        "download_artifacts",
    ]
    /// Sections that run after the script and rarely explain a failure.
    static let postSections: Set<String> = [
        "after_script", "archive_cache", "archive_cache_on_failure", "upload_artifacts_on_success",
        "upload_artifacts_on_failure", "cleanup_file_variables",
    ]

    struct Seed {
        var index: Int
        var weight: Int
        var reason: ExcerptReason
        var pattern: Int?  // index into the library
        var detail: String?
    }

    public func excerpt(failed: CleanedLog, passed: CleanedLog? = nil) -> Excerpt {
        let lines = failed.lines
        guard !lines.isEmpty, maxLines > 0 else {
            return Excerpt(lines: [], keyLine: nil, infrastructure: false, matchedPatterns: [])
        }
        // 1. Classify every line.
        var seeds: [Seed] = []
        var fallback: [Int] = []
        // One scan per line finds the anchors and keywords; most lines have neither and cost no more.
        var hits: [(needle: Int, at: Int)] = []
        hits.reserveCapacity(32)
        for index in lines.indices {
            var text = lines[index].text
            let kind: LineKind = text.withUTF8 { b in
                guard b.count > 2 else { return .plain }
                hits.removeAll(keepingCapacity: true)
                patterns.scanner.scan(b, into: &hits)
                if hits.isEmpty { return Keywords.isBoilerplate(b) ? .boilerplate : .plain }
                let found = patterns.matches(bytes: b, text: lines[index].text, hits: hits)
                if let best = found.max(by: { patterns.patterns[$0].weight < patterns.patterns[$1].weight }) {
                    return .pattern(best)
                }
                if Keywords.isBoilerplate(b) { return .boilerplate }
                if Keywords.hasErrorKeyword(b, hits: hits, base: patterns.keywordBase) { return .keyword }
                return .plain
            }
            var weight = 0
            switch kind {
            case .plain: continue
            case .boilerplate:
                fallback.append(index)
                continue
            case .pattern(let p):
                weight = patterns.patterns[p].weight
                seeds.append(
                    Seed(index: index, weight: weight, reason: .pattern, pattern: p, detail: patterns.patterns[p].name))
            case .keyword:
                seeds.append(Seed(index: index, weight: 20, reason: .keyword))
            }
        }
        for derived in derivedSeeds(lines, seeds) {
            if let k = seeds.firstIndex(where: { $0.index == derived.index }) {
                if seeds[k].weight < derived.weight { seeds[k] = derived }
            } else {
                seeds.append(derived)
            }
        }
        // Lines after the script are rarely the cause.
        for k in seeds.indices {
            if let s = lines[seeds[k].index].section, Self.postSections.contains(s) { seeds[k].weight -= 30 }
        }
        // 2. Compare with the passing trace.
        var green: Set<String> = []
        if let passed {
            green.reserveCapacity(passed.lines.count)
            for l in passed.lines where !l.text.isEmpty { green.insert(Masker.mask(l.text)) }
            seeds = seeds.compactMap { seed in
                guard green.contains(Masker.mask(lines[seed.index].text)) else { return seed }
                if seed.reason == .keyword || seed.weight < 50 { return nil }
                var s = seed
                s.weight -= 45
                return s
            }
        }
        // 3. The key line.
        let keySeed = seeds.max { a, b in a.weight < b.weight || (a.weight == b.weight && a.index > b.index) }
        // 4. Fill the budget by priority.
        var chosen: [Int: (ExcerptReason, String?)] = [:]
        func add(_ index: Int, _ reason: ExcerptReason, _ detail: String? = nil) -> Bool {
            if chosen[index] != nil { return true }
            guard chosen.count < maxLines else { return false }
            chosen[index] = (reason, detail)
            return true
        }
        let ordered = prioritised(seeds, lines)
        let strong = ordered.filter { $0.weight >= 50 }
        let weak = ordered.filter { $0.weight < 50 }
        if let keySeed { _ = add(keySeed.index, keySeed.reason, keySeed.detail) }
        for seed in strong {
            guard add(seed.index, seed.reason, seed.detail) else { break }
            for (i, r) in block(after: seed.index, lines) { guard add(i, r) else { break } }
        }
        if passed != nil, chosen.count < maxLines {
            for seed in strong.prefix(5) {
                let range = max(0, seed.index - 5)..<min(lines.count, seed.index + 6)
                for i in range where !lines[i].text.isEmpty && !green.contains(Masker.mask(lines[i].text)) {
                    guard add(i, .absentFromGreen) else { break }
                }
            }
        }
        for seed in weak {
            guard add(seed.index, seed.reason, seed.detail) else { break }
            for (i, r) in block(after: seed.index, lines).prefix(3) { guard add(i, r) else { break } }
        }
        let section = failingSection(lines, keySeed)
        let tail = sectionTail(lines, section: section, fallback: Set(fallback))
        if chosen.count < maxLines {
            for i in tail.suffix(seeds.isEmpty ? 5 : tailLines) {
                if passed != nil && !seeds.isEmpty && green.contains(Masker.mask(lines[i].text)) { continue }
                guard add(i, .sectionTail) else { break }
            }
        }
        if chosen.isEmpty {
            for i in fallback.suffix(maxLines) { _ = add(i, .runnerFallback) }
        }
        // 5. Assemble.
        let excerptLines = chosen.keys.sorted().map { i -> ExcerptLine in
            let (reason, detail) = chosen[i] ?? (.context, nil)
            return ExcerptLine(line: lines[i], reason: reason, detail: detail)
        }
        var keyLine: ExcerptLine? = nil
        if let keySeed {
            keyLine = ExcerptLine(line: lines[keySeed.index], reason: keySeed.reason, detail: keySeed.detail)
        } else if let last = tail.last {
            keyLine = ExcerptLine(line: lines[last], reason: .sectionTail)
        } else if let last = fallback.last {
            keyLine = ExcerptLine(line: lines[last], reason: .runnerFallback)
        } else if let last = lines.lastIndex(where: { !$0.text.isEmpty }) {
            keyLine = ExcerptLine(line: lines[last], reason: .runnerFallback)
        }
        let keyPattern = keySeed?.pattern.map { patterns.patterns[$0] }
        var infrastructure = keyPattern?.infrastructure ?? false
        if let s = keySeed.flatMap({ lines[$0.index].section }) ?? (keySeed == nil ? section : nil),
            Self.infrastructureSections.contains(s)
        {
            infrastructure = true
        }
        var names: [String] = []
        for seed in seeds.sorted(by: { $0.weight > $1.weight }) {
            if let name = seed.detail, seed.reason == .pattern, !names.contains(name) { names.append(name) }
        }
        return Excerpt(
            lines: excerptLines, keyLine: keyLine, infrastructure: infrastructure, matchedPatterns: names,
            category: keyPattern?.category)
    }

    enum LineKind { case plain, boilerplate, keyword, pattern(Int) }

    /// Seeds that need a look at neighbours: the exception line closing a Python traceback.
    func derivedSeeds(_ lines: [CleanLine], _ seeds: [Seed]) -> [Seed] {
        var result: [Seed] = []
        for seed in seeds where seed.detail == "python-traceback" {
            var j = seed.index + 1
            while j < lines.count, Keywords.isIndented(lines[j].text) { j += 1 }
            if j < lines.count, !lines[j].text.isEmpty {
                result.append(Seed(index: j, weight: 88, reason: .pattern, pattern: nil, detail: "python-exception"))
            }
        }
        return result
    }

    /// Strongest first; among equals, the first occurrence of each distinct (masked) line before repeats.
    func prioritised(_ seeds: [Seed], _ lines: [CleanLine]) -> [Seed] {
        var seen: [String: Int] = [:]
        var rank: [Int] = []
        for seed in seeds.sorted(by: { $0.index < $1.index }) {
            let key = Masker.mask(lines[seed.index].text)
            let count = seen[key, default: 0]
            seen[key] = count + 1
            rank.append(count)
        }
        let byIndex = seeds.sorted(by: { $0.index < $1.index })
        let order = byIndex.indices.sorted { a, b in
            let sa = byIndex[a]
            let sb = byIndex[b]
            let repeatA = rank[a] >= 2
            let repeatB = rank[b] >= 2
            if repeatA != repeatB { return !repeatA }
            if sa.weight != sb.weight { return sa.weight > sb.weight }
            return sa.index < sb.index
        }
        return order.map { byIndex[$0] }
    }

    /// The bounded block after an error line: assertion details, stack frames, code snippets.
    func block(after index: Int, _ lines: [CleanLine]) -> [(Int, ExcerptReason)] {
        var result: [(Int, ExcerptReason)] = []
        let header = lines[index].text
        let isTraceback = header.hasSuffix("Traceback (most recent call last):")
        var j = index + 1
        var framesTaken = 0
        var inStacktrace = header.hasSuffix("Stacktrace:")
        let frameLimit = isTraceback ? 4 : 2
        if isTraceback {
            // Keep the innermost frames: skip to the last `frameLimit * 2` indented lines.
            var end = j
            while end < lines.count, Keywords.isIndented(lines[end].text) { end += 1 }
            for i in max(j, end - frameLimit * 2)..<end { result.append((i, .stackTrace)) }
            return result
        }
        while j < lines.count && result.count < maxBlockLines {
            let shape = BlockLine(lines[j].text)
            if shape.isFrame {
                if framesTaken < frameLimit { result.append((j, .stackTrace)) }
                framesTaken += 1
            } else if shape.stacktrace {
                inStacktrace = true
                result.append((j, .stackTrace))
            } else if shape.causedBy {
                result.append((j, .stackTrace))
                framesTaken = 0
            } else if shape.ellipsis && framesTaken > 0 {
                // `... 23 more`
            } else if shape.indented && !inStacktrace && !shape.blank {
                result.append((j, .context))
            } else {
                break
            }
            j += 1
        }
        return result
    }

    /// The section the failure happened in: the key line's, else the last section with script output.
    func failingSection(_ lines: [CleanLine], _ key: Seed?) -> String? {
        if let key { return lines[key.index].section }
        for line in lines.reversed() where !line.text.isEmpty {
            guard let s = line.section else { continue }
            if !Self.postSections.contains(s) { return s }
        }
        return nil
    }

    /// Indices of the non-empty, non-boilerplate lines of `section`'s last run, oldest first (at most 5).
    func sectionTail(_ lines: [CleanLine], section: String?, fallback: Set<Int>) -> [Int] {
        guard let last = lines.lastIndex(where: { $0.section == section && !$0.text.isEmpty }) else { return [] }
        var result: [Int] = []
        var i = last
        while i >= 0 && result.count < 5 && lines[i].section == section {
            let isHeader = section != nil && (i == 0 || lines[i - 1].section != section)
            if !lines[i].text.isEmpty && !fallback.contains(i) && !lines[i].text.hasPrefix("$ ") && !isHeader {
                result.append(i)
            }
            i -= 1
        }
        return result.reversed()
    }
}

/// What `block(after:)` needs to know of a line, leading spaces/tabs aside: frame, `Stacktrace:`,
/// `Caused by:`, `...`, indented, nothing but spaces. Character semantics (`String.hasPrefix`,
/// `Character.isNumber`); an all-ASCII line, the usual case, is read as bytes, which is the same.
struct BlockLine: Equatable {
    var isFrame = false
    var stacktrace = false
    var causedBy = false
    var ellipsis = false
    var indented = false
    var blank = false

    init(_ text: String) {
        let ascii: BlockLine?? = text.utf8.withContiguousStorageIfAvailable { b in
            b.allSatisfy({ $0 < 0x80 }) ? BlockLine(ascii: b) : nil
        }
        if let ascii = ascii ?? nil {
            self = ascii
        } else {
            self.init(characters: text)
        }
    }

    /// The Character reading (any text).
    init(characters text: String) {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        indented = trimmed.count < text.count
        blank = trimmed.isEmpty
        isFrame = Keywords.isFrame(trimmed)
        stacktrace = trimmed.hasPrefix("Stacktrace:")
        causedBy = trimmed.hasPrefix("Caused by:") || trimmed.hasPrefix("caused by")
        ellipsis = trimmed.hasPrefix("...")
    }

    static let stacktracePrefix = Array("Stacktrace:".utf8)
    static let causedPrefix = Array("Caused by:".utf8)
    static let causedLowerPrefix = Array("caused by".utf8)
    static let atPrefix = Array("at ".utf8)
    static let filePrefix = Array("File \"".utf8)

    /// The byte reading, for all-ASCII text.
    init(ascii b: UnsafeBufferPointer<UInt8>) {
        let n = b.count
        var s = 0
        while s < n && (b[s] == 0x20 || b[s] == 0x09) { s += 1 }
        indented = s > 0
        blank = s == n
        @inline(__always) func has(_ p: [UInt8]) -> Bool {
            guard n - s >= p.count else { return false }
            for k in 0..<p.count where b[s + k] != p[k] { return false }
            return true
        }
        if has(Self.atPrefix) || has(Self.filePrefix) {
            isFrame = true
        } else if s < n && b[s] == 0x5B {  // `[digits]`
            var k = s + 1
            while k < n && b[k] != 0x5D { k += 1 }
            if k < n {
                isFrame = k > s + 1 && (s + 1..<k).allSatisfy { b[$0] &- 0x30 < 10 }
            }
        }
        stacktrace = has(Self.stacktracePrefix)
        causedBy = has(Self.causedPrefix) || has(Self.causedLowerPrefix)
        ellipsis = n - s >= 3 && b[s] == 0x2E && b[s + 1] == 0x2E && b[s + 2] == 0x2E
    }
}
