/// An assignment of one job as `assignments`, `assign job` and `unassign job` answer it under
/// `--format json`: the entry's keys (without the fields of a newer triage it keeps in the file),
/// and, from `assign`, whether the issue was verified and whether a note was posted.
public struct JobAssignmentRecord: Sendable, Hashable, Encodable {
    public var assignment: JobAssignment
    public var outcome: Outcome?

    /// What `assign job` adds to the entry's record.
    public struct Outcome: Sendable, Hashable {
        public var verified: Bool
        /// Posted (true), already there (false), or not asked for (nil, `null`).
        public var commented: Bool?

        public init(verified: Bool, commented: Bool?) {
            self.verified = verified
            self.commented = commented
        }
    }

    public init(_ assignment: JobAssignment, outcome: Outcome? = nil) {
        self.assignment = assignment
        self.outcome = outcome
    }

    enum CodingKeys: String, CodingKey {
        case job, project, pipeline, night, cluster, issue, by, at, note, verified, commented
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let a = assignment
        try c.encode(a.job, forKey: .job)
        try c.encode(a.project, forKey: .project)
        try c.encode(a.pipeline, forKey: .pipeline)
        try c.encode(a.night, forKey: .night)
        try c.encode(a.cluster, forKey: .cluster)
        try c.encode(IssueRecord(a.issue), forKey: .issue)
        try c.encode(a.by, forKey: .by)
        try c.encode(a.at, forKey: .at)
        try c.encode(a.note, forKey: .note)
        guard let outcome else { return }
        try c.encode(outcome.verified, forKey: .verified)
        try c.encode(outcome.commented, forKey: .commented)
    }
}

/// An assignment of a cluster as `assignments`, `assign cluster` and `unassign cluster` answer it,
/// and, from `assign`, whether the issue was verified and how many failures the cluster holds.
public struct ClusterAssignmentRecord: Sendable, Hashable, Encodable {
    public var assignment: ClusterAssignment
    public var outcome: Outcome?

    /// What `assign cluster` adds to the entry's record.
    public struct Outcome: Sendable, Hashable {
        public var verified: Bool
        public var members: Int

        public init(verified: Bool, members: Int) {
            self.verified = verified
            self.members = members
        }
    }

    public init(_ assignment: ClusterAssignment, outcome: Outcome? = nil) {
        self.assignment = assignment
        self.outcome = outcome
    }

    enum CodingKeys: String, CodingKey { case cluster, issue, by, at, note, verified, members }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let a = assignment
        try c.encode(a.cluster, forKey: .cluster)
        try c.encode(IssueRecord(a.issue), forKey: .issue)
        try c.encode(a.by, forKey: .by)
        try c.encode(a.at, forKey: .at)
        try c.encode(a.note, forKey: .note)
        guard let outcome else { return }
        try c.encode(outcome.verified, forKey: .verified)
        try c.encode(outcome.members, forKey: .members)
    }
}

/// A job or cluster the book assigns more than once (a merge kept both entries), as `assignments`
/// and `assignments --dedupe` answer it: the entry that counts (the newest) and those dropped.
public struct DuplicateRecord: Sendable, Encodable {
    public var duplicate: Assignments.Duplicate

    public init(_ duplicate: Assignments.Duplicate) { self.duplicate = duplicate }

    enum CodingKeys: String, CodingKey { case subject, kept, dropped }
    enum EntryKeys: String, CodingKey { case issue, at }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(duplicate.subject, forKey: .subject)
        var kept = c.nestedContainer(keyedBy: EntryKeys.self, forKey: .kept)
        try kept.encode(duplicate.kept.issue, forKey: .issue)
        try kept.encode(duplicate.kept.at, forKey: .at)
        var dropped = c.nestedUnkeyedContainer(forKey: .dropped)
        for entry in duplicate.dropped {
            var d = dropped.nestedContainer(keyedBy: EntryKeys.self)
            try d.encode(entry.issue, forKey: .issue)
            try d.encode(entry.at, forKey: .at)
        }
    }
}

/// `assignments --format json`: the job and cluster assignments that count, and the duplicates.
public struct AssignmentsListRecord: Sendable, Encodable {
    public var jobs: [JobAssignment]
    public var clusters: [ClusterAssignment]
    public var duplicates: [Assignments.Duplicate]

    public init(jobs: [JobAssignment], clusters: [ClusterAssignment], duplicates: [Assignments.Duplicate]) {
        self.jobs = jobs
        self.clusters = clusters
        self.duplicates = duplicates
    }

    enum CodingKeys: String, CodingKey { case assignments, clusters, duplicates }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(jobs.map { JobAssignmentRecord($0) }, forKey: .assignments)
        try c.encode(clusters.map { ClusterAssignmentRecord($0) }, forKey: .clusters)
        try c.encode(duplicates.map(DuplicateRecord.init), forKey: .duplicates)
    }
}

/// An issue that likely covers a failed job, as `suggest job N --format json` lists it (score to
/// three decimals, reasons for people).
public struct SuggestionRecord: Sendable, Hashable, Encodable {
    public var suggestion: Suggestion

    public init(_ suggestion: Suggestion) { self.suggestion = suggestion }

    enum CodingKeys: String, CodingKey { case issue, state, score, reasons }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(IssueRecord(suggestion.issue), forKey: .issue)
        try c.encode(suggestion.state, forKey: .state)
        try c.encode(suggestion.score.thousandths, forKey: .score)
        try c.encode(suggestion.reasons, forKey: .reasons)
    }
}

/// A cached issue as `issues --format json` lists it, with the failures it covers in the window.
public struct IssueListRecord: Sendable, Hashable, Encodable {
    public var issue: Issue
    public var projectPath: String
    /// `updated_at` as the caller's clock writes it.
    public var updatedAt: String?
    public var failures: Int

    public init(_ issue: Issue, projectPath: String, updatedAt: String?, failures: Int) {
        self.issue = issue
        self.projectPath = projectPath
        self.updatedAt = updatedAt
        self.failures = failures
    }

    enum CodingKeys: String, CodingKey {
        case project, iid, state, title, labels, failures
        case webURL = "web_url"
        case updatedAt = "updated_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(projectPath, forKey: .project)
        try c.encode(issue.iid, forKey: .iid)
        try c.encode(issue.state, forKey: .state)
        try c.encode(issue.title, forKey: .title)
        try c.encode(issue.labels, forKey: .labels)
        try c.encode(issue.webURL, forKey: .webURL)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(failures, forKey: .failures)
    }
}
