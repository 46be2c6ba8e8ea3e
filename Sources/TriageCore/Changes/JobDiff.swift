import Foundation
import LogAnalysis

/// `diff job N`: what changed between a job and the last green nightly run of the same project and
/// job (same name): the nights between, the commit range with its titles, and the dependency
/// changes between the two traces. The shell words it; tests call it as the shell does.
public struct JobDiff: Sendable {
    public var job: Job
    public var projectPath: String
    public var night: String
    /// The oldest night looked at for the green run.
    public var lookedBackTo: String
    /// nil: no green run of the job in the cache since `lookedBackTo`; the rest is then empty.
    public var green: JobRun?
    /// Runs of the job between the green night and this one.
    public var nightsBetween: Int
    public var commits: Commits?
    public var changes: [DependencyChange]
    public var notes: [Note]

    public struct Commits: Sendable {
        /// The green run's sha and this job's pipeline's.
        public var from: String
        public var to: String
        /// GitLab's compare page; nil when both runs built one commit or the project is unknown.
        public var compareURL: String?
        /// nil when both runs built one commit (nothing to look up).
        public var titles: CommitTitles.Outcome?
    }

    public enum Note: Hashable, Sendable {
        /// The green run's trace is not cached (`fetch` fetches it).
        case greenTraceNotCached(job: Int)
        /// This job's trace is not cached.
        case traceNotCached(job: Int)
        /// What the listings could not compare (a truncated trace, a trace without listing).
        case listing(String)
    }

    /// Where commit titles come from: the cache of compared ranges, and GitLab's compare API
    /// (nil: offline, for `offline`'s reason).
    public struct CommitSources: Sendable {
        public var cache: any CommitRangeCache
        public var source: (any CommitSource)?
        public var offline: String

        public init(cache: any CommitRangeCache, source: (any CommitSource)?, offline: String) {
            self.cache = cache
            self.source = source
            self.offline = offline
        }
    }

    /// The diff of the cached job `jobID`, nil when the cache holds no such job (or its pipeline).
    /// `source`: the nightly pipelines' source (nil: every pipeline); `lookback`: nights looked at
    /// before the job's for its last green run.
    public static func compute(
        jobID: Int, cache: CachePorts, calendar: NightCalendar, source: String?, lookback: Int,
        commits: () throws -> CommitSources
    ) async throws -> JobDiff? {
        let store = cache.store
        guard let job = try store.job(id: jobID), let found = try store.pipeline(id: job.pipelineID) else {
            return nil
        }
        let night = found.night
        let project = try store.projects().first { $0.id == job.projectID }
        let lookedBack = calendar.nights(endingAt: night, count: lookback + 1).first ?? night
        let rows = try cache.changes.nightlyJobs(
            fromNight: lookedBack, throughNight: night, projectID: job.projectID, name: job.name)
        let histories = ChangesHistory.histories(
            source.map { s in rows.filter { $0.pipeline.source == s } } ?? rows)
        let history = histories.first { $0.key.name == job.name }
        var diff = JobDiff(
            job: job, projectPath: project?.path ?? String(job.projectID), night: night,
            lookedBackTo: lookedBack,
            green: nil, nightsBetween: 0, commits: nil, changes: [], notes: [])
        guard let green = history?.lastGreen(before: night) else { return diff }
        diff.green = green
        diff.nightsBetween = history?.runs.filter { $0.night > green.night && $0.night < night }.count ?? 0

        let redSHA = found.pipeline.sha
        if green.sha == redSHA || green.sha.isEmpty {
            diff.commits = Commits(from: green.sha, to: redSHA, compareURL: nil, titles: nil)
        } else {
            let sources = try commits()
            let titles = try await CommitTitles.lookup(
                projectID: job.projectID, from: green.sha, to: redSHA, cache: sources.cache,
                source: sources.source,
                offlineReason: sources.offline)
            diff.commits = Commits(
                from: green.sha, to: redSHA,
                compareURL: project.map { "\($0.webURL)/-/compare/\(green.sha)...\(redSHA)" },
                titles: titles)
        }

        let listings = TraceFactsReader(cache: cache)
        let greenListing = try listings.facts(green.jobID)
        let redListing = try listings.facts(job.id)
        try listings.flush()
        if greenListing == nil { diff.notes.append(.greenTraceNotCached(job: green.jobID)) }
        if redListing == nil { diff.notes.append(.traceNotCached(job: job.id)) }
        if let g = greenListing, let r = redListing {
            let changes = r.diff(since: g)
            diff.changes = changes.changes
            diff.notes += changes.notes.map(Note.listing)
        }
        return diff
    }
}
