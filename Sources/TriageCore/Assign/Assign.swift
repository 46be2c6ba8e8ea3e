import Foundation

// The triage decisions of `assignments.json` (DESIGN §3, version 1): which GitLab issue covers a
// failed job, or every present and future member of a cluster.

/// Any JSON value, kept as it was read: the fields of `assignments.json` this triage does not know
/// (another version's, a hand edit's, a tool's) go back into the file on the next write.
public indirect enum JSONAny: Hashable, Sendable, Codable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONAny])
    case object([String: JSONAny])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Int.self) {
            self = .int(n)
        } else if let d = try? c.decode(Double.self) {
            self = .double(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONAny].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONAny].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let n): try c.encode(n)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}

/// A key of an unknown field.
struct UnknownKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension Decoder {
    /// The fields of the current object whose keys are not in `known`.
    func unknownFields(known: [String]) throws -> [String: JSONAny] {
        let c = try container(keyedBy: UnknownKey.self)
        var extra: [String: JSONAny] = [:]
        for key in c.allKeys where !known.contains(key.stringValue) {
            extra[key.stringValue] = try c.decode(JSONAny.self, forKey: key)
        }
        return extra
    }
}

extension Encoder {
    /// Writes `fields` beside the known ones (a keyed container of the same object).
    func encodeUnknown(_ fields: [String: JSONAny]) throws {
        guard !fields.isEmpty else { return }
        var c = container(keyedBy: UnknownKey.self)
        for (key, value) in fields { try c.encode(value, forKey: UnknownKey(stringValue: key)) }
    }
}

/// A GitLab issue as an assignment names it: project path and per-project number, with its URL
/// and title when known (an issue recorded while GitLab was unreachable has no title).
public struct IssueRef: Hashable, Sendable, Codable {
    public var project: String
    public var iid: Int
    public var url: String?
    public var title: String?
    /// Fields this triage does not know, written back unchanged.
    public var unknown: [String: JSONAny] = [:]

    public init(project: String, iid: Int, url: String? = nil, title: String? = nil) {
        self.project = project
        self.iid = iid
        self.url = url
        self.title = title
    }

    /// `julia/Foo.jl#45`: the identity of the issue (URL and title are descriptions of it).
    public var key: String { "\(project)#\(iid)" }

    public func sameIssue(_ other: IssueRef) -> Bool { project == other.project && iid == other.iid }

    enum CodingKeys: String, CodingKey { case project, iid, url, title }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        project = try c.decode(String.self, forKey: .project)
        iid = try c.decode(Int.self, forKey: .iid)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        unknown = try decoder.unknownFields(known: ["project", "iid", "url", "title"])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(project, forKey: .project)
        try c.encode(iid, forKey: .iid)
        try c.encode(url, forKey: .url)
        // The title is left out rather than null when unknown, as in DESIGN §3's cluster entry.
        try c.encodeIfPresent(title, forKey: .title)
        try encoder.encodeUnknown(unknown)
    }
}

/// One failed job assigned to an issue.
public struct JobAssignment: Hashable, Sendable, Codable {
    public var job: Int
    public var project: String
    public var pipeline: Int
    public var night: String
    /// The job's cluster when it was assigned, if analysed.
    public var cluster: String?
    public var issue: IssueRef
    /// Who assigned it (GITLAB_USER, USER or the token's user).
    public var by: String
    /// When, ISO-8601 UTC (`2026-11-29T08:14:03Z`).
    public var at: String
    public var note: String?
    /// Fields this triage does not know, written back unchanged.
    public var unknown: [String: JSONAny] = [:]

    public init(
        job: Int, project: String, pipeline: Int, night: String, cluster: String?, issue: IssueRef,
        by: String,
        at: String, note: String?
    ) {
        self.job = job
        self.project = project
        self.pipeline = pipeline
        self.night = night
        self.cluster = cluster
        self.issue = issue
        self.by = by
        self.at = at
        self.note = note
    }

    enum CodingKeys: String, CodingKey { case job, project, pipeline, night, cluster, issue, by, at, note }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        job = try c.decode(Int.self, forKey: .job)
        project = try c.decode(String.self, forKey: .project)
        pipeline = try c.decode(Int.self, forKey: .pipeline)
        night = try c.decode(String.self, forKey: .night)
        cluster = try c.decodeIfPresent(String.self, forKey: .cluster)
        issue = try c.decode(IssueRef.self, forKey: .issue)
        by = try c.decode(String.self, forKey: .by)
        at = try c.decode(String.self, forKey: .at)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        unknown = try decoder.unknownFields(
            known: ["job", "project", "pipeline", "night", "cluster", "issue", "by", "at", "note"])
    }

    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeUnknown(unknown)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(job, forKey: .job)
        try c.encode(project, forKey: .project)
        try c.encode(pipeline, forKey: .pipeline)
        try c.encode(night, forKey: .night)
        try c.encode(cluster, forKey: .cluster)
        try c.encode(issue, forKey: .issue)
        try c.encode(by, forKey: .by)
        try c.encode(at, forKey: .at)
        try c.encode(note, forKey: .note)
    }
}

/// A cluster assigned to an issue: covers every present and future member.
public struct ClusterAssignment: Hashable, Sendable, Codable {
    public var cluster: String
    public var issue: IssueRef
    public var by: String
    public var at: String
    public var note: String?
    /// Fields this triage does not know, written back unchanged.
    public var unknown: [String: JSONAny] = [:]

    public init(cluster: String, issue: IssueRef, by: String, at: String, note: String?) {
        self.cluster = cluster
        self.issue = issue
        self.by = by
        self.at = at
        self.note = note
    }

    enum CodingKeys: String, CodingKey { case cluster, issue, by, at, note }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        cluster = try c.decode(String.self, forKey: .cluster)
        issue = try c.decode(IssueRef.self, forKey: .issue)
        by = try c.decode(String.self, forKey: .by)
        at = try c.decode(String.self, forKey: .at)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        unknown = try decoder.unknownFields(known: ["cluster", "issue", "by", "at", "note"])
    }

    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeUnknown(unknown)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(cluster, forKey: .cluster)
        try c.encode(issue, forKey: .issue)
        try c.encode(by, forKey: .by)
        try c.encode(at, forKey: .at)
        try c.encode(note, forKey: .note)
    }
}

/// A note triage posted on an issue about a job (so that it is never posted twice, even after
/// an unassign and a new assign). An addition to version 1: readers that do not know it ignore it.
public struct CommentRecord: Hashable, Sendable, Codable {
    public var job: Int
    /// `IssueRef.key`: `julia/Foo.jl#45`.
    public var issue: String
    public var at: String
    /// Fields this triage does not know, written back unchanged.
    public var unknown: [String: JSONAny] = [:]

    public init(job: Int, issue: String, at: String) {
        self.job = job
        self.issue = issue
        self.at = at
    }

    enum CodingKeys: String, CodingKey { case job, issue, at }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        job = try c.decode(Int.self, forKey: .job)
        issue = try c.decode(String.self, forKey: .issue)
        at = try c.decode(String.self, forKey: .at)
        unknown = try decoder.unknownFields(known: ["job", "issue", "at"])
    }

    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeUnknown(unknown)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(job, forKey: .job)
        try c.encode(issue, forKey: .issue)
        try c.encode(at, forKey: .at)
    }
}

/// The whole of `assignments.json`.
public struct Assignments: Hashable, Sendable, Codable {
    /// The only version this triage reads and writes.
    public static let currentVersion = 1

    public var version: Int
    public var assignments: [JobAssignment]
    public var clusters: [ClusterAssignment]
    public var comments: [CommentRecord]
    /// Top-level fields this triage does not know, written back unchanged.
    public var unknown: [String: JSONAny] = [:]

    public init(
        assignments: [JobAssignment] = [], clusters: [ClusterAssignment] = [], comments: [CommentRecord] = []
    ) {
        self.version = Self.currentVersion
        self.assignments = assignments
        self.clusters = clusters
        self.comments = comments
    }

    enum CodingKeys: String, CodingKey { case version, assignments, clusters, comments }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        assignments = try c.decodeIfPresent([JobAssignment].self, forKey: .assignments) ?? []
        clusters = try c.decodeIfPresent([ClusterAssignment].self, forKey: .clusters) ?? []
        comments = try c.decodeIfPresent([CommentRecord].self, forKey: .comments) ?? []
        unknown = try decoder.unknownFields(known: ["version", "assignments", "clusters", "comments"])
    }

    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeUnknown(unknown)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(assignments, forKey: .assignments)
        try c.encode(clusters, forKey: .clusters)
        try c.encode(comments, forKey: .comments)
    }

    /// Entries sorted by job, cluster and (job, issue): a diff reads well and merges cleanly.
    public var normalised: Assignments {
        var copy = self
        copy.assignments.sort { $0.job < $1.job }
        copy.clusters.sort { $0.cluster < $1.cluster }
        copy.comments.sort { ($0.job, $0.issue) < ($1.job, $1.issue) }
        return copy
    }

    /// The job's assignment; of several (a merge kept both sides), the newest (`AssignmentRule`).
    public func assignment(job: Int) -> JobAssignment? {
        AssignmentRule.newest(assignments.filter { $0.job == job }, at: \.at)
    }

    /// The cluster's assignment; of several, the newest (`AssignmentRule`).
    public func assignment(cluster: String) -> ClusterAssignment? {
        AssignmentRule.newest(clusters.filter { $0.cluster == cluster }, at: \.at)
    }

    /// Several entries for one job or one cluster: the one kept and the ones dropped.
    public struct Duplicate: Hashable, Sendable {
        /// `job 123` or `cluster c-3f9a2b1c`.
        public var subject: String
        public var kept: (issue: String, at: String)
        public var dropped: [(issue: String, at: String)]

        public static func == (a: Duplicate, b: Duplicate) -> Bool {
            a.subject == b.subject && a.kept == b.kept && a.dropped.elementsEqual(b.dropped, by: ==)
        }
        public func hash(into hasher: inout Hasher) { hasher.combine(subject) }

        /// `job 123: kept julia/Foo.jl#46 (2026-11-29T09:00:00Z), dropped julia/Foo.jl#45 (2026-11-29T08:00:00Z)`.
        public var sentence: String {
            "\(subject): kept \(kept.issue) (\(kept.at)), dropped "
                + dropped.map { "\($0.issue) (\($0.at))" }.joined(separator: ", ")
        }
    }

    /// Jobs and clusters with more than one entry, each with what `deduplicated` keeps.
    public var duplicates: [Duplicate] {
        var found: [Duplicate] = []
        for (job, entries) in Dictionary(grouping: assignments, by: \.job).sorted(by: { $0.key < $1.key })
        where entries.count > 1 {
            let kept = AssignmentRule.ordered(entries, at: \.at)
            found.append(
                Duplicate(
                    subject: "job \(job)", kept: (kept[0].issue.key, kept[0].at),
                    dropped: kept.dropFirst().map { ($0.issue.key, $0.at) }))
        }
        for (cluster, entries) in Dictionary(grouping: clusters, by: \.cluster).sorted(by: { $0.key < $1.key }
        )
        where entries.count > 1 {
            let kept = AssignmentRule.ordered(entries, at: \.at)
            found.append(
                Duplicate(
                    subject: "cluster \(cluster)", kept: (kept[0].issue.key, kept[0].at),
                    dropped: kept.dropFirst().map { ($0.issue.key, $0.at) }))
        }
        return found
    }

    /// One entry per job and per cluster, the newest, in file order otherwise.
    public var deduplicated: Assignments {
        var copy = self
        copy.assignments = AssignmentRule.deduplicated(assignments, key: \.job, at: \.at)
        copy.clusters = AssignmentRule.deduplicated(clusters, key: \.cluster, at: \.at)
        return copy
    }

    /// Replaces the job's assignment (or adds it). Returns the one it replaced.
    @discardableResult
    public mutating func assign(_ entry: JobAssignment) -> JobAssignment? {
        let old = assignment(job: entry.job)
        assignments.removeAll { $0.job == entry.job }
        assignments.append(entry)
        return old
    }

    @discardableResult
    public mutating func assign(_ entry: ClusterAssignment) -> ClusterAssignment? {
        let old = assignment(cluster: entry.cluster)
        clusters.removeAll { $0.cluster == entry.cluster }
        clusters.append(entry)
        return old
    }

    /// Removes the job's assignment; returns it (nil when there was none).
    public mutating func unassign(job: Int) -> JobAssignment? {
        let old = assignment(job: job)
        assignments.removeAll { $0.job == job }
        return old
    }

    public mutating func unassign(cluster: String) -> ClusterAssignment? {
        let old = assignment(cluster: cluster)
        clusters.removeAll { $0.cluster == cluster }
        return old
    }

    public func commented(job: Int, issue: IssueRef) -> Bool {
        comments.contains { $0.job == job && $0.issue == issue.key }
    }

    /// The issue covering a failure: its own assignment, else its cluster's (`inherited`).
    public func assignmentFor(job: Int, cluster: String?) -> CoveringIssue? {
        if let own = assignment(job: job) { return CoveringIssue(issue: own.issue, inherited: false) }
        if let cluster, let shared = assignment(cluster: cluster) {
            return CoveringIssue(issue: shared.issue, inherited: true)
        }
        return nil
    }
}

/// Which of several entries for one job or cluster counts (a git merge can keep both sides of
/// two people's edits): the newest `at` wins. `at` is ISO 8601 UTC (`2026-11-29T08:14:03Z`),
/// so comparing the strings compares the times; of two with the same `at`, the later in the
/// file wins. The shell and the dashboard both read assignments through this rule.
public enum AssignmentRule {
    /// The winning entry, nil for none.
    public static func newest<T>(_ entries: [T], at: (T) -> String) -> T? { ordered(entries, at: at).first }

    /// The entries, the winner first, then the others from newest to oldest.
    public static func ordered<T>(_ entries: [T], at: (T) -> String) -> [T] {
        entries.enumerated().sorted { a, b in
            let (x, y) = (at(a.element), at(b.element))
            return x != y ? x > y : a.offset > b.offset
        }.map(\.element)
    }

    /// One entry per key, the winner, at the place of the key's first entry.
    public static func deduplicated<T, K: Hashable>(_ entries: [T], key: (T) -> K, at: (T) -> String) -> [T] {
        let winners = Dictionary(grouping: entries, by: key).compactMapValues { newest($0, at: at) }
        var seen: Set<K> = []
        var out: [T] = []
        for entry in entries where seen.insert(key(entry)).inserted {
            if let winner = winners[key(entry)] { out.append(winner) }
        }
        return out
    }
}

/// Where the assignments live (`assignments.json` in the workspace).
///
/// Implementations must make `update` atomic against other processes: the change is applied to
/// the contents read under an exclusive lock, and the result replaces the file in one step, so
/// concurrent writers lose nothing and a reader never sees a partial file. A file that cannot be
/// read as version 1 is refused (thrown) and never overwritten.
public protocol AssignmentBook: Sendable {
    /// The current contents; empty when there is no file yet.
    func read() throws -> Assignments
    /// Applies `change` to the current contents under the lock and writes the result (only when
    /// it differs). Returns what `change` returned; when `change` throws nothing is written.
    func update<T>(_ change: (inout Assignments) throws -> T) throws -> T
}

/// A book that exists but cannot be used as assignments (it does not parse, or has another
/// version). Reads go on without assignments, with `warning` shown once; writes refuse.
public protocol UnusableAssignments: Error, CustomStringConvertible {
    /// One line for a read that goes on without the book: where (file:line:column) and what.
    var warning: String { get }
}

/// The cached issues, for references and suggestions.
public protocol IssueCache: Sendable {
    /// Every cached issue, by project then iid.
    func issues() throws -> [Issue]
    /// Per project, the newest `updatedAt` of its cached issues: the next fetch asks only for
    /// issues updated since.
    func issueWatermarks() throws -> [Int: Date]
    /// The cached issues among these issue ids (of any project), in no particular order.
    func issues(ids: [Int]) throws -> [Issue]
    /// How many issues the cache holds.
    func issueCount() throws -> Int
}

/// What `assign --comment` and issue lookups need beyond the sync port.
public protocol IssueTracker: Sendable {
    func issue(projectPath: String, iid: Int) async throws -> Issue
    func postNote(projectID: Int, issueIID: Int, body: String) async throws
    func currentUser() async throws -> String
}

/// Fetches the issues of projects updated since the cache's newest (one listing per project,
/// `updated_after` the watermark) and stores those that are new or changed. Returns how many
/// those were: GitLab's `updated_after` is inclusive, so each listing brings back the issues
/// the cache already holds at the watermark; an issue whose `updated_at` is the cached one (to
/// the millisecond) is no change and is not counted (GitLab moves `updated_at` on every edit).
public func syncIssues(
    projects: [Project], source: any GitLabSource, cache: any IssueCache, store: any CacheStore,
    concurrency: Int = 8
) async throws -> (issues: Int, skipped: [String]) {
    let marks = try cache.issueWatermarks()
    var count = 0
    var skipped: [String] = []
    var queue = projects.filter { !$0.archived }[...]
    try await withThrowingTaskGroup(of: (Project, [Issue]?, RemoteError?).self) { group in
        var running = 0
        func startNext() {
            while running < max(1, concurrency), let project = queue.popFirst() {
                running += 1
                let since = marks[project.id]
                group.addTask {
                    do {
                        return (
                            project, try await source.issues(projectID: project.id, updatedAfter: since), nil
                        )
                    } catch let error as RemoteError where [.forbidden, .notFound].contains(error.kind) {
                        // Issues disabled or hidden: not a reason to fail the fetch.
                        return (project, nil, error)
                    }
                }
            }
        }
        startNext()
        while let (project, issues, error) = try await group.next() {
            running -= 1
            if let issues {
                let changed = try changedIssues(issues, since: marks[project.id], cache: cache)
                if !changed.isEmpty { try store.upsertIssues(changed) }
                count += changed.count
            } else if let error {
                skipped.append("\(project.path) issues: \(error.message ?? error.kind.rawValue)")
            }
            startNext()
        }
    }
    return (count, skipped.sorted())
}

/// Of the issues a listing brought, those the cache does not hold as they are: new ones, and
/// cached ones whose `updated_at` (to the millisecond) or content differs. With no watermark
/// (`since`), the cache holds none of the project's issues and all are new.
func changedIssues(_ issues: [Issue], since: Date?, cache: any IssueCache) throws -> [Issue] {
    guard since != nil, !issues.isEmpty else { return issues }
    let cached = Dictionary(
        try cache.issues(ids: issues.map(\.id)).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    return issues.filter { issue in
        guard var old = cached[issue.id], Syncer.sameInstant(old.updatedAt, issue.updatedAt) else {
            return true
        }
        old.updatedAt = issue.updatedAt
        return old != issue
    }
}
