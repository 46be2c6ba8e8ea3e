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
