import Foundation
import TriageCore

/// The per-issue view: `issue REF [RANGE]`, and `issues --ranked [RANGE]` (its flag is
/// declared with `issues`, which delegates here).
let issueViewCommands: [CommandSpec] = [issueCommand]

/// The window both commands use when no range is given.
let issueViewDefaultRange = "30d"

/// Nights shown in a table's strip column (JSON always has every night of the window).
let issueStripWidth = 30

let issueCommand: CommandSpec = CommandSpec(
    name: "issue", group: "Assignments",
    summary:
        "One issue over a range of nights: its failures per night, projects, jobs, clusters and co-occurring clusters.",
    details: """
        Counts the failures assigned to the issue directly or through their cluster, per night of RANGE \
        (default 30d), shown as a strip: one character a night, '.' none, 1-9, '+' ten or more. Co-occurring: \
        other clusters failing on the same nights and projects more often than chance (lift above 1), never a \
        pair seen together fewer than 3 times. A closed issue that fails on a night after it was closed is \
        flagged. JSON: {issue, state, nights, counts, strip, failures, first, last, jobs, projects, job_names, \
        clusters, co_occurring, closed_but_failing, failures_after_close}.
        """,
    operands: [
        OperandSpec(
            "REF", summary: "45 (when one project has #45), group/project#45 or the issue's URL",
            completion: .issues),
        OperandSpec("RANGE", optional: true, summary: "nights (default 30d)", completion: .ranges),
    ],
    examples: [
        "issue julia/Foo.jl#45", "issue 45 7d",
        "issue https://gitlab.example.com/julia/Foo.jl/-/issues/45 90d",
    ],
    run: { command, context in try runIssue(command, context) }
)

/// The window's failures and everything known of the issues, for `issue` and `issues --ranked`
/// (`IssueView.load`, which the dashboard's ranking reads too).
func issueView(range: String?, context: Context) throws -> IssueView {
    let nights = try context.nights(range, default: issueViewDefaultRange)
    return try IssueView.load(
        nights: nights, cache: try context.cache(), book: try context.readAssignments(),
        calendar: try context.calendar())
}

/// The key of the issue a reference names among those the view knows (cached or assigned).
func issueKey(_ text: String, in view: IssueView, context: Context) throws -> String {
    let reference = try IssueReference.parse(text, gitlab: try? context.gitlabURL())
    switch reference {
    case .qualified(let project, let iid):
        let wanted = "\(project)#\(iid)".lowercased()
        guard let key = view.refs.keys.first(where: { $0.lowercased() == wanted }) else {
            throw ShellFailure.issueNotKnown("\(project)#\(iid)")
        }
        return key
    case .local(let iid):
        let keys = view.refs.values.filter { $0.iid == iid }.map(\.key).sorted()
        guard let only = keys.first else {
            throw ShellFailure.issueNotKnown("#\(iid)")
        }
        guard keys.count == 1 else {
            throw ShellError(
                "#\(iid) is ambiguous: \(keys.joined(separator: ", "))", hint: "give group/project#\(iid)")
        }
        return only
    }
}

func stateCell(_ state: String?, closedButFailing: Bool) -> Cell {
    switch state {
    case "opened": Cell("open", .good)
    case "closed": closedButFailing ? Cell("closed, still failing", .bad) : Cell("closed", .dim)
    default: Cell("-", .dim)
    }
}

/// The table's strip: the last `issueStripWidth` nights.
func stripCell(_ counts: [Int]) -> Cell {
    Cell(IssueView.strip(Array(counts.suffix(issueStripWidth))))
}

func runIssue(_ command: ParsedCommand, _ context: Context) throws -> CommandOutput {
    guard let text = command.operand(0) else {
        throw ShellError(
            "issue: expected an issue reference", hint: "usage: issue REF [RANGE], e.g. issue julia/Foo.jl#45"
        )
    }
    let view = try issueView(range: command.operand(1), context: context)
    let key = try issueKey(text, in: view, context: context)
    guard let activity = view.activity(of: key) else {
        throw ShellFailure.issueNotKnown(key)
    }
    let together = view.coOccurrences(of: key)
    let ref = activity.issue
    var lines = [ref.title.map { "\(ref.key)  \($0)" } ?? ref.key]
    var state = activity.state == "opened" ? "open" : activity.state ?? "not in the cache"
    if let url = ref.url { state += " · \(url)" }
    lines.append(state)
    let span = view.nights.first.map { "\($0)..\(view.nights.last ?? $0)" } ?? "-"
    lines.append(
        "\(activity.total) failure\(activity.total == 1 ? "" : "s") over \(span), \(activity.trend.rawValue)"
            + (activity.first.map { " (first \($0), last \(activity.last ?? $0))" } ?? ""))
    lines.append("nights: \(activity.strip)")
    if activity.closedButFailing {
        let closed = view.states[key]?.closedNight ?? "?"
        lines.append(
            "CLOSED BUT STILL FAILING: \(activity.failuresAfterClose) failure\(activity.failuresAfterClose == 1 ? "" : "s") "
                + "after it was closed on \(closed) — closed too early, or regressed")
    }
    var rows: [[Cell]] = []
    for p in activity.projects {
        rows.append([Cell("project"), Cell(p.name), Cell("\(p.failures)"), Cell("")])
    }
    for j in activity.jobNames { rows.append([Cell("job"), Cell(j.name), Cell("\(j.failures)"), Cell("")]) }
    for c in activity.clusters {
        rows.append([Cell("cluster"), Cell(c.name), Cell("\(c.failures)"), Cell("")])
    }
    for c in together {
        let lift = String(format: "%.1f", c.lift)
        let detail =
            "together on \(c.together) of its \(c.clusterCells) night×project, lift \(lift)"
            + (c.issue.map { ", \($0.key)" } ?? ", no issue yet")
        rows.append([Cell("co-occurring"), Cell(c.cluster), Cell("\(c.together)"), Cell(detail, .dim)])
    }
    let json = JSONValue(record: IssueActivityRecord(activity, coOccurring: together))
    return CommandOutput(
        text: lines,
        table: Table(
            columns: ["KIND", "NAME", "FAILURES", "DETAIL"], numeric: [2], rows: rows,
            layout: TerminalLayout(shrinks: [3, 1])),
        json: json)
}

/// `issues --ranked [RANGE]`: issues by failures in the window, untriaged clusters as rows too.
func runRankedIssues(range: String?, _ context: Context) throws -> CommandOutput {
    let view = try issueView(range: range, context: context)
    let ranked = view.ranked()
    var rows: [[Cell]] = []
    var records: [JSONValue] = []
    for (k, r) in ranked.enumerated() {
        let name = r.issue?.key ?? "no issue yet: \(r.cluster ?? "-")"
        let title = r.issue?.title ?? ""
        rows.append([
            Cell("\(k + 1)"), r.issue == nil ? Cell(name, .warn) : Cell(name),
            r.issue == nil ? Cell("-", .dim) : stateCell(r.state, closedButFailing: r.closedButFailing),
            Cell("\(r.total)"), Cell(r.trend.rawValue), Cell("\(r.projects)"), stripCell(r.counts),
            Cell(r.last ?? "-"), Cell(truncated(title, 60)),
        ])
        records.append(JSONValue(record: RankedIssueRecord(r)))
    }
    let issues = ranked.filter { $0.issue != nil }.count
    let span = view.nights.first.map { "\($0)..\(view.nights.last ?? $0)" } ?? "-"
    return CommandOutput(
        text: [
            "\(issues) issue\(issues == 1 ? "" : "s") and \(ranked.count - issues) untriaged cluster\(ranked.count - issues == 1 ? "" : "s") with failures over \(span)"
        ],
        table: Table(
            columns: ["#", "ISSUE", "STATE", "FAILURES", "TREND", "PROJECTS", "NIGHTS", "LAST", "TITLE"],
            numeric: [0, 3, 5], rows: rows, layout: TerminalLayout(shrinks: [8])),
        json: .array(records))
}
