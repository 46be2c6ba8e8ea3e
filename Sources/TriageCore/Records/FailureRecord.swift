/// The JSON record of a failed job, the contract of DESIGN §6: what `failures`, `show job` and
/// `warnings` answer under `--format json`, and what the dashboard's night files list (with key
/// lines for the excerpt, `Excerpt.keyLines`), its keys written once here. Every key is present; a
/// value the job does not have is `null`.
public struct FailureRecord: Sendable, Hashable, Encodable {
    public var job: Int
    public var project: String
    public var pipeline: Int
    public var night: String
    public var name: String
    public var stage: String
    public var status: String
    public var failureReason: String?
    public var allowFailure: Bool
    public var webURL: String
    public var attempt: Int
    /// What the analysis and the assignments say of the job (`failures`, `show job`); a record
    /// without them (`warnings`) has none of their keys.
    public var findings: Findings?

    /// The analysis's and the assignments' part of a record.
    public struct Findings: Sendable, Hashable {
        public var keyLine: String?
        public var cluster: String?
        /// The cluster was first seen on the job's night.
        public var new: Bool
        public var flaky: Bool
        /// The excerpt's texts, as `excerpt` or `key_lines`.
        public var excerpt: Excerpt
        /// The issue that covers the job, its own or its cluster's.
        public var issue: IssueRecord?
        /// Since when the job fails and the top suspect, as `changes`, when the answer computed
        /// them (`failures`, `show job`: `null` for a job not red on its night); no key otherwise.
        public var changes: FailureFacts.ChangesAnswer = .notAsked

        /// A record with every line of the excerpt (`excerpt`: nil when the job has no analysis).
        public init(
            keyLine: String?, cluster: String?, new: Bool, flaky: Bool, excerpt: [String]?,
            issue: IssueRecord?, changes: FailureFacts.ChangesAnswer = .notAsked
        ) {
            self.init(
                keyLine: keyLine, cluster: cluster, new: new, flaky: flaky, excerpt: .lines(excerpt),
                issue: issue, changes: changes)
        }

        public init(
            keyLine: String?, cluster: String?, new: Bool, flaky: Bool, excerpt: Excerpt, issue: IssueRecord?,
            changes: FailureFacts.ChangesAnswer = .notAsked
        ) {
            self.keyLine = keyLine
            self.cluster = cluster
            self.new = new
            self.flaky = flaky
            self.excerpt = excerpt
            self.issue = issue
            self.changes = changes
        }
    }

    /// How much of the excerpt a record carries, under which key.
    public enum Excerpt: Sendable, Hashable {
        /// Every line's text, as `excerpt` (`null` when the job has no analysis): the shell's records.
        case lines([String]?)
        /// At most a few key lines, as `key_lines` and without `excerpt`: the dashboard's night
        /// files, where a night of hundreds of failures would otherwise carry whole excerpts.
        case keyLines([String])
    }

    public init(_ row: FailureRow, findings: Findings? = nil) {
        job = row.job.id
        project = row.projectPath
        pipeline = row.pipeline.id
        night = row.night
        name = row.job.name
        stage = row.job.stage
        status = row.job.status.rawValue
        failureReason = row.job.failureReason
        allowFailure = row.job.allowFailure
        webURL = row.job.webURL
        attempt = row.job.attempt
        self.findings = findings
    }

    /// The record of a failure `Failures.rows` listed: `row` is the same job's whole row, `excerpt`
    /// the texts of its excerpt's lines (none when absent; no `excerpt` at all without an analysis).
    public init(_ row: FailureRow, facts: FailureFacts, excerpt: [String]?) {
        self.init(row, facts: facts, excerpt: .lines(facts.listing.insight == nil ? nil : excerpt ?? []))
    }

    /// The same record with `excerpt`'s form chosen by the caller (the dashboard's key lines).
    public init(_ row: FailureRow, facts: FailureFacts, excerpt: Excerpt) {
        let insight = facts.listing.insight
        self.init(
            row,
            findings: Findings(
                keyLine: insight?.keyLine, cluster: insight?.cluster?.rawValue, new: facts.isNew,
                flaky: facts.flaky, excerpt: excerpt, issue: facts.issue.map(IssueRecord.init(covering:)),
                changes: facts.changes))
    }

    enum CodingKeys: String, CodingKey {
        case job, project, pipeline, night, name, stage, status, attempt
        case failureReason = "failure_reason"
        case allowFailure = "allow_failure"
        case webURL = "web_url"
        case keyLine = "key_line"
        case cluster, new, flaky, excerpt, issue, changes
        case keyLines = "key_lines"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(job, forKey: .job)
        try c.encode(project, forKey: .project)
        try c.encode(pipeline, forKey: .pipeline)
        try c.encode(night, forKey: .night)
        try c.encode(name, forKey: .name)
        try c.encode(stage, forKey: .stage)
        try c.encode(status, forKey: .status)
        try c.encode(failureReason, forKey: .failureReason)
        try c.encode(allowFailure, forKey: .allowFailure)
        try c.encode(webURL, forKey: .webURL)
        try c.encode(attempt, forKey: .attempt)
        guard let findings else { return }
        try c.encode(findings.keyLine, forKey: .keyLine)
        try c.encode(findings.cluster, forKey: .cluster)
        try c.encode(findings.new, forKey: .new)
        try c.encode(findings.flaky, forKey: .flaky)
        switch findings.excerpt {
        case .lines(let lines): try c.encode(lines, forKey: .excerpt)
        case .keyLines(let lines): try c.encode(lines, forKey: .keyLines)
        }
        try c.encode(findings.issue, forKey: .issue)
        if case .answered(let changes) = findings.changes { try c.encode(changes, forKey: .changes) }
    }
}

/// An issue as a JSON record names it: project, iid, url (`null` when unknown), title when known,
/// and, in a failure's record, whether the job has it through its cluster (`inherited`).
public struct IssueRecord: Sendable, Hashable, Encodable {
    public var issue: IssueRef
    /// Through the job's cluster, not its own assignment; nil outside a failure's record.
    public var inherited: Bool?

    public init(_ issue: IssueRef, inherited: Bool? = nil) {
        self.issue = issue
        self.inherited = inherited
    }

    /// The `issue` of a failure's record.
    public init(covering: CoveringIssue) {
        self.init(covering.issue, inherited: covering.inherited)
    }

    enum CodingKeys: String, CodingKey { case project, iid, url, title, inherited }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(issue.project, forKey: .project)
        try c.encode(issue.iid, forKey: .iid)
        try c.encode(issue.url, forKey: .url)
        try c.encodeIfPresent(issue.title, forKey: .title)
        try c.encodeIfPresent(inherited, forKey: .inherited)
    }
}
