import Foundation
import LogAnalysis
import TriageCore

/// The analysis commands: clusters, one cluster, similar failures, the pattern library,
/// trying a pattern, reclustering, and the two that need no workspace: `excerpt` and `group`.
let analysisCommands: [CommandSpec] = [
    clustersCommand, clusterCommand, similarCommand, patternsCommand, patternCommand, reclusterCommand,
    excerptCommand, groupCommand,
]

extension Context {
    /// The cache's listing queries and its analysis side.
    func analysisStore() throws -> (any CacheStore, any AnalysisStore) {
        let ports = try cache()
        return (ports.store, ports.analysis)
    }
}

/// The note about failed jobs an analysis left out for want of a cached trace; nil when none was.
func unanalysedNote(_ report: AnalysisReport) -> String? {
    guard !report.skipped.isEmpty else { return nil }
    let shown = report.skipped.prefix(5).map(String.init).joined(separator: ", ")
    return "note: \(report.skipped.count) failed job(s) without a cached trace were not analysed (\(shown)"
        + (report.skipped.count > 5 ? ", …" : "") + "); the next fetch retries them\n"
}

/// `verb`: `analysed`, `reclustered` or `upgraded` (a fetch that re-analysed an older version's cache).
/// `news`: after a fetch, which founded clusters are new; without it, every founded cluster is.
func analysisLine(
    _ report: AnalysisReport, verb: String, kept assignments: Int = 0, news: FetchNews? = nil
) -> String {
    let new = AnalysisReportRecord(report, news: news).new
    var text: String
    if verb == "upgraded", let from = report.upgradedFrom {
        text =
            "analysis: upgraded from v\(from) to v\(AnalysisVersion.current), re-analysed \(report.analysed) failures, "
            + "kept \(report.kept) of \(report.previousClusters) cluster ids (\(report.clusters) clusters, "
            + "\(new) new)"
    } else {
        text = "\(verb) \(report.analysed) failures: \(report.clusters) clusters"
        text += newClustersText(news, new: new, founded: report.founded.count)
        if verb == "reclustered" { text += ", \(report.kept) kept their id" }
        if verb == "reclustered", let from = report.upgradedFrom {
            text += " (analysis upgraded from v\(from) to v\(AnalysisVersion.current))"
        }
    }
    if assignments > 0 {
        let one = assignments == 1
        text +=
            "; \(assignments) failure\(one ? "" : "s") that left an assigned cluster \(one ? "keeps" : "keep") "
            + "its issue as \(one ? "its" : "their") own assignment"
    }
    return text
}

/// `, 3 new` after the cluster count; on a first fetch, which night the new ones are new on and
/// how many clusters began earlier; nothing to count when there is no earlier night to compare with.
func newClustersText(_ news: FetchNews?, new: Int, founded: Int) -> String {
    guard let news, founded > 0 else { return ", \(new) new" }
    guard news.comparable else {
        return " (\(news.firstFetch ? "first fetch: " : "")no earlier nights to compare)"
    }
    guard news.firstFetch, let night = news.newestNight else { return ", \(new) new" }
    let earlier = founded - new
    return ", \(new) new on \(night) (first fetch"
        + (earlier > 0 ? ": \(earlier) first seen on earlier nights)" : ")")
}

/// `█` for a night with members, `·` without: one character per night of the range.
func nightStrip(_ nights: [String], members: [FailureAnalysis]) -> String {
    nightStrip(
        nights.count, index: Dictionary(nights.enumerated().map { ($1, $0) }, uniquingKeysWith: min),
        members: members)
}

/// `nightStrip(_:members:)` with the range's nights already indexed (`index[night]` is its place),
/// for a listing that draws one strip per cluster.
func nightStrip(_ count: Int, index: [String: Int], members: [FailureAnalysis]) -> String {
    // Built as UTF-8 bytes: a `Character` per night was most of a 5,000-cluster listing's strips.
    let dot: [UInt8] = [0xC2, 0xB7]  // ·
    let block: [UInt8] = [0xE2, 0x96, 0x88]  // █
    var seen = [Bool](repeating: false, count: count)
    for m in members { if let i = index[m.night] { seen[i] = true } }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count * 3)
    for s in seen { bytes += s ? block : dot }
    return String(decoding: bytes, as: UTF8.self)
}

/// The JSON record of a cluster; `title` when the caller already has it (it costs a pass over the
/// members, and a read for a wrapper's).
func clusterRecord(_ summary: ClusterSummary, lastNight: String?, title: String? = nil) -> JSONValue {
    JSONValue(record: ClusterRecord(summary, lastNight: lastNight, title: title))
}

let clustersCommand: CommandSpec = CommandSpec(
    name: "clusters", group: "Analysis",
    summary: "Failure kinds ranked by prevalence over a range of nights, NEW and flaky marked.",
    details: """
        A cluster is NEW when first seen on the range's last night, flaky when a member's failed attempt \
        was followed by a green retry, or when it alternates with green nights: some job failed in it on \
        two nights with a green nightly run of that job between them (judged by each fetch over every \
        cached night). NIGHTS shows one character per night of the range (█ failed in it).
        """,
    operands: [
        OperandSpec(
            "RANGE", optional: true, summary: "nights (default 30d; last-night with --new)",
            completion: .ranges)
    ],
    options: [OptionSpec("new", summary: "only clusters first seen on the range's last night")],
    examples: ["clusters", "clusters 30d", "clusters --new", "clusters last-night"],
    run: { command, context in
        let onlyNew = command.flag("new")
        let range = try TimeRange.parse(command.operand(0) ?? (onlyNew ? "last-night" : "30d"))
        let nights = range.nights(calendar: try context.calendar(), now: context.now)
        let (_, store) = try context.analysisStore()
        let analyses = try store.analyses(nights: Set(nights), parts: [])
        let heads = try store.clusterHeads(ids: Set(analyses.compactMap(\.cluster)))
        var summaries = ClusterSummary.summarise(
            analyses, states: heads, flaky: try store.flakyClusters())
        let last = nights.last
        if onlyNew { summaries = summaries.filter { s in last.map { s.state.isNew(on: $0) } ?? false } }
        let book = try context.readAssignments()
        let kept = try store.keptTitles(ids: Set(summaries.map(\.state.id)))
        let titles = summaries.map { $0.title(kept: kept[$0.state.id], reading: store).marked }
        let nightIndex = Dictionary(nights.enumerated().map { ($1, $0) }, uniquingKeysWith: min)
        let rows: [[Cell]] = zip(summaries, titles).map { s, title in
            var marks: [String] = []
            if let last, s.state.isNew(on: last) { marks.append("NEW") }
            if s.flaky { marks.append("flaky") }
            return [
                Cell(s.state.id.rawValue), Cell("\(s.members.count)"), Cell("\(s.projects.count)"),
                Cell(s.state.firstNight, .dim), Cell(s.state.lastNight, .dim),
                Cell(nightStrip(nights.count, index: nightIndex, members: s.members)),
                Cell(marks.joined(separator: " "), marks.first == "NEW" ? .bad : .warn),
                Cell(title),
                Cell(book.assignment(cluster: s.state.id.rawValue)?.issue.key ?? "-"),
            ]
        }
        // The records are only in the JSON answer: the table never pays for them.
        let records: [JSONValue] =
            context.format != .json
            ? []
            : zip(summaries, titles).map { s, title in
                let issue = book.assignment(cluster: s.state.id.rawValue).map { IssueRecord($0.issue) }
                return JSONValue(record: ClusterRecord(s, lastNight: last, title: title, issue: .some(issue)))
            }
        let label =
            nights.count == 1 ? "night \(nights[0])" : "nights \(nights.first ?? "")..\(nights.last ?? "")"
        return CommandOutput(
            text: [
                "\(summaries.count) clusters, \(summaries.reduce(0) { $0 + $1.members.count }) failures, \(label)"
            ],
            table: Table(
                columns: [
                    "CLUSTER", "COUNT", "PROJECTS", "FIRST", "LAST", "NIGHTS", "MARKS", "KEY LINE", "ISSUE",
                ],
                numeric: [1, 2], rows: rows,
                layout: TerminalLayout(order: [0, 6, 1, 2, 8, 3, 4, 5, 7], shrinks: [7], drops: [5, 3])),
            json: .array(records))
    }
)

func clusterID(_ text: String) throws -> ClusterID {
    guard let id = ClusterID(rawValue: text) else {
        throw ShellFailure.notAClusterID(text)
    }
    return id
}

let clusterCommand: CommandSpec = CommandSpec(
    name: "cluster", group: "Analysis",
    summary: "One failure kind: title, template, nights, projects, a sample excerpt and its members.",
    operands: [OperandSpec("CLUSTER", summary: "a cluster id (c-…)", completion: .clusters)],
    examples: ["cluster c-3f9a2b1c"],
    run: { command, context in
        let id = try clusterID(command.operand(0) ?? "")
        let (_, store) = try context.analysisStore()
        let members = try store.analyses(cluster: id)
        guard let state = try store.clusterHeads(ids: [id]).first else {
            throw ShellFailure.clusterNotCached(id)
        }
        let summary = ClusterSummary.summarise(
            members, states: [state], flaky: try store.flakyClusters(among: [id])
        ).first
        let lastNight = try context.analysisStore().0.nightBounds()?.last
        var text = [
            "cluster \(id.rawValue): \(members.count) failures in \(summary?.projects.count ?? 0) projects, "
                + "\(state.firstNight) … \(state.lastNight)"
                + (lastNight.map { state.isNew(on: $0) } == true ? " NEW" : "")
                + (summary?.flaky == true ? " flaky" : ""),
            // A member's line for people (‹varying› parts marked); the template is what groups them.
            "title: \(summary?.title.marked ?? state.template)",
            "template: \(state.template)",
        ]
        if let patterns = summary?.patterns, !patterns.isEmpty {
            text.append("patterns: \(patterns.joined(separator: ", "))")
        }
        let sample = members.last
        if let sample {
            text.append("sample excerpt (job \(sample.jobID), \(sample.projectPath), \(sample.night)):")
            text += sample.excerpt.map { "  \(String($0.rawLine).padding(6))\($0.text)" }
        }
        let rows: [[Cell]] = members.reversed().map { m in
            [
                Cell(m.night), Cell(m.projectPath), Cell(m.jobName), Cell(String(m.jobID), .dim),
                Cell(m.retriedGreen ? "flaky" : ""),
            ]
        }
        let record =
            summary.map {
                JSONValue(
                    record: ClusterRecord(
                        $0, lastNight: lastNight,
                        detail: .init(members: members, sampleExcerpt: sample?.excerpt ?? [])))
            } ?? .null
        return CommandOutput(
            text: text,
            table: Table(columns: ["NIGHT", "PROJECT", "JOB", "JOB ID", "FLAKY"], numeric: [3], rows: rows),
            json: record)
    }
)

func excerptRecord(_ line: AnalysedLine) -> JSONValue {
    JSONValue(record: ExcerptLineRecord(line))
}

let similarCommand: CommandSpec = CommandSpec(
    name: "similar", group: "Analysis",
    summary: "Other kinds of failure most like a job's (token-set similarity of their signatures).",
    details: """
        One row per other cluster, its most similar failure, with how many of its failures are alike \
        (FAILURES); a failure without a cluster is a row of its own. The job's own cluster is the line \
        above the table, not rows of it ('failures 30d --cluster c-…' lists its members); --all lists \
        failure by failure, the job's own cluster included. JSON: an array of records (job, similarity, \
        night, project, name, cluster, key_line, failures).
        """,
    operands: [
        OperandSpec("job", summary: "the word 'job'", choices: ["job"]),
        OperandSpec("N", summary: "a job id", completion: .jobs),
    ],
    options: [
        OptionSpec.integer("limit", value: "K", summary: "how many", range: 1...1000, default: 10),
        OptionSpec("all", summary: "every failure, one by one, the job's own cluster included"),
    ],
    examples: ["similar job 48213", "similar job 48213 --all --limit 30"],
    run: { command, context in try runSimilar(command, context) }
)

func runSimilar(_ command: ParsedCommand, _ context: Context) throws -> CommandOutput {
    let jobID = try integer(command.operand(1), "job id", command: "similar")
    let limit = command.int("limit") ?? 10
    let everyFailure = command.flag("all")
    let (_, store) = try context.analysisStore()
    guard let target = try store.analysis(jobID: jobID) else {
        throw ShellFailure.jobNotAnalysed(jobID)
    }
    let similar = SimilarFailures(
        target: target, among: try store.analyses(nights: nil, parts: .signature), limit: limit,
        everyFailure: everyFailure)
    var rows: [[Cell]] = []
    var records: [JSONValue] = []
    for match in similar.matches {
        let a = match.analysis
        rows.append([
            Cell(String(format: "%.2f", match.similarity)), Cell(a.night), Cell(a.projectPath),
            Cell(a.jobName),
            Cell(String(a.jobID), .dim), Cell(a.cluster?.rawValue ?? "-"),
            Cell((a.keyLine ?? "").trimmingCharacters(in: .whitespaces)), Cell(String(match.failures)),
        ])
        records.append(JSONValue(record: SimilarFailureRecord(match)))
    }
    var text = [
        "failures like job \(jobID) (\(target.cluster?.rawValue ?? "no cluster")): \(target.keyLine ?? "")"
    ]
    if let own = target.cluster, !everyFailure {
        text.append(
            similar.sameCluster == 0
                ? "its cluster \(own.rawValue) has no other failure in the cache; other clusters like it:"
                : "its cluster \(own.rawValue) has \(similar.sameCluster) other failure\(similar.sameCluster == 1 ? "" : "s") "
                    + "('failures 30d --cluster \(own.rawValue)'); other clusters like it:")
    }
    return CommandOutput(
        text: text,
        table: Table(
            columns: ["SIMILARITY", "NIGHT", "PROJECT", "JOB", "JOB ID", "CLUSTER", "KEY LINE", "FAILURES"],
            numeric: [0, 4, 7],
            rows: rows,
            layout: TerminalLayout(order: [0, 5, 7, 4, 1, 2, 3, 6], shrinks: [6, 2], keepsEnd: [2])),
        json: .array(records))
}

let patternsCommand: CommandSpec = CommandSpec(
    name: "patterns", group: "Analysis",
    summary: "The known-pattern library and how many analysed failures each matched.",
    details: """
        The built-in patterns, then the workspace's own from the [patterns] section of triage.toml, \
        one a line: `name = "REGEX"` or `name = ["REGEX", "CATEGORY"]` or `name = ["REGEX", "CATEGORY", \
        "ANCHOR"]` (category default test; oom, network, disk, docker, git, runner and timeout count as \
        infrastructure; the anchor, a literal text every match contains, defaults to the regex's longest \
        top-level literal). New patterns label failures analysed from then on; 'recluster' re-analyses \
        the cache with them.
        """,
    examples: ["patterns"],
    run: { _, context in
        let (_, store) = try context.analysisStore()
        var counts: [String: Int] = [:]
        for a in try store.analyses(nights: nil, parts: []) {
            for p in Set(a.patterns) { counts[p, default: 0] += 1 }
        }
        let patterns = try context.config().patternLibrary.patterns
        let rows: [[Cell]] = patterns.map { p in
            [
                Cell(p.name), Cell(p.category), Cell(p.infrastructure ? "infra" : ""), Cell("\(p.weight)"),
                Cell("\(counts[p.name] ?? 0)"), Cell(p.regex ?? p.anchor, .dim),
            ]
        }
        return CommandOutput(
            table: Table(
                columns: ["PATTERN", "CATEGORY", "INFRA", "WEIGHT", "MATCHED", "MATCHES"], numeric: [3, 4],
                rows: rows, layout: TerminalLayout(shrinks: [5, 0])),
            json: .array(patterns.map { JSONValue(record: PatternRecord($0, matched: counts[$0.name] ?? 0)) })
        )
    }
)

/// How many false alarms `pattern test` lists (the newest); it counts them all.
let falseAlarmExamples = 5

/// The first line of a trace, cleaned, that the regular expression matches.
func firstMatch(_ regex: NSRegularExpression, in data: Data) -> CleanLine? {
    TraceCleaner.clean([UInt8](data)).lines.first {
        regex.firstMatch(in: $0.text, range: NSRange($0.text.startIndex..., in: $0.text)) != nil
    }
}

let patternCommand: CommandSpec = CommandSpec(
    name: "pattern", group: "Analysis",
    summary:
        "Try a candidate pattern (a regular expression) on the cached traces: failed jobs it matches, and green ones (false alarms).",
    details: """
        Lists the failed jobs whose cleaned trace has a matching line, the first such line, and whether \
        that line is already in the job's excerpt; then the false alarms: the cached green traces (those \
        'fetch' keeps: each failing job's last green run, and a sample of still-green jobs) with a \
        matching line, all counted, the newest \(falseAlarmExamples) listed (TRACE green). JSON: pattern, \
        red (the failed jobs matched), red_total, green (the false alarms listed), green_matched, green_total.
        """,
    operands: [
        OperandSpec("test", summary: "the word 'test'", choices: ["test"]),
        OperandSpec("REGEX", summary: "a regular expression, quoted"),
    ],
    examples: ["pattern test 'Killed|OOM'"],
    run: { command, context in
        let source = command.operand(1) ?? ""  // Parsing took `test` and a REGEX.
        let regex: NSRegularExpression
        do {
            regex = try NSRegularExpression(pattern: source)
        } catch {
            throw ShellFailure.notARegularExpression(command: "pattern", given: "'\(source)'")
        }
        let (cache, store) = try context.analysisStore()
        var rows: [[Cell]] = []
        var records: [TraceMatchRecord] = []
        let candidates = try store.allFailureCandidates().filter(\.hasTrace)
        for candidate in candidates {
            try Task.checkCancellation()
            guard let data = try cache.trace(jobID: candidate.jobID), let line = firstMatch(regex, in: data)
            else {
                continue
            }
            let inExcerpt =
                try store.analysis(jobID: candidate.jobID)?.excerpt.contains { $0.rawLine == line.rawLine }
                ?? false
            rows.append([
                Cell("failed"), Cell(candidate.night), Cell(candidate.projectPath), Cell(candidate.jobName),
                Cell(String(candidate.jobID), .dim), Cell(inExcerpt ? "yes" : "no"), Cell(line.text),
            ])
            records.append(
                TraceMatchRecord(
                    jobID: candidate.jobID, night: candidate.night, project: candidate.projectPath,
                    name: candidate.jobName, line: line, inExcerpt: inExcerpt))
        }
        let greens = try store.tracedGreenJobs()
        var falseAlarms: [(TracedJob, CleanLine)] = []
        for green in greens {
            try Task.checkCancellation()
            guard let data = try cache.trace(jobID: green.jobID), let line = firstMatch(regex, in: data)
            else { continue }
            falseAlarms.append((green, line))
        }
        let listed = falseAlarms.suffix(falseAlarmExamples)
        for (green, line) in listed {
            rows.append([
                Cell("green", .warn), Cell(green.night), Cell(green.projectPath), Cell(green.jobName),
                Cell(String(green.jobID), .dim), Cell("-"), Cell(line.text),
            ])
        }
        let matched = records.count
        return CommandOutput(
            text: [
                "'\(source)' matches \(matched) of \(candidates.count) failed traces, "
                    + "and \(falseAlarms.count) of \(greens.count) green traces (false alarms)"
            ],
            table: Table(
                columns: ["TRACE", "NIGHT", "PROJECT", "JOB", "JOB ID", "IN EXCERPT", "FIRST MATCH"],
                numeric: [4], rows: rows, layout: TerminalLayout(shrinks: [6])),
            json: JSONValue(
                record: PatternTestRecord(
                    pattern: source, red: records, redTotal: candidates.count,
                    green: listed.map { green, line in
                        TraceMatchRecord(
                            jobID: green.jobID, night: green.night, project: green.projectPath,
                            name: green.jobName,
                            line: line, inExcerpt: nil)
                    }, greenMatched: falseAlarms.count, greenTotal: greens.count)))
    }
)

let reclusterCommand: CommandSpec = CommandSpec(
    name: "recluster", group: "Analysis",
    summary:
        "Re-analyse and re-cluster every cached failure (after a threshold or pattern change); ids stay where members stay.",
    options: [
        OptionSpec("threshold", value: "T", summary: "similarity to join a cluster, 0…1 (default 0.7)")
    ],
    examples: ["recluster", "recluster --threshold 0.6"],
    run: { command, context in
        let config = try context.config()
        var options = AnalysisOptions(patterns: config.patternLibrary, nightlySource: config.source)
        if let text = command.option("threshold") { options.threshold = try threshold(text) }
        let (cache, store) = try context.analysisStore()
        _ = try context.assignmentBook().read()  // refused before anything is re-analysed, not after
        let report = try Analyzer(cache: cache, store: store, options: options).recluster()
        let kept = try report.keepAssignments(in: context.assignmentBook(), cache: try context.cache())
        if let note = unanalysedNote(report) { context.sink.writeError(note) }
        return CommandOutput(
            text: [analysisLine(report, verb: "reclustered", kept: kept)],
            json: JSONValue(record: AnalysisReportRecord(report, assignmentsKept: kept)))
    }
)

func threshold(_ text: String) throws -> Double {
    guard let t = Double(text), t > 0, t <= 1 else {
        throw ShellError("--threshold must be a number above 0 and at most 1, not '\(text)'")
    }
    return t
}

func readInput(_ path: String?) throws -> [UInt8] {
    guard let path, path != "-" else { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw ShellFailure.unreadable(path, hint: "give a readable log file, or none to read stdin")
    }
    return [UInt8](data)
}

/// The raw lines of a trace (split at `\n`, a `\r` before it dropped), invalid UTF-8 replaced.
func rawLines(_ bytes: [UInt8]) -> [Substring] {
    String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map {
        $0.hasSuffix("\r") ? $0.dropLast() : $0
    }
}

/// Characters of one line `excerpt` prints at most (a minified bundle or a binary blob is one line).
let excerptLineLimit = 2000

/// One excerpt line as `excerpt` prints it: the raw line when it is plain text, else the cleaned
/// line with its control characters made visible; at most `excerptLineLimit` characters
/// (binary input or a 10 MB line must not flood or drive the terminal).
func shownExcerptLine(raw: Substring?, cleaned: String) -> String {
    let plain = raw.map { line in !line.utf8.contains { ($0 < 0x20 && $0 != 9) || $0 == 0x7F || $0 == 0xC2 } }
    let text = plain == true ? String(raw ?? "") : Renderer.clean(cleaned)
    let count = text.count
    guard count > excerptLineLimit else { return text }
    return text.prefix(excerptLineLimit) + "… (\(count - excerptLineLimit) more characters)"
}

let excerptCommand: CommandSpec = CommandSpec(
    name: "excerpt", group: "Analysis",
    summary: "Print the lines of a log file (or stdin) that explain its failure, verbatim and in log order.",
    details: """
        Needs no workspace or GitLab. Only the excerpt's lines go to stdout (JSON: with reasons). A line \
        is printed as the log has it unless it holds control characters (escape codes, binary): then \
        cleaned, each remaining control character shown as its picture (␛, ␀); a line is cut at \
        \(excerptLineLimit) characters, saying how many more it had. Lines that repeat the one above \
        but for numbers, and blocks that repeat an earlier one, are shown once: JSON's `repeats` \
        counts the ones left out.
        """,
    operands: [OperandSpec("FILE", optional: true, summary: "a log file (default stdin)")],
    options: [
        OptionSpec.integer(
            "max-lines", value: "K", summary: "at most K lines", range: 1...100_000, default: 30)
    ],
    examples: ["excerpt job.log", "excerpt --max-lines 10 job.log"],
    run: { command, _ in
        let maxLines = command.int("max-lines") ?? 30
        let bytes = try readInput(command.operand(0))
        let excerpt = ExcerptExtractor(maxLines: maxLines).excerpt(failed: TraceCleaner.clean(bytes))
        let raw = rawLines(bytes)
        let lines = excerpt.lines.map { line -> String in
            let k = line.line.rawLine - 1
            return shownExcerptLine(raw: k >= 0 && k < raw.count ? raw[k] : nil, cleaned: line.line.text)
        }
        return CommandOutput(
            text: lines,
            json: .array(excerpt.lines.map { JSONValue(record: ExcerptLineRecord(AnalysedLine($0))) }))
    }
)

let groupCommand: CommandSpec = CommandSpec(
    name: "group", group: "Analysis",
    summary: "Cluster the log files of a directory: one line FILENAME<TAB>CLUSTER-ID per file.",
    details: """
        Needs no workspace or GitLab. Files are taken in the order listed in --order (one name per line), \
        else by name, and clustered one by one as fetch's incremental clustering would, as the failures \
        of one project. JSON also gives \
        each file's signature: the masked lines its cluster was chosen by.
        """,
    operands: [OperandSpec("DIR", summary: "a directory of log files")],
    options: [
        OptionSpec("threshold", value: "T", summary: "similarity to join a cluster, 0…1 (default 0.7)"),
        OptionSpec("order", value: "FILE", summary: "the file names, one a line, in processing order"),
    ],
    examples: ["group logs/", "group --order order.txt --threshold 0.6 logs/"],
    run: { command, _ in
        let directory = URL(fileURLWithPath: command.operand(0) ?? ".", isDirectory: true)
        let t = try command.option("threshold").map(threshold) ?? Analyzer.defaultThreshold
        var names: [String]
        if let order = command.option("order") {
            guard let data = FileManager.default.contents(atPath: order) else {
                throw ShellFailure.unreadable(order, hint: "--order takes a file of names, one a line")
            }
            names = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        } else {
            guard let listed = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
                throw ShellError("cannot list '\(directory.path)'", hint: "give a directory of log files")
            }
            names = listed.filter { name in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(
                    atPath: directory.appendingPathComponent(name).path, isDirectory: &isDirectory)
                    && !isDirectory.boolValue && !name.hasPrefix(".")
            }.sorted()
        }
        let extractor = ExcerptExtractor()
        var clusterer = ScopedClusterer(threshold: t)
        var lines: [String] = []
        var records: [JSONValue] = []
        for (k, name) in names.enumerated() {
            try Task.checkCancellation()
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path)
            else {
                throw ShellFailure.unreadable(directory.appendingPathComponent(name).path, hint: nil)
            }
            let signature = Analyzer.signature(
                of: extractor.excerpt(failed: TraceCleaner.clean([UInt8](data))), project: nil,
                identity: ProjectIdentity(path: ""))
            let id = clusterer.assign(signature, member: k, night: "", project: "")
            lines.append("\(name)\t\(id.rawValue)")
            records.append(
                .object([
                    "file": .string(name), "cluster": .string(id.rawValue),
                    "signature": .array(signature.maskedLines.map { .string($0) }),
                ]))
        }
        return CommandOutput(text: lines, json: .array(records))
    }
)
