/// Picks the lines of a failed trace that explain the failure.
///
/// Errors come in blocks whose shape belongs to the tool that failed (`GrammarSet`: a Julia
/// `Error During Test` with its exception, a Python traceback through its exception line, a
/// pytest `E` block, a compiler diagnostic with its caret lines, …); known patterns
/// (`PatternLibrary`) name the machine's and the network's failures. The extractor:
/// 1. reads each line's shape (`LineShape`: CI decorations skipped, scaffolding and progress
///    recognised) and finds the strongest grammar rule or pattern, else an error keyword;
/// 2. with the same job's passing trace, demotes lines that also occur there (after masking);
/// 3. chooses the key block: among the strongest candidates of the failing step, the first
///    (the first failure, not the noisiest lines); its message line is the key line;
/// 4. fills the budget with the key block, then the other blocks by strength (identical blocks
///    once, with a count), then, when nothing strong was found, the last keyword lines and the
///    failing step's tail. Never the head of the log, scaffolding, passing tests or progress.
public struct ExcerptExtractor: Sendable {
    public var patterns: PatternLibrary
    public var grammars: GrammarSet
    /// Upper bound on `Excerpt.lines`.
    public var maxLines: Int
    /// Lines of a block after its header (frames, snippets) unless its rule says fewer.
    public var maxBlockLines: Int = 8
    /// Last lines of the failing section added when nothing strong was found: this many, or a
    /// third of `maxLines` when that is more (a tool no grammar knows says why in its last lines;
    /// at 30 lines, ten of them).
    public var tailLines: Int = 5

    public init(patterns: PatternLibrary = .builtIn, maxLines: Int = 30) {
        self.init(patterns: patterns, grammars: .builtIn, maxLines: maxLines)
    }

    public init(patterns: PatternLibrary, grammars: GrammarSet, maxLines: Int) {
        self.patterns = patterns
        self.grammars = grammars
        self.maxLines = maxLines
        self.scanner = Self.combinedScanner(patterns, grammars)
    }

    /// The patterns' anchors and keywords (as `PatternLibrary.scanner` numbers them), then the
    /// grammars' anchors: one scan of a line finds all three.
    let scanner: NeedleSet

    static func combinedScanner(_ patterns: PatternLibrary, _ grammars: GrammarSet) -> NeedleSet {
        if patterns.patterns.count == PatternLibrary.builtIn.patterns.count
            && grammars.rules.count == GrammarSet.builtIn.rules.count
            && patterns.anchorBytes == PatternLibrary.builtIn.anchorBytes
        {
            return builtInScanner
        }
        return NeedleSet(patterns.anchorBytes + Keywords.words + grammars.anchors)
    }
    static let builtInScanner = NeedleSet(
        PatternLibrary.builtIn.anchorBytes + Keywords.words + GrammarSet.builtIn.anchors)

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

    /// The line is in one of the runner's sections after the script (`postSections`).
    static func isAfterScript(_ line: CleanLine) -> Bool {
        line.section.map(postSections.contains) ?? false
    }

    /// `postSections.contains` by a log's section numbers (`CleanedLog.View.section`),
    /// remembering the last section asked about: a line's section is its neighbours', answered at
    /// once where `contains` hashes the whole name.
    struct PostSectionTest {
        let names: [String]
        private var section: UInt32 = 0
        private var answer = false

        init(_ names: [String]) { self.names = names }

        /// Whether the section numbered `s` (0: none) is one of `postSections`.
        mutating func contains(_ s: UInt32) -> Bool {
            if s == 0 { return false }
            if s == section { return answer }
            section = s
            answer = ExcerptExtractor.postSections.contains(names[Int(s) - 1])
            return answer
        }

        /// `isAfterScript(line)` for line `i`.
        mutating func isAfterScript(_ lines: CleanedLog.View, _ i: Int) -> Bool { contains(lines.section(i)) }
    }

    /// Weight from which a candidate is a block worth showing whole.
    static let strong = 50

    struct Candidate {
        var index: Int
        var weight: Int
        var reason: ExcerptReason
        var role: BlockRule.Role
        /// Index into `patterns.patterns` when a pattern decided.
        var pattern: Int?
        /// Index into `grammars.rules` when a grammar rule decided.
        var rule: Int?
        var detail: Detail = .none
    }

    /// What names a candidate's reason (`ExcerptLine.detail`), by index rather than a `String`:
    /// candidates are copied, sorted and filtered by the hundred, and a `String` in them made each
    /// copy a reference count (`detail(_:)` names it when it is shown).
    enum Detail: Equatable {
        case none
        /// `patterns.patterns[p].name`.
        case pattern(Int)
        /// `grammars.details[r]`.
        case rule(Int)
        /// `runner/annotation`: the CI marked the line as an error.
        case annotation
    }

    /// The name `d` stands for.
    func detail(_ d: Detail) -> String? {
        switch d {
        case .none: return nil
        case .pattern(let p): return patterns.patterns[p].name
        case .rule(let r): return grammars.details[r]
        case .annotation: return "runner/annotation"
        }
    }

    /// Keyword lines are kept from the start and the end of a log, this many of each: only the
    /// first (the key when nothing is strong) and the last (the failing step's) are ever shown, and
    /// a log of a million `Error` lines must not hold a million candidates.
    static let keptKeywordLines = 1024

    /// Drops the keyword candidates between the first and the last `keptKeywordLines`; returns how
    /// many are left.
    func dropMiddleKeywordLines(_ candidates: inout [Candidate]) -> Int {
        let total = candidates.reduce(0) { $0 + ($1.reason == .keyword ? 1 : 0) }
        var seen = 0
        candidates.removeAll { c in
            guard c.reason == .keyword else { return false }
            defer { seen += 1 }
            return seen >= Self.keptKeywordLines && seen < total - Self.keptKeywordLines
        }
        return min(total, 2 * Self.keptKeywordLines)
    }

    struct Shapes {
        var shape: [LineShape]
        var masked: [String?]
    }

    public func excerpt(failed: CleanedLog, passed: CleanedLog? = nil) -> Excerpt {
        failed.withView { excerpt($0, passed: passed) }
    }

    /// `excerpt(failed:passed:)` on the failed log's lines read in place: a line's bytes, not a
    /// `String` each (made only for the lines a block or the excerpt reads as text).
    func excerpt(_ lines: CleanedLog.View, passed: CleanedLog?) -> Excerpt {
        guard !lines.isEmpty, maxLines > 0 else {
            return Excerpt(lines: [], keyLine: nil, infrastructure: false, matchedPatterns: [])
        }
        var candidates: [Candidate] = []
        var keywordLines = 0  // keyword candidates in `candidates`
        var boilerplate: [Int] = []
        var reader = LineReader()
        var post = PostSectionTest(lines.sectionNames)
        // GitLab's runner stops a script at its first failing command, so a block printed before
        // the step's last `$ command` came from a command that succeeded (a lint report, `|| true`).
        var lastCommand: [UInt32: Int] = [:]  // section number → its last command's line
        // Each line's shape, stored as it is read (`append` cost a call per line to check room), in
        // a buffer of this call's own: an array's closure-taking initializer copied the extractor
        // into its closure, retaining every array its tables hold, once per log.
        let shapeStorage = UnsafeMutablePointer<LineShape>.allocate(capacity: lines.count)
        defer { shapeStorage.deallocate() }
        for index in lines.indices {
            let b = lines.bytes(index)
            let section = lines.section(index)
            if section != 0, Self.commandByBytes(b) ?? lines.text(index).hasPrefix("$ ") {
                lastCommand[section] = index
            }
            let (shape, found) = reader.read(b, index: index, in: self)
            (shapeStorage + index).initialize(to: shape)
            if shape.noise == .scaffolding { boilerplate.append(index) }
            if var c = found {
                if post.contains(section) { c.weight -= 30 }
                candidates.append(c)
                if c.reason == .keyword {
                    keywordLines += 1
                    if keywordLines > 4 * Self.keptKeywordLines {
                        keywordLines = dropMiddleKeywordLines(&candidates)
                    }
                }
            }
        }
        let shapes = UnsafeBufferPointer(start: shapeStorage, count: lines.count)
        if !lastCommand.isEmpty {
            for k in candidates.indices {
                if let last = lastCommand[lines.section(candidates[k].index)], candidates[k].index < last {
                    candidates[k].weight -= 25
                }
            }
        }
        // `go test -v` prints a test's `t.Log` lines (`x_test.go:12: …`) whether it passes or not:
        // those of a test that passed or was skipped are not the failure.
        if let testLine = grammars.goTestLine {
            var verdicts: [Int: Bool] = [:]  // a `=== RUN` line → its test passed or was skipped
            for k in candidates.indices where candidates[k].rule == testLine {
                if GoTestLog.passed(candidates[k].index, lines, shapes, &verdicts) {
                    candidates[k].weight = min(candidates[k].weight, Self.strong - 1)
                }
            }
        }
        // GitLab's report on a service that failed its health check (`*** WARNING: Service … probably
        // didn't start properly.` through its line of stars) quotes the health check's and the
        // service's own logs (`FATAL: waiting for TCP port 5432 timed out`): the job went on, and
        // what failed it comes later.
        for w in boilerplate where Self.hasPrefix(lines, w, from: shapes[w].textStart, Self.serviceWarning) {
            let end =
                (w + 1..<min(lines.count, w + 60)).first {
                    Self.hasPrefix(lines, $0, from: shapes[$0].textStart, "*********")
                } ?? min(lines.count, w + 60)
            for k in candidates.indices where candidates[k].index > w && candidates[k].index < end {
                candidates[k].weight = min(candidates[k].weight, Self.strong - 1)
            }
        }
        // A harness's report on its child's last line (`Got exit code 1`) is only as telling as that
        // line: after a tool's own summary (pytest's `=== 1 failed in 1.66s ===`), the tool's report
        // above says why, not the exit code.
        for k in candidates.indices {
            guard let r = candidates[k].rule, grammars.rules[r].rule.reportsPrevious else { continue }
            var p = candidates[k].index - 1
            if p >= 0 && shapes[p].blank { p -= 1 }
            let summary =
                k > 0 && candidates[k - 1].index == p && candidates[k - 1].rule != nil
                && candidates[k - 1].role == .summary
            if p < 0 || shapes[p].blank || shapes[p].noise != .none || summary {
                candidates[k].weight = min(candidates[k].weight, Self.strong - 1)
            }
        }
        // A build tool states its failure right after its last summary (`BUILD FAILURE`, then
        // `Failed to execute goal`): that block ended the job; errors printed earlier came from runs
        // the job went on after (a test harness's nested builds, an example that may fail).
        var announced = 0  // the key block is not looked for above this line
        var announcedBlock: Int? = nil
        let announces = grammars.announces
        if let summary = candidates.last(where: { c in c.rule.map { announces[$0] } ?? false }),
            let k = candidates.firstIndex(where: {
                $0.index > summary.index && $0.index <= summary.index + 12 && $0.weight >= Self.strong
                    && $0.role != .summary
            })
        {
            candidates[k].weight += 12
            announced = summary.index
            announcedBlock = candidates[k].index
        }
        // Compare with the passing trace: what also happened on a green run is not the cause.
        var green: Set<String> = []
        if let passed {
            passed.withView { p in
                green.reserveCapacity(p.count)
                for i in p.indices where !p.isEmpty(i) { green.insert(Self.maskedContent(p.bytes(i))) }
            }
            candidates = candidates.compactMap { c in
                guard green.contains(Self.maskedContent(lines.bytes(c.index))) else { return c }
                if c.reason == .keyword { return nil }
                var d = c
                d.weight -= 45
                return d
            }
        }
        // The key block: the first of the strongest candidates in the failing step.
        var keyCandidate: Candidate? = nil
        let scriptSection = failingSection(lines, nil)
        // In a log without sections (GitHub Actions, Jenkins), the CI's first verdict ends the
        // failing step: what comes after it is cleanup and post-build steps (a JUnit publisher that
        // found no reports), which did not fail the job.
        let verdict =
            scriptSection == 0
            ? boilerplate.first { Self.isVerdict(lines, $0, shapes[$0]) } : nil
        if let v = verdict {
            for k in candidates.indices where candidates[k].index > v { candidates[k].weight -= 30 }
            // GitHub Actions runs a job's steps one after the other and stops at the first that
            // fails: when the failing step (`##[group]Run …` opens each) says why, a block printed
            // by an earlier step came from a step that succeeded (a Maven run whose nested build
            // failed, a lint with `|| true`). A failing step that printed nothing telling (`[ -n
            // "" ]`) leaves the earlier step's error (`fatal: No tags can describe …`) as the lead.
            if let start = boilerplate.last(where: {
                $0 < v && Self.hasPrefix(lines, $0, from: shapes[$0].textStart, Self.groupRun)
            }), candidates.contains(where: { $0.index > start && $0.index < v && $0.weight >= Self.strong }) {
                for k in candidates.indices where candidates[k].index < start {
                    candidates[k].weight = min(candidates[k].weight - 30, Self.strong - 1)
                }
            }
        }
        if let top = candidates.max(by: { $0.weight < $1.weight }), top.weight < Self.strong {
            // Only weak lines: the key is among those of the step the script ran last.
            candidates.removeAll { lines.section($0.index) != scriptSection }
            // A log without sections (GitHub Actions, Jenkins) ends its failing step with the CI's
            // verdict; what follows it is the job's cleanup.
            if let v = verdict {
                let start =
                    (0..<v).lastIndex { Self.hasPrefix(lines, $0, from: 0, Self.groupRun) } ?? max(0, v - 150)
                candidates.removeAll { $0.index < start || $0.index > v }
                // The step's last error-ish line is what failed it (`Cannot rebase: …` right
                // before `Build step … marked build as failure`), not a checkout's commit message.
                keyCandidate = candidates.last
            }
        }
        if keyCandidate == nil,
            let top = candidates.max(by: {
                $0.weight < $1.weight || ($0.weight == $1.weight && $0.index > $1.index)
            })
        {
            let section = lines.section(top.index)
            let band = top.weight >= Self.strong ? top.weight - 6 : top.weight
            keyCandidate =
                candidates.first { c in
                    c.weight >= band && c.index >= announced && lines.section(c.index) == section
                        && c.role != .summary
                } ?? candidates.first { $0.weight >= band && lines.section($0.index) == section } ?? top
        }
        // A key line repeated later word for word (a retried step) failed for good at its last try.
        if let key = keyCandidate {
            if lines.bytes(key.index).count > shapes[key.index].textStart,
                let later = candidates.last(where: {
                    $0.index > key.index && $0.rule == key.rule && $0.pattern == key.pattern
                        && Self.sameContent(lines, $0.index, shapes[$0.index], key.index, shapes[key.index])
                })
            {
                keyCandidate = later
            }
        }
        var chosen = LineMap<(ExcerptReason, Detail)>(capacity: maxLines)
        var repeats = LineMap<Int>()
        // A long run of lines that each say what the line above said (after masking numbers: the
        // same diagnostic on line 63, 68, 86… of one file) shows its first lines; the rest are
        // counted on the last line shown.
        let shownOfRun = 6
        var runHead = LineMap<Int>()
        // A shown line → how many lines of its run are shown up to it.
        var runLength = LineMap<Int>(capacity: maxLines)
        /// Whether two lines' contents are the same once masked (`Masker.sameMask`, which answers
        /// as comparing the masks). A content's bytes are the line's from `textStart` on
        /// (decorations and blanks are ASCII), read in place (a small string's on the stack).
        var masks = Masker.MaskComparer()
        func sameMasked(_ i: Int, _ j: Int) -> Bool {
            let (si, sj) = (shapes[i].textStart, shapes[j].textStart)
            return masks.same(
                UnsafeBufferPointer(rebasing: lines.bytes(i)[si...]),
                UnsafeBufferPointer(rebasing: lines.bytes(j)[sj...]))
        }
        @discardableResult func add(_ index: Int, _ reason: ExcerptReason, _ detail: Detail = .none) -> Bool {
            if chosen[index] != nil || runHead[index] != nil { return true }
            var shown = 1
            if index > 0, !shapes[index].blank,
                let previous = chosen[index - 1] != nil ? index - 1 : runHead[index - 1],
                sameMasked(index, index - 1)
            {
                shown = (runLength[previous] ?? 1) + 1
                if shown > shownOfRun {
                    runHead[index] = previous
                    repeats[previous, default: 0] += 1
                    return true
                }
            }
            guard chosen.count < maxLines else { return false }
            runLength[index] = shown
            chosen[index] = (reason, detail)
            return true
        }
        var byIndex = LineMap<Candidate>(capacity: candidates.count)
        for c in candidates where byIndex[c.index] == nil { byIndex[c.index] = c }
        /// A line of a placed block: a strong candidate's own reason, else what the body is.
        @discardableResult func addBodyLine(_ i: Int) -> Bool {
            let c = byIndex[i].flatMap { $0.weight >= Self.strong ? $0 : nil }
            return add(i, c?.reason ?? bodyReason(i, lines, shapes), c?.detail ?? .none)
        }
        var messageLines: [Int] = []
        var header: Int? = nil
        var keyIndex: Int? = keyCandidate?.index
        var seenBlocks: [BlockKey: Int] = [:]  // block text → its first line
        func blockKey(_ block: [Int]) -> BlockKey { Self.blockKey(block, lines, shapes) }
        /// A unified diff's header (`Diff in src/a.rs at line 1:`): its lines are the code, not a message.
        func isDiff(_ c: Candidate) -> Bool {
            guard let r = c.rule, case .diff = grammars.rules[r].rule.body else { return false }
            return true
        }
        var placed: [Candidate] = []
        var keyReach = 0  // the key block's body bound when it reached further than its rule's
        if let key = keyCandidate {
            let (start, block) = enclosingBlock(key, lines, shapes, byIndex)
            if start != key.index { header = start }
            for i in block {
                if let c = byIndex[i], c.role == .message {
                    messageLines.append(i)
                } else if byIndex[i]?.role != .summary, Self.isMessageShape(lines, i, shapes[i]) {
                    // (A tool's verdict after its report, testthat's `Error: Test failures`, is
                    // no message, however it is spelled.)
                    messageLines.append(i)
                }
            }
            if key.role != .message,
                let first = messageLines.first(where: {
                    $0 > key.index && Shape.exceptionLine(Self.content(lines.text($0), shapes[$0]))
                }) ?? messageLines.first(where: { $0 > key.index }) ?? messageLines.first
            {
                // An exception names the failure better than the expression that raised it.
                keyIndex = first
                // An exception's name over its message (RSpec's `NoMethodError:`, its message
                // indented under it) is the message's heading: the expression above it
                // (`Failure/Error: client.post(path)`) is no part of the message.
                if Self.content(lines.text(first), shapes[first]).utf8.last == UInt8(ascii: ":") {
                    messageLines.removeAll { $0 < first }
                }
            } else if key.role != .message, messageLines.isEmpty {
                // A header whose message comes later (a pytest section above its `E` lines).
                let band = key.weight - 12
                if let m = candidates.first(where: {
                    $0.index > key.index && $0.index < key.index + 80 && $0.role == .message
                        && $0.weight >= band
                        && lines.section($0.index) == lines.section(key.index)
                }) {
                    keyIndex = m.index
                    messageLines = [m.index]
                    let (_, more) = enclosingBlock(m, lines, shapes, byIndex)
                    for i in more { add(i, byIndex[i]?.reason ?? .context, byIndex[i]?.detail ?? .none) }
                } else if !isDiff(key),
                    let m = block.first(where: {
                        $0 > key.index && byIndex[$0]?.rule == nil
                            && Self.statesCause(Self.content(lines.text($0), shapes[$0]))
                    })
                {
                    // A test's header over what it printed (dotnet's `Failed X [12 ms]` over `Error
                    // Message:` and the exception, Test::More's `Failed test 'x'` over its `at` line
                    // and the die message): the first line that says something names the failure.
                    keyIndex = m
                    messageLines = [m]
                } else {
                    messageLines = [key.index]
                }
            }
            // A child's last words, which the harness's line after them reports on, are the cause.
            if let r = key.rule, grammars.rules[r].rule.reportsPrevious, let first = block.first,
                first < key.index
            {
                keyIndex = first
                messageLines = [first]
            }
            // The announced block's first line wraps the cause (`Failed to execute goal …:
            // Compilation failure`); a stronger message inside it (the compiler's) is the key line.
            if key.index == announcedBlock,
                let inner = block.first(where: { i in
                    i != key.index
                        && byIndex[i].map { $0.role == .message && $0.weight > key.weight - 12 } ?? false
                })
            {
                keyIndex = inner
            }
            if !messageLines.contains(keyIndex ?? -1), let k = keyIndex { messageLines.insert(k, at: 0) }
            if let k = keyIndex, k != start, header == nil { header = start }
            for i in block { addBodyLine(i) }
            // With room (K = 30), a report whose lines share one lead (Maven's `[ERROR]` block
            // through its advice and `mvn <goals> -rf :module`) reaches its end before other
            // blocks, up to half the room; a smaller K keeps its bound.
            let opener = byIndex[start] ?? key
            if let r = opener.rule, case .sameLead = grammars.rules[r].rule.body, maxLines / 2 > block.count {
                keyReach = maxLines / 2 - 1
                for i in blockLines(from: opener, lines, shapes, byIndex, limit: keyReach)
                where chosen[i] == nil {
                    guard addBodyLine(i) else { break }
                }
            }
            seenBlocks[blockKey(block)] = block.first ?? key.index
            placed.append(byIndex[start] ?? key)
        }
        // Other strong blocks, strongest first, identical blocks once.
        // Of equally strong ones, the nearest to the key block first: what was printed around the
        // failure explains it better than the same diagnostic far away.
        let keyAt = keyCandidate?.index ?? 0
        let strongOnes = candidates.filter { $0.weight >= Self.strong && $0.index != keyCandidate?.index }
            .sorted {
                if $0.weight != $1.weight { return $0.weight > $1.weight }
                let d0 = abs($0.index - keyAt)
                let d1 = abs($1.index - keyAt)
                return d0 != d1 ? d0 < d1 : $0.index < $1.index
            }
        var covered = Set(chosen.keys)
        // The blocks left out as repeats of one shown, with the shown one's first line.
        var counted: [(first: Int, block: [Int])] = []
        for c in strongOnes where chosen.count < maxLines {
            if covered.contains(c.index) { continue }
            let block = blockLines(from: c, lines, shapes, byIndex)
            let k = blockKey(block)
            if let first = seenBlocks[k] {
                repeats[first, default: 0] += 1
                counted.append((first, block))
                covered.formUnion(block)
                continue
            }
            seenBlocks[k] = c.index
            placed.append(c)
            for i in block {
                guard addBodyLine(i) else { break }
            }
            covered.formUnion(block)
        }
        // The CI's verdict on the job (which step, what exit code), when it comes after the key.
        if let key = keyCandidate, key.weight >= Self.strong, chosen.count < maxLines,
            let v = boilerplate.last(where: {
                $0 > key.index && Self.isVerdict(lines, $0, shapes[$0])
            })
        {
            add(v, .verdict)
        }
        // Room left: the placed blocks reach further (whole stack traces, long diagnostics).
        // A block's bound counts the lines it already shows: the key block's may be the wider one.
        for (k, c) in placed.enumerated() where chosen.count < maxLines {
            let shown = k == 0 && keyCandidate != nil ? max(8, keyReach) : 8
            let more = blockLines(from: c, lines, shapes, byIndex, limit: maxLines - chosen.count + shown)
            for i in more where chosen[i] == nil {
                guard add(i, byIndex[i]?.reason ?? bodyReason(i, lines, shapes), byIndex[i]?.detail ?? .none)
                else {
                    break
                }
            }
        }
        // With the passing trace: new lines near the key block. The runner's sections after the
        // script (`upload_artifacts_on_failure`) run only when a job fails: absent from a green
        // trace by nature, they are no evidence.
        if passed != nil, let key = keyCandidate, key.weight >= Self.strong, chosen.count < maxLines {
            let range = max(0, key.index - 5)..<min(lines.count, key.index + 6)
            for i in range
            where !shapes[i].blank && shapes[i].noise == .none && !post.isAfterScript(lines, i)
                && !green.contains(Self.maskedContent(lines.bytes(i)))
            {
                guard add(i, .absentFromGreen) else { break }
            }
        }
        // Still room: what directly follows each placed block up to a blank line or scaffolding
        // (a report's remaining lines), and the lines just above the key block.
        for c in placed where chosen.count < maxLines {
            // From the block's first line: the gaps between its shown lines and a block shown right
            // after it (`exit status 3` between the compiler's message and `make: ***`), then what
            // follows the last of them.
            let end = chosen.keys.filter { $0 >= c.index && $0 < c.index + 200 }.max() ?? c.index
            var j = c.index + 1
            var taken = 0
            while j < lines.count && taken < 6 && chosen.count < maxLines {
                if chosen[j] != nil || runHead[j] != nil {
                    j += 1
                    continue
                }
                // A blank line goes on when the line after it is indented under the one before it
                // (git's `To add an exception for this directory, call:`, a blank line, then
                // `\tgit config --global --add safe.directory …`).
                let underBlank =
                    shapes[j].blank && j > 0 && j + 1 < lines.count && !shapes[j - 1].blank
                    && !shapes[j + 1].blank && shapes[j + 1].noise == .none
                    && shapes[j + 1].indent > shapes[j - 1].indent
                var stop = shapes[j].blank && !underBlank || shapes[j].noise != .none
                if !stop, passed != nil, green.contains(Self.maskedContent(lines.bytes(j))) { stop = true }
                // The script's block ends where the runner's sections after it begin.
                if !stop, post.isAfterScript(lines, j), !post.isAfterScript(lines, c.index) { stop = true }
                if !stop, let other = byIndex[j], other.weight >= Self.strong, other.rule != c.rule {
                    stop = true
                }
                if j < end {
                    // Inside: only a gap of a line or two between shown lines (`exit status 3`);
                    // a longer one is what the block left out (a deep stack's frames).
                    var next = j
                    while next < end && chosen[next] == nil && runHead[next] == nil { next += 1 }
                    if next - j > 2 || stop && !(shapes[j].blank && shapes[j].noise == .none) {
                        j = next
                        continue
                    }
                } else if stop {
                    break
                }
                add(j, .context)
                taken += 1
                j += 1
            }
        }
        if let key = keyCandidate, key.weight >= Self.strong {
            let top =
                header ?? (chosen.keys.filter { $0 <= key.index && $0 > key.index - 50 }.min() ?? key.index)
            var j = top - 1
            var taken = 0
            while j >= 0 && taken < 2 && chosen.count < maxLines {
                if shapes[j].blank || shapes[j].noise != .none || Self.isCommand(lines, j) { break }
                if passed != nil && green.contains(Self.maskedContent(lines.bytes(j))) { break }
                add(j, .context)
                taken += 1
                j -= 1
            }
        }
        let hasStrong = (keyCandidate?.weight ?? 0) >= Self.strong
        // Still room: the gaps between shown lines, the narrowest first, each whole or not at all
        // (a report a tool printed between its first error line and its verdict).
        if hasStrong, chosen.count < maxLines {
            let shown = chosen.keys.sorted()
            var gaps: [(from: Int, to: Int)] = []
            for (a, b) in zip(shown, shown.dropFirst()) where b - a > 1 && b - a - 1 <= Self.widestGap {
                gaps.append((a + 1, b))
            }
            for gap in gaps.sorted(by: { ($0.to - $0.from, $0.from) < ($1.to - $1.from, $1.from) }) {
                // A gap from the script into the runner's sections after it (uploading artifacts,
                // cleaning up) is not what a tool printed between its error and its verdict.
                if !post.isAfterScript(lines, gap.from - 1),
                    (gap.from..<gap.to).contains(where: { post.isAfterScript(lines, $0) })
                {
                    continue
                }
                // Never a passing test, a progress line or a build tool's chrome in it.
                let fill = (gap.from..<gap.to).filter {
                    !shapes[$0].blank && shapes[$0].noise == .none && runHead[$0] == nil
                }
                guard !fill.isEmpty, chosen.count + fill.count <= maxLines else { continue }
                for i in fill { add(i, .between) }
            }
        }
        // Still room: the other occurrences of a repeated block, nearest the key first, each whole or
        // not at all. A harness that retries a failing test, or a timeout hit on every try, prints
        // the same block each time; how often and when it failed is part of the failure.
        if hasStrong, chosen.count < maxLines, !counted.isEmpty {
            for o in counted.sorted(by: {
                (abs($0.block[0] - keyAt), $0.block[0]) < (abs($1.block[0] - keyAt), $1.block[0])
            }) {
                let fill = o.block.filter { chosen[$0] == nil && runHead[$0] == nil && !shapes[$0].blank }
                guard !fill.isEmpty, chosen.count + fill.count <= maxLines else { continue }
                for i in fill { add(i, .repeated, byIndex[i]?.detail ?? .none) }
                if let n = repeats[o.first], n > 0 { repeats[o.first] = n - 1 }
            }
        }
        // Still room: the lines a run of repeats left out (counted on its last line shown), each run
        // whole or not at all, nearest the key first: with room to spare, the run as it was printed.
        if hasStrong, chosen.count < maxLines, !runHead.isEmpty {
            var hidden: [Int: [Int]] = [:]
            for i in runHead.keys where chosen[i] == nil {
                if let h = runHead[i] { hidden[h, default: []].append(i) }
            }
            for (h, run) in hidden.sorted(by: {
                (abs($0.key - keyAt), $0.key) < (abs($1.key - keyAt), $1.key)
            }) {
                guard chosen.count + run.count <= maxLines else { continue }
                for i in run { chosen[i] = (.repeated, byIndex[i]?.detail ?? .none) }
                repeats[h] = max(0, (repeats[h] ?? 0) - run.count)
            }
        }
        // Still room: a failure the CI reports after its verdict (Jenkins' post-build steps,
        // `ERROR: Step ‘Publish JUnit test result report’ failed: …` under the step's last words),
        // each block whole or not at all, in order. It did not fail the build step, so it never
        // takes the key, but it is part of how the job ended.
        if hasStrong, let v = verdict, chosen.count < maxLines {
            let afterVerdict = grammars.afterVerdict
            for c in candidates
            where c.index > v && c.rule.map({ afterVerdict[$0] }) == true && chosen[c.index] == nil {
                let fill = blockLines(from: c, lines, shapes, byIndex).filter {
                    chosen[$0] == nil && runHead[$0] == nil && !shapes[$0].blank
                }
                guard chosen.count + fill.count <= maxLines else { continue }
                for i in fill { add(i, i == c.index ? c.reason : .context, i == c.index ? c.detail : .none) }
            }
        }
        // Nothing strong: the last keyword lines, then the failing step's tail.
        // Without a strong block, the failing step is the last one the script ran, whatever its
        // keywords say (an after_script's `finished with status failed` is not it).
        let section = hasStrong ? failingSection(lines, keyCandidate) : scriptSection
        if !hasStrong {
            let weak = candidates.filter { $0.weight < Self.strong && lines.section($0.index) == section }
                .suffix(max(1, maxLines / 3))
            for c in weak.reversed() {
                guard add(c.index, c.reason, c.detail) else { break }
            }
        }
        let tailCount = max(tailLines, maxLines / 3)
        let tail = sectionTail(
            lines, shapes, section: section, before: !hasStrong && section == 0 ? verdict : nil,
            count: tailCount)
        if !hasStrong && chosen.count < maxLines {
            for i in tail.suffix(tailCount) { guard add(i, .sectionTail) else { break } }
        }
        if chosen.isEmpty {
            for i in boilerplate.suffix(min(maxLines, 3)) { add(i, .runnerFallback) }
        }
        // Assemble.
        // Loops rather than closures here: a closure reading `detail` copied the extractor.
        let shownIndices = chosen.keys.sorted()
        var excerptLines: [ExcerptLine] = []
        excerptLines.reserveCapacity(shownIndices.count)
        for i in shownIndices {
            let (reason, d) = chosen[i] ?? (.context, .none)
            excerptLines.append(
                ExcerptLine(line: lines.line(i), reason: reason, detail: detail(d), repeats: repeats[i] ?? 0))
        }
        /// Line `i` as a `CleanLine`: the shown line's where it is shown (its text made once).
        func cleanLine(_ i: Int) -> CleanLine {
            var low = 0
            var high = shownIndices.count
            while low < high {
                let mid = (low + high) / 2
                if shownIndices[mid] < i { low = mid + 1 } else { high = mid }
            }
            return low < shownIndices.count && shownIndices[low] == i ? excerptLines[low].line : lines.line(i)
        }
        var keyLine: ExcerptLine? = nil
        if let k = keyIndex {
            let c = byIndex[k]
            keyLine = ExcerptLine(
                line: cleanLine(k), reason: c?.reason ?? .context, detail: detail(c?.detail ?? .none),
                repeats: repeats[k] ?? 0)
        } else if let last = tail.last {
            keyLine = ExcerptLine(line: cleanLine(last), reason: .sectionTail)
        } else if let last = boilerplate.last {
            keyLine = ExcerptLine(line: cleanLine(last), reason: .runnerFallback)
        } else if let last = lines.indices.lastIndex(where: { !lines.isEmpty($0) }) {
            keyLine = ExcerptLine(line: cleanLine(last), reason: .runnerFallback)
        }
        // The strongest pattern found names the machine's failure even when a grammar chose the key.
        let keyPatternIndex = keyIndex.flatMap { byIndex[$0]?.pattern } ?? keyCandidate?.pattern
        let keyPattern = keyPatternIndex.map { patterns.patterns[$0] }
        var infrastructure = keyPattern?.infrastructure ?? false
        if let s = lines.sectionName(of: keyCandidate.map { lines.section($0.index) } ?? section),
            Self.infrastructureSections.contains(s)
        {
            infrastructure = true
        }
        var names: [String] = []
        for c in candidates.sorted(by: { $0.weight > $1.weight }) {
            if c.reason == .pattern, let name = detail(c.detail), !names.contains(name) { names.append(name) }
        }
        var result = Excerpt(
            lines: excerptLines, keyLine: keyLine, infrastructure: infrastructure, matchedPatterns: names,
            category: keyPattern?.category)
        result.messageLines = messageLines.sorted().map(cleanLine)
        result.header = header.map(cleanLine)
        return result
    }

    /// The block `c` belongs to: when `c` is a message line inside a header's block (the exception
    /// under `Error During Test at`, the exception closing a traceback), that header's block.
    func enclosingBlock(
        _ c: Candidate, _ lines: CleanedLog.View, _ shapes: UnsafeBufferPointer<LineShape>,
        _ byIndex: LineMap<Candidate>
    ) -> (Int, [Int]) {
        if c.role == .message {
            // Look back a few lines for a header whose block holds this line.
            var j = c.index - 1
            var steps = 0
            while j >= 0 && steps < 40 {
                if let h = byIndex[j], h.role == .header, h.weight >= Self.strong {
                    let block = blockLines(from: h, lines, shapes, byIndex)
                    if block.contains(c.index) { return (j, block) }
                    break
                }
                if shapes[j].noise == .scaffolding { break }
                j -= 1
                steps += 1
            }
        }
        return (c.index, blockLines(from: c, lines, shapes, byIndex))
    }

    /// The header line and the lines its rule's `Body` takes (bounded).
    func blockLines(
        from c: Candidate, _ lines: CleanedLog.View, _ shapes: UnsafeBufferPointer<LineShape>,
        _ byIndex: LineMap<Candidate>,
        limit extended: Int? = nil
    ) -> [Int] {
        let rule = c.rule.map { grammars.rules[$0].rule }
        // Room for the most it takes (the header, the line above, the body, a run of the rule's
        // lines), bounded: growing it a line at a time reallocated it three or four times a block.
        var result: [Int] = []
        result.reserveCapacity(min(extended ?? min(rule?.maxBody ?? 4, maxBlockLines), 64) + 11)
        result.append(c.index)
        // The line it reports on, right above it (a blank line between at most).
        if rule?.reportsPrevious == true {
            var p = c.index - 1
            if p >= 0 && shapes[p].blank { p -= 1 }
            if p >= 0, !shapes[p].blank, shapes[p].noise == .none { result.insert(p, at: 0) }
        }
        let body = rule?.body ?? (c.reason == .pattern ? .indented : .none)
        let limit = extended ?? min(rule?.maxBody ?? 4, maxBlockLines)
        let baseIndent = shapes[c.index].indent
        var j = c.index + 1
        func hasPrefix(_ i: Int, _ prefix: String) -> Bool {
            Self.hasPrefix(lines, i, from: shapes[i].textStart, prefix)
        }
        switch body {
        case .none:
            break
        case .indented:
            var taken = 0
            var frames = 0
            while j < lines.count && taken < limit {
                let s = shapes[j]
                if s.blank {
                    // A blank line continues the block only when an indented line follows.
                    if j + 1 < lines.count, !shapes[j + 1].blank, shapes[j + 1].indent > baseIndent {
                        j += 1; continue
                    }
                    break
                }
                if s.noise == .scaffolding { break }
                // A passing subtest under a failing one (`    --- PASS: TestX/a`) is not the failure.
                if s.noise != .none && s.indent > baseIndent {
                    j += 1
                    continue
                }
                if s.indent > baseIndent || Self.startsWithCaret(lines, j, s.textStart) {
                    // The first frames say where; the rest of a deep stack says nothing more.
                    // With room left (`extended`), the stack goes on: a `Caused by:`'s frames are
                    // where the cause was thrown.
                    if Self.blockLine(lines, j, s).isFrame {
                        frames += 1
                        if frames > 4 && extended == nil { j += 1; continue }
                    }
                    result.append(j)
                    taken += 1
                } else {
                    break
                }
                j += 1
            }
        case .traceback:
            var frames: [Int] = []
            while j < lines.count && j - c.index < 400 {
                let s = shapes[j]
                if s.noise == .scaffolding { break }
                if s.blank || s.indent > baseIndent {
                    if !s.blank { frames.append(j) }
                    j += 1
                    continue
                }
                break
            }
            result += frames.suffix(extended ?? 4)
            if j < lines.count && !shapes[j].blank && shapes[j].noise == .none { result.append(j) }
        case .sameLead(let lead):
            var taken = 0
            while j < lines.count && taken < limit {
                if shapes[j].blank || shapes[j].noise != .none { break }
                // The diagnostic's own continuation lines, indented under it (javac's `  symbol:`).
                guard hasPrefix(j, lead) || shapes[j].indent > baseIndent else { break }
                result.append(j)
                taken += 1
                j += 1
            }
        case .through(let marker):
            var taken = 0
            while j < lines.count && taken < limit {
                if shapes[j].noise == .scaffolding { break }
                if !shapes[j].blank {
                    result.append(j)
                    taken += 1
                    if hasPrefix(j, marker) { break }
                }
                j += 1
            }
        case .diff:
            var taken = 0
            /// ` `, `+` or `-` first: a diff line (a lone space is an empty context line).
            func diffLine(_ i: Int) -> Bool {
                let u = lines.bytes(i)
                let start = shapes[i].contentStart
                guard shapes[i].noise == .none, start < u.count else { return false }
                let b = u[start]
                return b == 0x20 || b == 0x2B || b == 0x2D
            }
            while j < lines.count && taken < limit && diffLine(j) {
                result.append(j)
                taken += 1
                j += 1
            }
        case .until(let marker):
            var taken = 0
            while j < lines.count && taken < limit {
                let s = shapes[j]
                if s.blank || s.noise == .scaffolding || hasPrefix(j, marker) { break }
                result.append(j)
                taken += 1
                j += 1
            }
        case .untilBlank:
            var taken = 0
            while j < lines.count && taken < limit {
                let s = shapes[j]
                if s.blank || s.noise == .scaffolding { break }
                if let other = byIndex[j], other.rule != nil, other.role == .header, s.indent <= baseIndent {
                    break
                }
                result.append(j)
                taken += 1
                j += 1
            }
        }
        // A run of lines of the same rule (one diagnostic per line) is one block.
        if let r = c.rule {
            var k = (result.last ?? c.index) + 1
            while k < lines.count && result.count < limit + 1 + (extended == nil ? 8 : 0) {
                guard let next = byIndex[k], next.rule == r else { break }
                result.append(k)
                k += 1
            }
        }
        return result
    }

    /// Whether the text from byte `start` (a `Character` boundary) begins with the `Character`
    /// `^`, `~` or `|` (a caret line under a diagnostic): read off the bytes when the byte after
    /// it is ASCII or there is none (the `Character` then ends there).
    static func startsWithCaret(_ text: String, _ start: Int) -> Bool {
        if let answer = text.utf8.withContiguousStorageIfAvailable({ caretByBytes($0, start) }) ?? nil {
            return answer
        }
        return characterStartsWithCaret(text, start)
    }

    /// `startsWithCaret` of line `i`.
    static func startsWithCaret(_ lines: CleanedLog.View, _ i: Int, _ start: Int) -> Bool {
        caretByBytes(lines.bytes(i), start) ?? characterStartsWithCaret(lines.text(i), start)
    }

    /// `startsWithCaret` read off the bytes where they tell; nil otherwise.
    static func caretByBytes(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool? {
        guard start < b.count else { return false }
        let c = b[start]
        guard c == 0x5E || c == 0x7E || c == 0x7C else { return false }
        return start + 1 == b.count || b[start + 1] < 0x80 ? true : nil
    }

    /// `startsWithCaret` by `Character`s (any text).
    static func characterStartsWithCaret(_ text: String, _ start: Int) -> Bool {
        let u = text.utf8
        let t = text[u.index(u.startIndex, offsetBy: start)...]
        return t.first == "^" || t.first == "~" || t.first == "|"
    }

    /// A block's lines' contents (decorations skipped) as `seenBlocks` compares them: equal when
    /// their texts joined by `\n` are, without making the joined text. A block has a line at
    /// least and a cleaned line holds no `\n`, so that is when the lines are, one by one (as
    /// `String`s: canonically equivalent text is equal); hashed once, by `Hasher`.
    struct BlockKey: Hashable {
        let contents: [Substring]
        let hash: Int

        init(_ contents: [Substring]) {
            self.contents = contents
            var hasher = Hasher()
            hasher.combine(contents.count)
            for c in contents { hasher.combine(c) }
            hash = hasher.finalize()
        }

        static func == (a: BlockKey, b: BlockKey) -> Bool { a.hash == b.hash && a.contents == b.contents }
        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    }

    /// The key of a block's lines' contents. When they are all ASCII, one `String` holds them
    /// all and each content is a `Substring` of it (a `Character` per byte, so every byte offset is a
    /// `Character` boundary, and a cleaned line holds no `\r`): the same contents as a `String` per
    /// line, one allocation a block rather than one a line.
    static func blockKey(_ block: [Int], _ lines: CleanedLog.View, _ shapes: UnsafeBufferPointer<LineShape>)
        -> BlockKey
    {
        var total = 0
        var ascii = true
        for i in block {
            let t = UnsafeBufferPointer(rebasing: lines.bytes(i)[shapes[i].textStart...])
            total += t.count
            if ascii && !ByteSearch.isASCII(t) { ascii = false }
        }
        guard ascii else { return BlockKey(block.map { content(lines.text($0), shapes[$0]) }) }
        let joined = String(unsafeUninitializedCapacity: total) { room in
            var at = 0
            for i in block {
                let t = UnsafeBufferPointer(rebasing: lines.bytes(i)[shapes[i].textStart...])
                if let base = t.baseAddress, let to = room.baseAddress {
                    (to + at).update(from: base, count: t.count)
                }
                at += t.count
            }
            return at
        }
        var contents: [Substring] = []
        contents.reserveCapacity(block.count)
        let u = joined.utf8
        var start = u.startIndex
        for i in block {
            let end = u.index(start, offsetBy: lines.bytes(i).count - shapes[i].textStart)
            contents.append(joined[start..<end])
            start = end
        }
        return BlockKey(contents)
    }

    /// Why a body line is shown: a frame of a stack trace, or context (snippet, assertion details).
    func bodyReason(_ i: Int, _ lines: CleanedLog.View, _ shapes: UnsafeBufferPointer<LineShape>)
        -> ExcerptReason
    {
        Self.blockLine(lines, i, shapes[i]).isFrame
            || Self.hasPrefix(lines, i, from: shapes[i].textStart, "Stacktrace:")
            ? .stackTrace : .context
    }

    /// The most lines a gap between shown lines may have to be shown.
    static let widestGap = 40

    /// A line inside a block that states the cause: an exception line, an assertion, `Expression:`.
    static func isMessageShape(_ text: String, _ shape: LineShape) -> Bool {
        if let answer = text.utf8.withContiguousStorageIfAvailable({ messageShapeByBytes($0, shape) }) ?? nil
        {
            return answer
        }
        return characterIsMessageShape(text, shape)
    }

    /// `isMessageShape` of line `i`.
    static func isMessageShape(_ lines: CleanedLog.View, _ i: Int, _ shape: LineShape) -> Bool {
        messageShapeByBytes(lines.bytes(i), shape) ?? characterIsMessageShape(lines.text(i), shape)
    }

    /// `isMessageShape` read off the line's bytes where every test in it does (`hasPrefixFast`'s
    /// and `exceptionLine`'s byte readings); nil otherwise.
    static func messageShapeByBytes(_ whole: UnsafeBufferPointer<UInt8>, _ shape: LineShape) -> Bool? {
        let t = UnsafeBufferPointer(rebasing: whole[shape.textStart...])
        for p in messagePrefixes {
            guard let has = p.withUnsafeBufferPointer({ Substring.asciiHasPrefix(t, $0) }) else {
                return nil
            }
            if has { return true }
        }
        return Shape.asciiExceptionLine(t)
    }

    /// `isMessageShape` by `Character`s (any text).
    static func characterIsMessageShape(_ text: String, _ shape: LineShape) -> Bool {
        let u = text.utf8
        let t = Substring(text[u.index(u.startIndex, offsetBy: shape.textStart)...])
        if t.hasPrefixFast("Expression: ") || t.hasPrefixFast("Evaluated: ") || t.hasPrefixFast("assert ")
            || t.hasPrefixFast("E ") || t.hasPrefixFast("Error: ") || t.hasPrefixFast("error: ")
        {
            return true
        }
        return Shape.exceptionLine(t)
    }

    /// A line of a header's block that can say why it failed, where no line has a message's shape:
    /// not a label (`Error Message:`, `Stack Trace:`), a frame, a location (`at t/x.t line 41.`,
    /// `test/ASpec.hs:22:30:`) or a rule, and with a few letters. A TAP comment's `#` is its lead.
    static func statesCause(_ content: Substring) -> Bool {
        var t = content.drop { $0 == " " || $0 == "\t" }
        if t.first == "#" { t = t.dropFirst().drop { $0 == " " || $0 == "\t" } }
        guard t.filter(\.isLetter).count >= 3, !Keywords.isFrame(t) else { return false }
        var text = String(t)
        if text.withUTF8({ looksLikeCode($0) }) { return false }
        if SignatureBuilder.isHeading(text) || SignatureBuilder.isBareLocation(text) { return false }
        // A line that announces what follows (Catch2's `due to unexpected exception with message:`).
        if t.last == ":" && SignatureBuilder.firstName(text) == nil { return false }
        // Perl's `at FILE line N.`, bats' `(in test file test/a.bats, line 12)`: a location in words.
        if t.hasPrefix("at ") || ((t.hasPrefix("in ") || t.hasPrefix("(in ")) && t.contains(" line ")) {
            return false
        }
        return true
    }

    /// Whether the text is a shell command's echo in a GitLab trace: `text.hasPrefix("$ ")`.
    static func isCommand(_ text: String) -> Bool {
        if let answer = text.utf8.withContiguousStorageIfAvailable(commandByBytes) ?? nil { return answer }
        return text.hasPrefix("$ ")
    }

    /// `isCommand` of line `i`.
    static func isCommand(_ lines: CleanedLog.View, _ i: Int) -> Bool {
        commandByBytes(lines.bytes(i)) ?? lines.text(i).hasPrefix("$ ")
    }

    /// `isCommand` read off a text's bytes where they tell (`Substring.asciiHasPrefix`; a text that
    /// does not start with the byte `$` does not start with the `Character`); nil otherwise.
    static func commandByBytes(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard b.first == 0x24 else { return false }
        return commandPrefix.withUnsafeBufferPointer { Substring.asciiHasPrefix(b, $0) }
    }

    /// A shell command's echo, as bytes.
    static let commandPrefix = Array("$ ".utf8)

    /// The prefixes `isMessageShape` tries, in its order.
    static let messagePrefixes = ["Expression: ", "Evaluated: ", "assert ", "E ", "Error: ", "error: "].map {
        Array($0.utf8)
    }

    /// `isVerdict` of line `i`'s content.
    static func isVerdict(_ lines: CleanedLog.View, _ i: Int, _ shape: LineShape) -> Bool {
        let t = UnsafeBufferPointer(rebasing: lines.bytes(i)[shape.textStart...])
        return ByteSearch.isASCII(t) ? asciiIsVerdict(t) : characterIsVerdict(content(lines.text(i), shape))
    }

    /// The CI's verdict on a job: how it ended, not why.
    static func isVerdict(_ text: Substring) -> Bool {
        if let ascii = text.utf8.withContiguousStorageIfAvailable({ b in
            ByteSearch.isASCII(b) ? asciiIsVerdict(b) : nil
        }), let answer = ascii {
            return answer
        }
        return characterIsVerdict(text)
    }

    /// `isVerdict` by `Character`s (any text).
    static func characterIsVerdict(_ text: Substring) -> Bool {
        var t = text
        if t.hasPrefix("##[error]") { t = t.dropFirst(9) }
        if t.hasPrefix("Error: ") { t = t.dropFirst(7) }
        if t.hasPrefix("Build step '") { return t.hasSuffix("marked build as failure") }
        if t.hasPrefix("The command \"") { return t.contains("\" exited with ") }
        return t.hasPrefix("Process completed with exit code ") || t.hasPrefix("ERROR: Job failed")
            || t.hasPrefix("Done. Your build exited with ")
            || Verdict.otherStrings.contains { t.hasPrefix($0) }
    }

    /// `isVerdict` read off the bytes of an all-ASCII text, where a `Character` is a byte (the
    /// needles hold no `\r`, the one ASCII byte that joins the next into a `Character`).
    static func asciiIsVerdict(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var t = text
        if LineShape.startsWith(t, 0, Verdict.annotation) { t = UnsafeBufferPointer(rebasing: t[9...]) }
        if LineShape.startsWith(t, 0, Verdict.error) { t = UnsafeBufferPointer(rebasing: t[7...]) }
        if LineShape.startsWith(t, 0, Verdict.buildStep) {
            return t.count >= Verdict.markedFailure.count
                && LineShape.startsWith(t, t.count - Verdict.markedFailure.count, Verdict.markedFailure)
        }
        if LineShape.startsWith(t, 0, Verdict.command) {
            return ByteSearch.contains(t, Verdict.exited, caseInsensitive: false)
        }
        return LineShape.startsWith(t, 0, Verdict.processCompleted)
            || LineShape.startsWith(t, 0, Verdict.jobFailed)
            || LineShape.startsWith(t, 0, Verdict.buildExited)
            || Verdict.others.contains { LineShape.startsWith(t, 0, $0) }
    }

    /// The needles of `isVerdict`, as bytes.
    enum Verdict {
        static let annotation = Array("##[error]".utf8)
        static let error = Array("Error: ".utf8)
        static let buildStep = Array("Build step '".utf8)
        static let markedFailure = Array("marked build as failure".utf8)
        static let command = Array("The command \"".utf8)
        static let exited = Array("\" exited with ".utf8)
        static let processCompleted = Array("Process completed with exit code ".utf8)
        static let jobFailed = Array("ERROR: Job failed".utf8)
        static let buildExited = Array("Done. Your build exited with ".utf8)
        /// The other CIs' (`LineShape.azureVerdicts`, after its `##[error]`, and
        /// `LineShape.otherStepVerdicts`).
        static let otherStrings = LineShape.azureVerdicts + LineShape.otherStepVerdicts
        static let others = otherStrings.map { Array($0.utf8) }
    }

    /// Lines that are code or a script listing, not output: `fail() {`, `echo "error"`, `# fail here`.
    static func looksLikeCode(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = t.first else { return false }
        if first == 0x23 || first == 0x2F && t.count > 1 && t[1] == 0x2F { return true }  // `#`, `//`
        if LineShape.startsWith(t, 0, echo) || LineShape.startsWith(t, 0, ifWord)
            || LineShape.startsWith(t, 0, elif)
        {
            return true
        }
        if let last = t.last, last == 0x7B || last == 0x3B { return true }  // `{`, `;`
        // A list item of prose (a changelog, release notes): `- Report errors from … (#729).`
        if t.count > 20, first == 0x2D || first == 0x2A, t[1] == 0x20, (0x41...0x5A).contains(t[2]),
            let last = t.last, last == 0x2E || last == 0x29
        {
            return true
        }
        return false
    }
    static let echo = Array("echo ".utf8)
    static let ifWord = Array("if ".utf8)
    static let elif = Array("elif ".utf8)

    /// A line's text after decorations and indentation.
    static func content(_ text: String, _ shape: LineShape) -> Substring {
        let u = text.utf8
        return Substring(text[u.index(u.startIndex, offsetBy: shape.textStart)...])
    }

    /// Whether line `i`'s text from byte `start` (a `Character` boundary: decorations and
    /// indentation are ASCII) has the prefix, as `Substring.hasPrefix` (`hasPrefixFast`) answers.
    static func hasPrefix(_ lines: CleanedLog.View, _ i: Int, from start: Int, _ prefix: String) -> Bool {
        let b = UnsafeBufferPointer(rebasing: lines.bytes(i)[start...])
        var p = prefix
        if let fast = p.withUTF8({ Substring.asciiHasPrefix(b, $0) }) { return fast }
        let text = lines.text(i)
        let u = text.utf8
        return text[u.index(u.startIndex, offsetBy: start)...].hasPrefix(prefix)
    }

    /// A step's opening line in GitHub Actions.
    static let groupRun = "##[group]Run "
    static let serviceWarning = "*** WARNING: Service "

    /// `BlockLine(content(text, shape))` of line `i`, read off its bytes when they are ASCII.
    static func blockLine(_ lines: CleanedLog.View, _ i: Int, _ shape: LineShape) -> BlockLine {
        let t = UnsafeBufferPointer(rebasing: lines.bytes(i)[shape.textStart...])
        return ByteSearch.isASCII(t)
            ? BlockLine(ascii: t) : BlockLine(characters: String(content(lines.text(i), shape)))
    }

    /// Whether lines `i` and `j` have the same content (`content(…) == content(…)`, canonical
    /// equivalence): equal bytes are, different ASCII bytes are not, anything else is compared as
    /// `Substring`s.
    static func sameContent(
        _ lines: CleanedLog.View, _ i: Int, _ si: LineShape, _ j: Int, _ sj: LineShape
    ) -> Bool {
        let a = UnsafeBufferPointer(rebasing: lines.bytes(i)[si.textStart...])
        let b = UnsafeBufferPointer(rebasing: lines.bytes(j)[sj.textStart...])
        if ByteSearch.equal(a, b) { return true }
        if ByteSearch.isASCII(a) && ByteSearch.isASCII(b) { return false }
        return content(lines.text(i), si) == content(lines.text(j), sj)
    }

    /// `maskedContent` of a line's bytes.
    static func maskedContent(_ b: UnsafeBufferPointer<UInt8>) -> String {
        let start = LineShape.skipDecorations(b)
        return Masker.mask(String(decoding: UnsafeBufferPointer(rebasing: b[start...]), as: UTF8.self))
    }

    /// A line's content (decorations skipped) masked: what a passing trace is compared on.
    static func maskedContent(_ text: String) -> String {
        var copy = text
        let start = copy.withUTF8 { LineShape.skipDecorations($0) }
        if start == 0 { return Masker.mask(text) }
        let u = text.utf8
        return Masker.mask(String(text[u.index(u.startIndex, offsetBy: start)...]) ?? text)
    }

    /// The section the failure happened in: the key line's, else the last section with script output.
    /// - Returns: the section's number (`CleanedLog.View.section`), 0 for none.
    func failingSection(_ lines: CleanedLog.View, _ key: Candidate?) -> UInt32 {
        if let key { return lines.section(key.index) }
        var post = PostSectionTest(lines.sectionNames)
        for i in lines.indices.reversed() where !lines.isEmpty(i) {
            let s = lines.section(i)
            if s != 0 && !post.contains(s) { return s }
        }
        return 0
    }

    /// Indices of the last non-blank, non-noise lines of `section`'s last run, oldest first (at most 8,
    /// or `count` when more): the failing step's tail, never the head of the log.
    func sectionTail(
        _ lines: CleanedLog.View, _ shapes: UnsafeBufferPointer<LineShape>, section: UInt32, before end: Int?,
        count: Int
    ) -> [Int] {
        guard
            let last = (0..<(end ?? lines.count)).lastIndex(where: {
                lines.section($0) == section && !lines.isEmpty($0)
            })
        else {
            return []
        }
        var result: [Int] = []
        var i = last
        // Never the head of the log, unless the CI's verdict says the failing step ended there.
        let floor = end == nil ? max(0, lines.count / 2 - 1) : 0
        while i >= 0 && result.count < max(8, count) && lines.section(i) == section {
            let isHeader = section != 0 && (i == 0 || lines.section(i - 1) != section)
            if !shapes[i].blank && shapes[i].noise == .none && !Self.isCommand(lines, i) && !isHeader {
                result.append(i)
            }
            if i <= floor && lines.count > 20 { break }
            i -= 1
        }
        return result.reversed()
    }
}

extension ExcerptExtractor {
    /// The first step's reading of one line: its shape, and the strongest rule, pattern or keyword
    /// it holds. The scratch arrays are kept from line to line. The extractor's tables are read
    /// where they are (`read`'s argument): a reader holding copies of them retained every array
    /// they hold for each log, and a closure capturing them did so for each line.
    struct LineReader {
        var all: [(needle: Int, at: Int)] = []
        var hits: [(needle: Int, at: Int)] = []
        var ruleHits: [(needle: Int, at: Int)] = []
        var anchors: [PatternLibrary.AnchorHit] = []
        var failedChecks: [Int] = []

        init() {
            all.reserveCapacity(32)
            hits.reserveCapacity(32)
            ruleHits.reserveCapacity(32)
            anchors.reserveCapacity(16)
            failedChecks.reserveCapacity(8)
        }

        mutating func read(_ whole: UnsafeBufferPointer<UInt8>, index: Int, in x: ExcerptExtractor) -> (
            LineShape, Candidate?
        ) {
            let shape = LineShape(whole)
            guard !shape.blank, whole.count - shape.textStart > 1 else { return (shape, nil) }
            let b = UnsafeBufferPointer(rebasing: whole[shape.contentStart...])
            let t = UnsafeBufferPointer(rebasing: whole[shape.textStart...])
            if !all.isEmpty { all.removeAll(keepingCapacity: true) }
            x.scanner.scan(b, into: &all)
            if !hits.isEmpty { hits.removeAll(keepingCapacity: true) }
            if !ruleHits.isEmpty { ruleHits.removeAll(keepingCapacity: true) }
            let base = x.patterns.keywordBase + Keywords.words.count
            let indent = shape.textStart - shape.contentStart
            for h in all {
                if h.needle < base {
                    hits.append(h)
                } else if h.at >= indent {
                    ruleHits.append((h.needle - base, h.at - indent))
                }
            }
            var best: Candidate? = nil
            if !hits.isEmpty {
                // The content as a `String` only when a regex needs it.
                if let p = x.patterns.strongest(bytes: b, text: nil, hits: hits, anchors: &anchors) {
                    // Scaffolding only counts when the runner itself names the cause (its timeout).
                    if shape.noise == .none || x.patterns.patterns[p].infrastructure {
                        best = Candidate(
                            index: index, weight: x.patterns.weights[p], reason: .pattern, role: .message,
                            pattern: p,
                            detail: .pattern(p))
                    }
                }
            }
            if shape.noise != .none {
                return (shape, best)
            }
            // The checks read the text after indentation (a `String` made when one needs it).
            if let r = x.grammars.best(t, hits: ruleHits, failedChecks: &failedChecks) {
                let role = x.grammars.roles[r]
                let weight = x.grammars.weights[r]
                if var p = best {
                    // The pattern names the line; the grammar says what role it plays in its block.
                    p.rule = r
                    p.role = role
                    p.weight = max(p.weight, weight)
                    best = p
                } else {
                    best = Candidate(
                        index: index, weight: weight, reason: role == .summary ? .summary : .grammar,
                        role: role, rule: r, detail: .rule(r))
                }
            }
            if shape.annotatedError, best.map({ $0.weight < 72 }) ?? true {
                best = Candidate(
                    index: index, weight: 72, reason: .grammar, role: .message, detail: .annotation)
            }
            if best == nil, !hits.isEmpty,
                Keywords.hasErrorKeyword(b, hits: hits, base: x.patterns.keywordBase),
                !ExcerptExtractor.looksLikeCode(t)
            {
                best = Candidate(index: index, weight: 20, reason: .keyword, role: .summary)
            }
            return (shape, best)
        }
    }
}
