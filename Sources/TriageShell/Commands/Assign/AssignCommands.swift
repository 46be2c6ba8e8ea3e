import Foundation
import LogAnalysis
import TriageCore

/// The assignment commands: the cached issues, assigning failures and clusters to
/// them (recorded in `assignments.json`), listing the assignments, and suggestions.
let assignCommands: [CommandSpec] = [
    issuesCommand, assignCommand, unassignCommand, assignmentsCommand, suggestCommand,
]

/// The book of an environment that was given none: it reads as empty, and writing is an error.
public struct NoAssignmentBook: AssignmentBook {
    public init() {}
    public func read() throws -> Assignments { Assignments() }
    public func update<T>(_ change: (inout Assignments) throws -> T) throws -> T {
        throw ShellFailure.notInThisBuild("an assignments store")
    }
}

extension Context {
    /// `assignments.json` of the workspace; its lock and temporary files live in `.triage/`.
    func assignmentBook() -> any AssignmentBook {
        environment.makeAssignmentBook(environment.workspace, dotTriage)
    }

    /// Changes the book as `update` does, first resolving duplicate entries (a merge kept both
    /// sides) and saying on stderr what was dropped (`Assigning.update`).
    func updateAssignments<T>(in book: any AssignmentBook, _ change: (inout Assignments) throws -> T) throws
        -> T
    {
        let sink = self.sink
        return try Assigning.update(book, warn: { sink.writeError(assignWarningText($0) + "\n") }, change)
    }

    /// The assignments for a command that only reads them. A book that cannot be used (a merge
    /// conflict, a newer version) does not stop the command: it goes on without assignments,
    /// and the session warns once with the file's line and column. Writes use `update`, which
    /// refuses such a book.
    func readAssignments() throws -> Assignments {
        do {
            return try assignmentBook().read()
        } catch let error as any UnusableAssignments {
            if claimAssignmentsWarning() { sink.writeError("warning: \(error.warning)\n") }
            return Assignments()
        }
    }

    func issueCache() throws -> any IssueCache { try cache().issues }

    /// GitLab's issue side, or nil when no GitLab is configured.
    func issueTracker() -> (any IssueTracker)? {
        guard let url = try? gitlabURL() else { return nil }
        return environment.makeGitLab(url, environment.token, 4).issues
    }

    /// Who is assigning: GITLAB_USER, else USER, else the token's user (`GET /user`).
    func assigner() async -> String {
        for name in ["GITLAB_USER", "USER"] {
            if let value = environment.variables[name], !value.isEmpty { return value }
        }
        if let tracker = issueTracker(), let user = try? await tracker.currentUser() { return user }
        return "unknown"
    }

    /// The issue covering a failure: its own assignment, else its cluster's (`inherited`).
    func assignmentFor(job: Int, cluster: String?) throws -> CoveringIssue? {
        try readAssignments().assignmentFor(job: job, cluster: cluster)
    }
}

/// An issue's JSON record (`IssueRecord`).
func assignmentRecord(_ a: JobAssignment, outcome: JobAssignmentRecord.Outcome? = nil) -> JSONValue {
    JSONValue(record: JobAssignmentRecord(a, outcome: outcome))
}

func clusterAssignmentRecord(_ a: ClusterAssignment, outcome: ClusterAssignmentRecord.Outcome? = nil)
    -> JSONValue
{
    JSONValue(record: ClusterAssignmentRecord(a, outcome: outcome))
}

/// `julia/Foo.jl#45 "title"` for messages.
func issueLabel(_ ref: IssueRef) -> String {
    ref.title.map { "\(ref.key) (\(truncated($0, 60)))" } ?? ref.key
}

// MARK: - issues

let issuesCommand: CommandSpec = CommandSpec(
    name: "issues", group: "Assignments",
    summary: "The cached GitLab issues, with how many failures are assigned to each.",
    details: """
        fetch brings the issues of the synced projects (every state, only those updated since the last \
        fetch). FAILURES counts failures assigned directly and through their cluster. JSON: an array of \
        issues (project, iid, state, title, labels, web_url, updated_at, failures).
        """,
    operands: [
        OperandSpec(
            "PROJECT", optional: true, summary: "only this project; with --ranked a RANGE (default 30d)",
            completion: .projects)
    ],
    options: [
        OptionSpec(
            "ranked",
            summary: "issues ranked by failures in RANGE, with trend; untriaged clusters too (see 'issue')"),
        OptionSpec("search", value: "TEXT", summary: "only issues whose title or description contains TEXT"),
        OptionSpec(
            "state", value: "STATE", summary: "the issues' state", choices: ["opened", "closed", "all"],
            default: "opened"),
    ],
    examples: [
        "issues", "issues julia/Foo.jl --search LoadError", "issues --state all", "issues --ranked 30d",
    ],
    run: { command, context in try runIssues(command, context) }
)

func runIssues(_ command: ParsedCommand, _ context: Context) throws -> CommandOutput {
    if command.flag("ranked") { return try runRankedIssues(range: command.operand(0), context) }
    let state = command.option("state") ?? "opened"
    let store = try context.store()
    let project = try command.operand(0).map { try context.project(named: $0, in: store) }
    let search = command.option("search")?.lowercased()
    let paths = Dictionary(try store.projects().map { ($0.id, $0.path) }, uniquingKeysWith: { a, _ in a })
    let all = try context.issueCache().issues()
    let issues = all.filter { issue in
        if let project, issue.projectID != project.id { return false }
        if state != "all", issue.state != state { return false }
        if let search,
            !(issue.title.lowercased().contains(search)
                || (issue.description ?? "").lowercased().contains(search))
        {
            return false
        }
        return true
    }
    let counts = try assignedCounts(context)
    let times = try context.times()
    var rows: [[Cell]] = []
    var records: [JSONValue] = []
    for issue in issues {
        let path = paths[issue.projectID] ?? String(issue.projectID)
        let key = "\(path)#\(issue.iid)"
        let n = counts[key] ?? 0
        rows.append([
            Cell(path), Cell("#\(issue.iid)"),
            issue.state == "opened" ? Cell("open", .good) : Cell("closed", .dim),
            Cell(truncated(issue.title, 90)), Cell(issue.labels.joined(separator: ","), .dim), Cell("\(n)"),
        ])
        records.append(
            JSONValue(
                record: IssueListRecord(
                    issue, projectPath: path, updatedAt: times.iso(issue.updatedAt), failures: n)))
    }
    if all.isEmpty { context.sink.writeError("hint: no issues in the cache — run 'fetch'\n") }
    return CommandOutput(
        text: [
            "\(issues.count) issue\(issues.count == 1 ? "" : "s")" + (state == "all" ? "" : " (\(state))")
        ],
        table: Table(
            columns: ["PROJECT", "ISSUE", "STATE", "TITLE", "LABELS", "FAILURES"], numeric: [5], rows: rows,
            layout: TerminalLayout(order: [0, 1, 2, 5, 4, 3], shrinks: [3, 4])),
        json: .array(records))
}

/// Failures per issue key: assigned directly, or members of an assigned cluster without an own
/// assignment.
func assignedCounts(_ context: Context) throws -> [String: Int] {
    let book = try context.readAssignments()
    var counts: [String: Int] = [:]
    for a in book.assignments { counts[a.issue.key, default: 0] += 1 }
    if !book.clusters.isEmpty {
        let (_, store) = try context.analysisStore()
        let direct = Set(book.assignments.map(\.job))
        for c in book.clusters {
            guard let id = ClusterID(rawValue: c.cluster) else { continue }
            let members = try store.analyses(cluster: id)
            counts[c.issue.key, default: 0] += members.filter { !direct.contains($0.jobID) }.count
        }
    }
    return counts
}

// MARK: - assign / unassign

let assignCommand: CommandSpec = CommandSpec(
    name: "assign", group: "Assignments",
    summary:
        "Record that a GitLab issue covers a failed job, or every present and future member of a cluster.",
    details: """
        REF is 45 (the job's own project), group/project#45, or the issue's URL on the configured GitLab. \
        An issue not in the cache is looked up on GitLab; when GitLab cannot be reached the assignment is \
        recorded anyway, with a warning that the issue was not verified. Written to assignments.json \
        (who: GITLAB_USER, USER or the token's user; when: now). --comment posts a note on the issue with \
        the job's link, project, night, failure reason and key line — once per job and issue; it needs a \
        token with the api scope.
        """,
    operands: [
        OperandSpec("KIND", summary: "job or cluster", choices: ["job", "cluster"]),
        OperandSpec("ID", summary: "a job id or a cluster id (c-…)", completion: .jobs),
        OperandSpec("issue", summary: "the word 'issue'", choices: ["issue"]),
        OperandSpec("REF", summary: "45, group/project#45 or an issue URL", completion: .issues),
    ],
    options: [
        OptionSpec("note", value: "TEXT", summary: "why, recorded with the assignment"),
        OptionSpec("comment", summary: "also post a note on the GitLab issue (jobs only)"),
    ],
    examples: [
        "assign job 48213 issue 45 --note 'upstream DataFrames 1.7'",
        "assign cluster c-3f9a2b1c issue julia/Infra#12",
        "assign job 48214 issue https://gitlab.example.com/julia/Bar.jl/-/issues/7 --comment",
    ],
    run: { command, context in try await runAssign(command, context) }
)

extension Context {
    /// The ports of `Assigning`, from this context: its cache, GitLab's issue side, the book, who
    /// is assigning and now; warnings go to stderr.
    func assignPorts(book: any AssignmentBook) throws -> AssignPorts {
        let (store, analysis) = try analysisStore()
        let sink = self.sink
        return AssignPorts(
            store: store, analysis: analysis, issues: try issueCache(), tracker: issueTracker(),
            gitlab: try? gitlabURL(), book: book, assigner: { await self.assigner() }, now: now,
            warn: { sink.writeError(assignWarningText($0) + "\n") })
    }
}

/// One wording per warning of `Assigning`.
func assignWarningText(_ warning: AssignWarning) -> String {
    switch warning {
    case .unverified(let path, let iid, nil):
        return "warning: \(path)#\(iid) is not in the cache and no GitLab is configured; recorded unverified"
    case .unverified(let path, let iid, let error?):
        return
            "warning: could not verify \(path)#\(iid) on GitLab (\(ErrorFormatter.message(for: error))); recorded unverified"
    case .duplicatesResolved(let resolved):
        return
            "note: assignments.json had several entries for \(resolved.count == 1 ? "one job or cluster" : "\(resolved.count) jobs or clusters") "
            + "(a merge kept both sides); the newest of each is kept — "
            + resolved.map(\.sentence).joined(separator: "; ")
    }
}

extension AssignFailure {
    /// The shell's words for it: what happened and what to do.
    var shellError: any Error {
        switch self {
        case .jobNotCached(let id): return ShellFailure.jobNotCached(id)
        case .clusterNotCached(let id): return ShellFailure.clusterNotCached(id)
        case .jobDidNotFail(let id, let status):
            return ShellError(
                "job \(id) did not fail (\(status.rawValue))", hint: "only failed jobs are assigned")
        case .clusterSpansProjects(let id, let projects, let iid):
            return ShellError(
                "cluster \(id.rawValue) spans \(projects) projects: '\(iid)' does not say which",
                hint: "give group/project#\(iid)")
        case .issueNotOnGitLab(let path, let iid):
            return ShellError(
                "GitLab has no issue \(path)#\(iid) visible to this token",
                hint: "check the reference; 'issues' lists the cached ones")
        case .commentNotPosted(let job, let issue, let why):
            let recorded = "job \(job) is assigned to \(issue), but the comment was not posted"
            switch why {
            case .unreachable:
                return ShellError(
                    recorded + ": the issue could not be reached on GitLab",
                    hint: "run the assign again with --comment later")
            case .readOnlyToken:
                return ShellError(
                    recorded + ": the token has only read access",
                    hint: "the assignment is kept; commenting needs a token with the 'api' scope")
            case .remote(let error):
                return ShellError(
                    recorded + ": \(ErrorFormatter.message(for: error))", hint: "the assignment is kept")
            }
        }
    }
}

func runAssign(_ command: ParsedCommand, _ context: Context) async throws -> CommandOutput {
    // Parsing took `job` or `cluster`, an ID, the word `issue` and a REF.
    let kind = command.operand(0) ?? "job"
    let refText = command.operand(3) ?? ""
    let reference = try IssueReference.parse(refText, gitlab: try? context.gitlabURL())
    let note = command.option("note")
    let book = context.assignmentBook()
    _ = try book.read()  // Refuses an unreadable file before anything else happens.
    do {
        if kind == "cluster" {
            if command.flag("comment") {
                throw ShellError(
                    "assign: --comment is for jobs",
                    hint: "assign the cluster, then 'assign job N issue REF --comment'")
            }
            let id = try clusterID(command.operand(1) ?? "")
            let outcome = try await Assigning.cluster(
                id, issue: reference, note: note, try context.assignPorts(book: book))
            var text = [
                "cluster \(id.rawValue) (\(outcome.members) failures, present and future) → \(issueLabel(outcome.entry.issue))"
            ]
            if let replaced = outcome.replaced, !replaced.issue.sameIssue(outcome.entry.issue) {
                text.append("(was \(replaced.issue.key))")
            }
            return CommandOutput(
                text: text,
                json: clusterAssignmentRecord(
                    outcome.entry, outcome: .init(verified: outcome.verified, members: outcome.members)))
        }
        let jobID = try integer(command.operand(1), "job id", command: "assign")
        let comment = command.flag("comment")
        let outcome = try await Assigning.job(
            jobID, issue: reference, note: note, comment: comment, try context.assignPorts(book: book))
        let entry = outcome.entry
        var text = ["job \(jobID) (\(entry.project), \(entry.night)) → \(issueLabel(entry.issue))"]
        if let replaced = outcome.replaced, !replaced.issue.sameIssue(entry.issue) {
            text.append("(was \(replaced.issue.key))")
        }
        switch outcome.commented {
        case true?: text.append("commented on \(entry.issue.key)")
        case false?:
            text.append("a note about job \(jobID) is already on \(entry.issue.key); not posted again")
        case nil: break
        }
        return CommandOutput(
            text: text,
            json: assignmentRecord(
                entry, outcome: .init(verified: outcome.verified, commented: outcome.commented)))
    } catch let failure as AssignFailure {
        throw failure.shellError
    }
}

let unassignCommand: CommandSpec = CommandSpec(
    name: "unassign", group: "Assignments",
    summary: "Remove a job's or a cluster's assignment from assignments.json.",
    operands: [
        OperandSpec("KIND", summary: "job or cluster", choices: ["job", "cluster"]),
        OperandSpec("ID", summary: "a job id or a cluster id (c-…)", completion: .jobs),
    ],
    examples: ["unassign job 48213", "unassign cluster c-3f9a2b1c"],
    run: { command, context in
        let book = context.assignmentBook()
        switch command.operand(0) {
        case "job":
            let jobID = try integer(command.operand(1), "job id", command: "unassign")
            let removed: JobAssignment = try context.updateAssignments(in: book) { book in
                guard let removed = book.unassign(job: jobID) else {
                    let cluster = book.assignments.first { $0.job == jobID }?.cluster
                    let inherited = cluster.flatMap { book.assignment(cluster: $0) }
                    throw ShellError(
                        "job \(jobID) has no assignment of its own",
                        hint: inherited.map {
                            "its cluster's is \($0.issue.key); 'unassign cluster \($0.cluster)'"
                        }
                            ?? "'assignments' lists them")
                }
                return removed
            }
            return CommandOutput(
                text: ["job \(jobID) unassigned (was \(removed.issue.key))"], json: assignmentRecord(removed))
        case "cluster":
            let id = try clusterID(command.operand(1) ?? "")
            let removed: ClusterAssignment = try context.updateAssignments(in: book) { book in
                guard let removed = book.unassign(cluster: id.rawValue) else {
                    throw ShellError(
                        "cluster \(id.rawValue) has no assignment", hint: "'assignments' lists them")
                }
                return removed
            }
            return CommandOutput(
                text: ["cluster \(id.rawValue) unassigned (was \(removed.issue.key))"],
                json: clusterAssignmentRecord(removed))
        default:
            throw ShellError(
                "unassign: expected 'job' or 'cluster', not '\(command.operand(0) ?? "")'",
                hint: "usage: unassign job N | unassign cluster C")
        }
    }
)

// MARK: - assignments

let assignmentsCommand: CommandSpec = CommandSpec(
    name: "assignments", group: "Assignments",
    summary: "The recorded assignments: jobs of a range of nights, and the cluster assignments.",
    details: """
        Without RANGE every job assignment is listed. Several entries for one job or cluster (a git merge \
        kept both sides) are flagged; the newest `at` counts, in the shell as on the dashboard, and \
        --dedupe (or the next assign/unassign) keeps only it and says what it dropped. JSON: \
        {"assignments": [...], "clusters": [...], "duplicates": [{subject, kept, dropped}]}, the entries \
        as assignments.json holds them (the newest of duplicates).
        """,
    operands: [
        OperandSpec(
            "RANGE", optional: true, summary: "nights of the assigned jobs (default all)", completion: .ranges
        )
    ],
    options: [
        OptionSpec("issue", value: "REF", summary: "only those of this issue (45 matches any project's #45)"),
        OptionSpec(
            "dedupe", summary: "keep only the newest of several entries for one job or cluster, and say which"
        ),
    ],
    examples: [
        "assignments", "assignments 7d", "assignments --issue julia/Foo.jl#45", "assignments --dedupe",
    ],
    run: { command, context in
        if command.flag("dedupe") {
            let book = context.assignmentBook()
            let resolved = try book.update { assignments -> [Assignments.Duplicate] in
                let found = assignments.duplicates
                assignments = assignments.deduplicated
                return found
            }
            return CommandOutput(
                text: resolved.isEmpty
                    ? ["no duplicate assignments"]
                    : [
                        "resolved \(resolved.count) duplicate\(resolved.count == 1 ? "" : "s") (the newest kept):"
                    ]
                        + resolved.map { "  " + $0.sentence },
                json: .object(["resolved": .array(resolved.map { JSONValue(record: DuplicateRecord($0)) })]))
        }
        let book = try context.readAssignments()
        let duplicates = book.duplicates
        let effective = book.deduplicated
        let nights = try command.operand(0).map { Set(try context.nights($0)) }
        let reference = try command.option("issue").map {
            try IssueReference.parse($0, gitlab: try? context.gitlabURL())
        }
        func matches(_ ref: IssueRef) -> Bool {
            switch reference {
            case nil: true
            case .local(let iid)?: ref.iid == iid
            case .qualified(let project, let iid)?:
                ref.iid == iid && ref.project.lowercased() == project.lowercased()
            }
        }
        let jobs = effective.assignments.filter { a in (nights?.contains(a.night) ?? true) && matches(a.issue)
        }
        .sorted { ($0.night, $0.job) > ($1.night, $1.job) }
        let clusters = effective.clusters.filter { matches($0.issue) }
        var rows: [[Cell]] = []
        for a in clusters {
            rows.append([
                Cell("cluster"), Cell(a.cluster), Cell("-"), Cell("-"), Cell(a.issue.key),
                Cell(truncated(a.issue.title ?? "", 60)),
                Cell(a.by, .dim), Cell(a.at, .dim), Cell(a.note ?? ""),
            ])
        }
        for a in jobs {
            rows.append([
                Cell("job"), Cell(String(a.job)), Cell(a.project), Cell(a.night), Cell(a.issue.key),
                Cell(truncated(a.issue.title ?? "", 60)), Cell(a.by, .dim), Cell(a.at, .dim),
                Cell(a.note ?? ""),
            ])
        }
        var text = [
            "\(jobs.count) job assignment\(jobs.count == 1 ? "" : "s"), \(clusters.count) cluster assignment\(clusters.count == 1 ? "" : "s")"
        ]
        if !duplicates.isEmpty {
            text.append(
                "duplicates: \(duplicates.count) job\(duplicates.count == 1 ? "" : "s") or cluster\(duplicates.count == 1 ? "" : "s") "
                    + "with several entries (a merge kept both); the newest counts — 'assignments --dedupe' keeps only it"
            )
            text += duplicates.map { "  " + $0.sentence }
        }
        return CommandOutput(
            text: text,
            table: Table(
                columns: ["KIND", "WHAT", "PROJECT", "NIGHT", "ISSUE", "TITLE", "BY", "AT", "NOTE"],
                rows: rows,
                layout: TerminalLayout(shrinks: [8, 5], drops: [7])),
            json: JSONValue(
                record: AssignmentsListRecord(jobs: jobs, clusters: clusters, duplicates: duplicates)))
    }
)

// MARK: - suggest

let suggestCommand: CommandSpec = CommandSpec(
    name: "suggest", group: "Assignments",
    summary: "Issues that likely cover a failed job, best first (at most 5), each with its reason.",
    details: """
        Evidence, strongest first: the issue is assigned to the job's cluster; it is assigned to a similar \
        cluster; the words of its title and description appear in the job's excerpt. Open issues come before \
        closed ones of about the same score. JSON: an array of {issue, state, score, reasons}.
        """,
    operands: [
        OperandSpec("job", summary: "the word 'job'", choices: ["job"]),
        OperandSpec("N", summary: "a job id", completion: .jobs),
    ],
    examples: ["suggest job 48213"],
    run: { command, context in
        let jobID = try integer(command.operand(1), "job id", command: "suggest")
        let suggestions = try suggestions(forJob: jobID, context: context)
        let rows: [[Cell]] = suggestions.enumerated().map { k, s in
            [
                Cell("\(k + 1)"), Cell(s.issue.key),
                s.state == "opened" ? Cell("open", .good) : Cell(s.state, .dim),
                Cell(String(format: "%.2f", s.score)), Cell(truncated(s.issue.title ?? "", 70)),
                Cell(s.reasons.joined(separator: "; ")),
            ]
        }
        return CommandOutput(
            text: suggestions.isEmpty ? ["no issue looks like job \(jobID)'s failure"] : [],
            table: Table(
                columns: ["#", "ISSUE", "STATE", "SCORE", "TITLE", "WHY"], numeric: [0, 3], rows: rows,
                layout: TerminalLayout(shrinks: [5, 4])),
            json: .array(suggestions.map { JSONValue(record: SuggestionRecord($0)) }))
    }
)

/// Ranked issues for a failed job (`SuggestionRanker` over the cache and the assignments).
func suggestions(forJob jobID: Int, context: Context) throws -> [Suggestion] {
    let (cache, store) = try context.analysisStore()
    guard let job = try cache.job(id: jobID) else {
        throw ShellFailure.jobNotCached(jobID)
    }
    let projects = Dictionary(try cache.projects().map { ($0.id, $0.path) }, uniquingKeysWith: { a, _ in a })
    let book = try context.readAssignments()
    let analysis = try store.analysis(jobID: jobID)
    var lines = analysis?.excerpt.map(\.text) ?? []
    if analysis == nil, let line = try KeyLine.ofTrace(jobID: jobID, in: cache) { lines = [line] }
    let target = SuggestionTarget(
        jobID: jobID, projectPath: projects[job.projectID] ?? String(job.projectID), jobName: job.name,
        cluster: analysis?.cluster?.rawValue, lines: lines)
    let issues = try context.issueCache().issues().map {
        IssueCandidate(issue: $0, projectPath: projects[$0.projectID] ?? String($0.projectID))
    }
    // Clusters of the assigned jobs, and how like the target each assigned cluster is.
    var clusterOf: [Int: String] = [:]
    for a in book.assignments {
        clusterOf[a.job] = try store.analysis(jobID: a.job)?.cluster?.rawValue ?? a.cluster
    }
    var similar: [String: Double] = [:]
    if let analysis {
        let assigned = Set(book.clusters.map(\.cluster)).union(clusterOf.values)
        for cluster in assigned where cluster != target.cluster {
            guard let id = ClusterID(rawValue: cluster) else { continue }
            let members = try store.analyses(cluster: id).suffix(10)
            similar[cluster] = members.map { $0.signature.jaccard(analysis.signature) }.max() ?? 0
        }
    }
    return SuggestionRanker().rank(
        target, issues: issues, assignments: book, clusterOf: clusterOf, similarClusters: similar)
}

// MARK: - fetch

/// fetch's line about the issues of the cached projects (`syncIssues`): how many are new or
/// changed (not those the listing brought back unchanged) and how many the cache holds.
func issuesLine(updated count: Int, cached: Int) -> String {
    "issues: \(count == 0 ? "none" : String(count)) new or updated (\(cached) cached)"
}

// MARK: - The issue of listed failures (failures, show job)

/// `julia/Foo.jl#45`, `julia/Foo.jl#45 (cluster)` when inherited, `-` when untriaged.
func issueCell(_ found: CoveringIssue?) -> Cell {
    guard let found else { return Cell("-", .dim) }
    return Cell(found.issue.key + (found.inherited ? " (cluster)" : ""))
}

/// The issue that covers a failure, as its record's `issue` (with `inherited`; nil is `null`).
func issueFinding(_ found: CoveringIssue?) -> IssueRecord? {
    found.map(IssueRecord.init(covering:))
}
