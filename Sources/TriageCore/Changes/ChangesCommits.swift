import Foundation

/// One commit of a compared range, as GitLab's compare API lists it.
public struct Commit: Hashable, Sendable, Codable {
    /// The full sha.
    public var id: String
    public var shortID: String
    /// The first line of the message.
    public var title: String
    public var authorName: String
    public var createdAt: Date?

    public init(id: String, shortID: String, title: String, authorName: String, createdAt: Date? = nil) {
        self.id = id
        self.shortID = shortID
        self.title = title
        self.authorName = authorName
        self.createdAt = createdAt
    }
}

/// The commits between two revisions of a project (`from` excluded, `to` included), oldest first.
public struct CommitRange: Hashable, Sendable {
    public var projectID: Int
    public var from: String
    public var to: String
    public var commits: [Commit]

    public init(projectID: Int, from: String, to: String, commits: [Commit]) {
        self.projectID = projectID
        self.from = from
        self.to = to
        self.commits = commits
    }
}

/// Commit titles of a range: from the cache, else from GitLab (then cached). Never throws for
/// GitLab's sake: when GitLab cannot answer, the outcome says why, so the caller can work offline.
public enum CommitTitles {
    public enum Outcome: Hashable, Sendable {
        /// From the cache or just fetched (`fetched` true).
        case found(CommitRange, fetched: Bool)
        /// No cached range and no GitLab to ask (no URL or no token configured).
        case offline(reason: String)
        /// GitLab was asked and did not answer usefully.
        case unavailable(RemoteError)
    }

    /// Looks a range up in `cache`, else asks `source` (nil: offline) and caches its answer.
    /// Equal or empty shas are not asked for: their range is empty.
    public static func lookup(
        projectID: Int, from: String, to: String, cache: (any CommitRangeCache)?, source: (any CommitSource)?,
        offlineReason: String
    ) async throws -> Outcome {
        if from == to || from.isEmpty || to.isEmpty {
            return .found(CommitRange(projectID: projectID, from: from, to: to, commits: []), fetched: false)
        }
        if let cached = try cache?.commitRange(projectID: projectID, from: from, to: to) {
            return .found(cached, fetched: false)
        }
        guard let source else { return .offline(reason: offlineReason) }
        do {
            let range = try await source.compare(projectID: projectID, from: from, to: to)
            try cache?.storeCommitRange(range)
            return .found(range, fetched: true)
        } catch let error as RemoteError {
            return .unavailable(error)
        }
    }
}

extension CommitTitles {
    /// A range to look up: a project and two shas.
    public struct Key: Hashable, Sendable {
        public var projectID: Int
        public var from: String
        public var to: String

        public init(projectID: Int, from: String, to: String) {
            self.projectID = projectID
            self.from = from
            self.to = to
        }
    }

    /// Looks many ranges up (`lookup` each), at most `concurrency` GitLab calls in flight. When
    /// GitLab cannot be used at all (unreachable, timing out, refusing the token), the first such
    /// answer stands for every range still to fetch: one failed call, not one per range.
    public static func lookupAll(
        _ keys: [Key], cache: (any CommitRangeCache)?, source: (any CommitSource)?, offlineReason: String,
        concurrency: Int = 8
    ) async throws -> [Key: Outcome] {
        var results: [Key: Outcome] = [:]
        var toFetch: [Key] = []
        for key in Set(keys).sorted(by: { ($0.projectID, $0.from, $0.to) < ($1.projectID, $1.from, $1.to) }) {
            let outcome = try await lookup(
                projectID: key.projectID, from: key.from, to: key.to, cache: cache, source: nil,
                offlineReason: offlineReason)
            if case .found = outcome { results[key] = outcome } else { toFetch.append(key) }
        }
        guard let source, let first = toFetch.first else {
            for key in toFetch { results[key] = .offline(reason: offlineReason) }
            return results
        }
        let firstOutcome = try await lookup(
            projectID: first.projectID, from: first.from, to: first.to, cache: cache, source: source,
            offlineReason: offlineReason)
        results[first] = firstOutcome
        if case .unavailable(let error) = firstOutcome, Self.isUnusable(error) {
            for key in toFetch.dropFirst() { results[key] = firstOutcome }
            return results
        }
        var queue = toFetch.dropFirst()[...]
        try await withThrowingTaskGroup(of: (Key, Outcome).self) { group in
            var running = 0
            func startNext() {
                while running < max(1, concurrency), let key = queue.popFirst() {
                    running += 1
                    group.addTask {
                        (
                            key,
                            try await lookup(
                                projectID: key.projectID, from: key.from, to: key.to, cache: cache,
                                source: source,
                                offlineReason: offlineReason)
                        )
                    }
                }
            }
            startNext()
            while let (key, outcome) = try await group.next() {
                running -= 1
                results[key] = outcome
                startNext()
            }
        }
        return results
    }

    /// GitLab as a whole cannot answer (as opposed to one range being unknown).
    static func isUnusable(_ error: RemoteError) -> Bool {
        [.unreachable, .timeout, .unauthorized, .forbidden, .insufficientScope, .rateLimited, .server]
            .contains(
                error.kind)
    }
}

/// The commits behind the jobs of one project that started failing on a night: from the sha their
/// last green run built to the sha of the red run, with the newly failing jobs that share it.
public struct ProjectCommitRange: Hashable, Sendable {
    public var night: String
    public var project: String
    public var projectID: Int
    /// The sha of the last green run (`from`) and of the red run (`to`).
    public var from: String
    public var to: String
    /// The night of the last green run (of the first job, by name, sharing the range).
    public var greenNight: String
    /// The newly failing jobs with this range, by name.
    public var jobIDs: [Int]
    public var jobNames: [String]
    /// Newly failing jobs of the project that night, this range or another.
    public var projectFailing: Int

    public init(
        night: String, project: String, projectID: Int, from: String, to: String, greenNight: String,
        jobIDs: [Int],
        jobNames: [String], projectFailing: Int
    ) {
        self.night = night
        self.project = project
        self.projectID = projectID
        self.from = from
        self.to = to
        self.greenNight = greenNight
        self.jobIDs = jobIDs
        self.jobNames = jobNames
        self.projectFailing = projectFailing
    }

    public var key: CommitTitles.Key { CommitTitles.Key(projectID: projectID, from: from, to: to) }
}

extension ChangesPairs {
    /// Per project with jobs that started failing on `night` (`newlyFailing`), the commit ranges
    /// since those jobs' last green runs: one per distinct (green sha, red sha), with the jobs that
    /// share it. Most shared first, then by project path, then oldest green sha first.
    public static func commitRanges(on night: String, histories: [JobHistory]) -> [ProjectCommitRange] {
        struct Group {
            var greenNight: String
            var jobs: [(id: Int, name: String)]
        }
        var groups: [String: [CommitTitles.Key: Group]] = [:]
        var projectIDs: [String: Int] = [:]
        var failingPerProject: [String: Int] = [:]
        for h in histories {
            guard let run = h.run(on: night), run.red, let before = h.previous(before: night), !before.red,
                let green = h.lastGreen(before: night)
            else { continue }
            let key = CommitTitles.Key(projectID: h.projectID, from: green.sha, to: run.sha)
            projectIDs[h.key.project] = h.projectID
            failingPerProject[h.key.project, default: 0] += 1
            var group = groups[h.key.project, default: [:]][key] ?? Group(greenNight: green.night, jobs: [])
            group.jobs.append((run.jobID, h.key.name))
            groups[h.key.project, default: [:]][key] = group
        }
        var out: [ProjectCommitRange] = []
        for (project, ranges) in groups {
            for (key, group) in ranges {
                let jobs = group.jobs.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
                out.append(
                    ProjectCommitRange(
                        night: night, project: project, projectID: projectIDs[project] ?? key.projectID,
                        from: key.from, to: key.to, greenNight: group.greenNight, jobIDs: jobs.map(\.id),
                        jobNames: jobs.map(\.name), projectFailing: failingPerProject[project] ?? jobs.count))
            }
        }
        return out.sorted {
            if $0.jobIDs.count != $1.jobIDs.count { return $0.jobIDs.count > $1.jobIDs.count }
            if $0.project != $1.project { return $0.project < $1.project }
            return ($0.greenNight, $0.from, $0.to) < ($1.greenNight, $1.from, $1.to)
        }
    }
}
