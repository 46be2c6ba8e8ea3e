import Foundation
import LogAnalysis

/// Where a job stands on a night, as `streaks --format json` answers it: the streak's keys and the
/// cluster of the night's run (`null` when it has none).
public struct StreakRecord: Sendable, Hashable, Encodable {
    public var streak: Streak
    public var cluster: String?

    public init(_ streak: Streak, cluster: String?) {
        self.streak = streak
        self.cluster = cluster
    }

    enum CodingKeys: String, CodingKey {
        case night, kind, project, name, job, since, nights, flips, flapping, cluster
        case firstRun = "first_run"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let s = streak
        try c.encode(s.night, forKey: .night)
        try c.encode(s.kind.rawValue, forKey: .kind)
        try c.encode(s.key.project, forKey: .project)
        try c.encode(s.key.name, forKey: .name)
        try c.encode(s.jobID, forKey: .job)
        try c.encode(s.since, forKey: .since)
        try c.encode(s.nights, forKey: .nights)
        try c.encode(s.flips, forKey: .flips)
        try c.encode(s.flapping, forKey: .flapping)
        try c.encode(s.firstRun, forKey: .firstRun)
        try c.encode(cluster, forKey: .cluster)
    }
}

/// A dependency change suspected of a night's new failures, as `suspects --format json` answers
/// it: the night, its rank among the night's suspects (1 is the most suspect), and the evidence.
public struct SuspectRecord: Sendable, Hashable, Encodable {
    public var night: String
    public var rank: Int
    public var suspect: Suspect

    public init(night: String, rank: Int, suspect: Suspect) {
        self.night = night
        self.rank = rank
        self.suspect = suspect
    }

    enum CodingKeys: String, CodingKey {
        case night, rank, ecosystem, package, from, to, kinds, failing, green, score, jobs, projects, clusters
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let s = suspect
        try c.encode(night, forKey: .night)
        try c.encode(rank, forKey: .rank)
        try c.encode(s.ecosystem.rawValue, forKey: .ecosystem)
        try c.encode(s.name, forKey: .package)
        try c.encode(s.from, forKey: .from)
        try c.encode(s.to, forKey: .to)
        try c.encode(s.kinds.map(\.rawValue), forKey: .kinds)
        try c.encode(s.newlyFailing, forKey: .failing)
        try c.encode(s.alsoInGreen, forKey: .green)
        try c.encode(s.score.thousandths, forKey: .score)
        try c.encode(s.failingJobs, forKey: .jobs)
        try c.encode(s.projects, forKey: .projects)
        try c.encode(s.clusters, forKey: .clusters)
    }
}

/// One commit as `suspects --commits` and `diff job` list it.
public struct CommitRecord: Sendable, Hashable, Encodable {
    public var commit: Commit

    public init(_ commit: Commit) { self.commit = commit }

    enum CodingKeys: String, CodingKey {
        case id, title
        case shortID = "short_id"
        case authorName = "author_name"
        case createdAt = "created_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(commit.id, forKey: .id)
        try c.encode(commit.shortID, forKey: .shortID)
        try c.encode(commit.title, forKey: .title)
        try c.encode(commit.authorName, forKey: .authorName)
        try c.encode(commit.createdAt.map(Assigning.stamp), forKey: .createdAt)
    }
}

/// The commits behind a project's newly failing jobs of a night, as `suspects --commits` answers
/// them: the range, GitLab's compare page for it (`null` when both runs built one sha), the jobs
/// sharing it, and its commits oldest first (`null` when their titles are unavailable).
public struct CommitRangeRecord: Sendable, Hashable, Encodable {
    public var range: ProjectCommitRange
    public var compareURL: String?
    public var commits: [Commit]?

    public init(_ range: ProjectCommitRange, compareURL: String?, commits: [Commit]?) {
        self.range = range
        self.compareURL = compareURL
        self.commits = commits
    }

    enum CodingKeys: String, CodingKey {
        case night, project, since, from, to, jobs, names, failing, commits
        case compareURL = "compare_url"
        case projectFailing = "project_failing"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let r = range
        try c.encode(r.night, forKey: .night)
        try c.encode(r.project, forKey: .project)
        try c.encode(r.greenNight, forKey: .since)
        try c.encode(r.from, forKey: .from)
        try c.encode(r.to, forKey: .to)
        try c.encode(compareURL, forKey: .compareURL)
        try c.encode(r.jobIDs, forKey: .jobs)
        try c.encode(r.jobNames, forKey: .names)
        try c.encode(r.jobIDs.count, forKey: .failing)
        try c.encode(r.projectFailing, forKey: .projectFailing)
        try c.encode(commits?.map(CommitRecord.init), forKey: .commits)
    }
}

/// `diff job N` as `--format json` answers it: the job, the night looked back to, its last green
/// run (`null` when none was found, and then `nights_between` and `commits` are `null` too), the
/// commit range (`list`: the commits oldest first, `null` when their titles are unavailable, left
/// out when both runs built one commit), the dependency changes and the notes, worded by the caller.
public struct JobDiffRecord: Sendable, Encodable {
    public var diff: JobDiff
    public var notes: [String]

    public init(_ diff: JobDiff, notes: [String]) {
        self.diff = diff
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case job, project, name, night, status, green, commits, changes, notes
        case lookedBackTo = "looked_back_to"
        case nightsBetween = "nights_between"
    }

    enum GreenKeys: String, CodingKey { case job, night, sha, retried }

    enum CommitsKeys: String, CodingKey {
        case from, to, list
        case compareURL = "compare_url"
    }

    enum ChangeKeys: String, CodingKey { case ecosystem, package, from, to, kind }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(diff.job.id, forKey: .job)
        try c.encode(diff.projectPath, forKey: .project)
        try c.encode(diff.job.name, forKey: .name)
        try c.encode(diff.night, forKey: .night)
        try c.encode(diff.job.status.rawValue, forKey: .status)
        try c.encode(diff.lookedBackTo, forKey: .lookedBackTo)
        if let green = diff.green {
            var g = c.nestedContainer(keyedBy: GreenKeys.self, forKey: .green)
            try g.encode(green.jobID, forKey: .job)
            try g.encode(green.night, forKey: .night)
            try g.encode(green.sha, forKey: .sha)
            try g.encode(green.retriedToGreen, forKey: .retried)
            try c.encode(diff.nightsBetween, forKey: .nightsBetween)
        } else {
            try c.encodeNil(forKey: .green)
            try c.encodeNil(forKey: .nightsBetween)
        }
        if let commits = diff.commits, diff.green != nil {
            var r = c.nestedContainer(keyedBy: CommitsKeys.self, forKey: .commits)
            try r.encode(commits.from, forKey: .from)
            try r.encode(commits.to, forKey: .to)
            try r.encode(commits.compareURL, forKey: .compareURL)
            if let titles = commits.titles {
                var list: [CommitRecord]?
                if case .found(let range, _) = titles { list = range.commits.map(CommitRecord.init) }
                try r.encode(list, forKey: .list)
            }
        } else {
            try c.encodeNil(forKey: .commits)
        }
        var changes = c.nestedUnkeyedContainer(forKey: .changes)
        for change in diff.changes {
            var k = changes.nestedContainer(keyedBy: ChangeKeys.self)
            try k.encode(change.ecosystem.rawValue, forKey: .ecosystem)
            try k.encode(change.name, forKey: .package)
            try k.encode(change.from, forKey: .from)
            try k.encode(change.to, forKey: .to)
            try k.encode(change.kind.rawValue, forKey: .kind)
        }
        try c.encode(notes, forKey: .notes)
    }
}
