import Foundation
import LogAnalysis

/// Which projects a sync covers.
public enum ProjectScope: Hashable, Sendable {
    /// Every non-archived project the token's user is a member of.
    case membership
    /// The non-archived projects of these groups, subgroups included, plus these projects.
    case named(groups: [String], projects: [String])
}

/// The remote side of a sync: GitLab's REST API, seen through our model.
///
/// Implementations paginate internally (every call returns the whole list), obey rate limits,
/// retry transient errors, and throw `RemoteError` for everything else. They never print
/// or store the token.
public protocol GitLabSource: Sendable {
    /// Non-archived projects of the scope. A group or project named in the scope that GitLab
    /// does not know throws `RemoteError` with kind `.notFound` naming it.
    func projects(in scope: ProjectScope) async throws -> [Project]
    /// Pipelines of one project, newest first. `source` nil means every source.
    func pipelines(projectID: Int, source: String?, updatedAfter: Date?, createdAfter: Date?)
        async throws -> [Pipeline]
    /// Every job of a pipeline including retried attempts (numbered with `Job.numberingAttempts`).
    func jobs(projectID: Int, pipelineID: Int) async throws -> [Job]
    /// The raw trace bytes (may be empty, may be invalid UTF-8).
    func trace(projectID: Int, jobID: Int) async throws -> Data
    /// Issues of a project (all states) updated after a date, if given.
    func issues(projectID: Int, updatedAfter: Date?) async throws -> [Issue]
    /// HTTP requests sent so far, retries included.
    var requestCount: Int { get }
}

/// What went wrong talking to GitLab, with what the user needs to act on it.
/// Never carries the token: URLs are stored without query secrets.
public struct RemoteError: Error, Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case unauthorized, forbidden, insufficientScope, notFound, rateLimited, server
        case unreachable, timeout, malformedResponse, badRequest, other
    }
    public var kind: Kind
    public var method: String
    public var url: String
    /// HTTP status, nil when no response came.
    public var status: Int?
    /// GitLab's own message (any of its three error-body shapes), or the transport's.
    public var message: String?
    /// What the user named, when the error is about it (a project or group path).
    public var subject: String?

    public init(
        kind: Kind, method: String, url: String, status: Int? = nil, message: String? = nil,
        subject: String? = nil
    ) {
        self.kind = kind
        self.method = method
        self.url = url
        self.status = status
        self.message = message
        self.subject = subject
    }
}

/// Counts and facts about what the cache holds (`status`).
public struct CacheSummary: Hashable, Sendable, Codable {
    public var projects: Int
    public var pipelinesByStatus: [String: Int]
    public var jobs: Int
    public var retriedJobs: Int
    public var traces: Int
    /// Bytes of the traces as GitLab sent them.
    public var traceBytes: Int
    /// Bytes the traces take in the cache (compressed).
    public var traceStoredBytes: Int
    public var issues: Int
    public var firstNight: String?
    public var lastNight: String?
    public var nights: Int
    public var lastSync: SyncRecord?

    public init(
        projects: Int = 0, pipelinesByStatus: [String: Int] = [:], jobs: Int = 0,
        retriedJobs: Int = 0, traces: Int = 0, traceBytes: Int = 0, traceStoredBytes: Int = 0,
        issues: Int = 0, firstNight: String? = nil, lastNight: String? = nil, nights: Int = 0,
        lastSync: SyncRecord? = nil
    ) {
        self.projects = projects
        self.pipelinesByStatus = pipelinesByStatus
        self.jobs = jobs
        self.retriedJobs = retriedJobs
        self.traces = traces
        self.traceBytes = traceBytes
        self.traceStoredBytes = traceStoredBytes
        self.issues = issues
        self.firstNight = firstNight
        self.lastNight = lastNight
        self.nights = nights
        self.lastSync = lastSync
    }
}

/// One run of `fetch`.
public struct SyncRecord: Hashable, Sendable, Codable {
    public var startedAt: Date
    public var finishedAt: Date?
    /// `running` (interrupted if still so), `completed`, `failed`, `canceled`.
    public var outcome: String
    public var apiCalls: Int
    public var pipelines: Int
    public var traces: Int
    public var traceBytes: Int

    public init(
        startedAt: Date, finishedAt: Date? = nil, outcome: String, apiCalls: Int = 0,
        pipelines: Int = 0, traces: Int = 0, traceBytes: Int = 0
    ) {
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.apiCalls = apiCalls
        self.pipelines = pipelines
        self.traces = traces
        self.traceBytes = traceBytes
    }
}

/// A failed (or allowed-to-fail) job with its context, as the shell lists it.
public struct FailureRow: Hashable, Sendable, Codable {
    public var job: Job
    public var pipeline: Pipeline
    public var projectPath: String
    public var night: String

    public init(job: Job, pipeline: Pipeline, projectPath: String, night: String) {
        self.job = job
        self.pipeline = pipeline
        self.projectPath = projectPath
        self.night = night
    }
}

/// The local cache (SQLite in `.triage/`). Every method is synchronous and thread-safe;
/// each write is one transaction, so a process killed at any point leaves a consistent cache.
/// The shell's listing queries are in `CacheQueries`.
public protocol CacheStore: CacheQueries, AnalysisQueries {
    // Sync
    func upsertProjects(_ projects: [Project]) throws
    /// For each pipeline of the project whose jobs were completely stored: its `updatedAt`
    /// at that time. A pipeline missing here (or with an older date) must be synced again.
    func syncedPipelines(projectID: Int) throws -> [Int: Date]
    /// Of these job ids, the ones whose trace is already stored.
    func storedTraces(jobIDs: [Int]) throws -> Set<Int>
    /// Stores a trace (compressed). Idempotent: storing the same job twice keeps one copy.
    func storeTrace(jobID: Int, data: Data) throws
    /// Stores a pipeline, its night and all its jobs in one transaction, replacing what was
    /// there, and records it as synced at `pipeline.updatedAt`.
    func storePipeline(_ pipeline: Pipeline, night: String, jobs: [Job]) throws
    /// The newest `updated_at` of a project's pipelines seen by a completed project sync.
    func watermark(projectID: Int) throws -> Date?
    func setWatermark(projectID: Int, _ date: Date) throws
    func upsertIssues(_ issues: [Issue]) throws
    /// Records the start of a sync; returns its id.
    func beginSync(_ record: SyncRecord) throws -> Int64
    func finishSync(id: Int64, _ record: SyncRecord) throws

    // Queries
    func summary() throws -> CacheSummary
    /// The newest sync's record (`summary().lastSync`), one row read: `summary` counts the cache.
    func lastSync() throws -> SyncRecord?
    func projects() throws -> [Project]
    /// Nightly pipelines of the given nights (all nights when nil), newest night first.
    func pipelines(nights: Set<String>?) throws -> [(pipeline: Pipeline, night: String)]
    /// Failed latest attempts (allowed failures included) of pipelines of these nights.
    func failures(nights: Set<String>) throws -> [FailureRow]
    func job(id: Int) throws -> Job?
    func trace(jobID: Int) throws -> Data?
    /// Every night present in the cache, ascending (`YYYY-MM-DD`).
    func nights() throws -> [String]
}

// MARK: - Listing queries of the shell

/// A nightly pipeline as `pipelines` lists it: with its project and the counts of its failed
/// latest attempts.
public struct PipelineRow: Hashable, Sendable {
    public var pipeline: Pipeline
    public var night: String
    /// The project's path, or its id as text when the project row is missing.
    public var projectPath: String
    /// Failed latest attempts that were not allowed to fail.
    public var failed: Int
    /// Failed latest attempts that were allowed to fail.
    public var allowedFailed: Int

    public init(pipeline: Pipeline, night: String, projectPath: String, failed: Int, allowedFailed: Int) {
        self.pipeline = pipeline
        self.night = night
        self.projectPath = projectPath
        self.failed = failed
        self.allowedFailed = allowedFailed
    }
}

/// One night of a job's history: the pipeline of that night and the job's latest attempt in it
/// (nil when the pipeline had no job of that name).
public struct JobNight: Hashable, Sendable {
    public var night: String
    public var pipeline: Pipeline
    public var job: Job?

    public init(night: String, pipeline: Pipeline, job: Job?) {
        self.night = night
        self.pipeline = pipeline
        self.job = job
    }
}

/// The listing queries of the shell (part of every `CacheStore`). Each is served by an index of
/// the cache: nights through `pipelines_night_project`, a project's pipelines through
/// `pipelines_project`, a pipeline's jobs through `jobs_pipeline`, its failed ones through
/// `jobs_failed_latest`.
public protocol CacheQueries: Sendable {
    /// The first and last night in the cache; nil when it holds no pipeline.
    func nightBounds() throws -> (first: String, last: String)?
    /// Pipelines of these nights (of one project when `projectID` is given), newest night
    /// first, then by project path.
    func pipelineRows(nights: Set<String>, projectID: Int?) throws -> [PipelineRow]
    /// Every pipeline of a project from `night` on (inclusive), newest night first.
    func pipelineRows(projectID: Int, fromNight night: String) throws -> [PipelineRow]
    /// For every project, the newest night its nightly pipeline (of `source`; any when nil)
    /// failed, as `NightPipelines` decides a night: a failed pipeline re-run green the same night
    /// does not count. Projects that never failed are absent.
    func lastFailedNights(source: String?) throws -> [Int: String]
    /// One project by id; nil when the cache does not know it.
    func project(id: Int) throws -> Project?
    /// The projects whose path is exactly `path`, ascending id (a renamed project's old path may
    /// briefly name two).
    func projects(path: String) throws -> [Project]
    func pipeline(id: Int) throws -> (pipeline: Pipeline, night: String)?
    /// Every attempt of every job of a pipeline, ascending id (GitLab creates jobs stage by stage).
    func jobs(pipelineID: Int) throws -> [Job]
    /// The latest attempt of the job called `name` in each pipeline of the project on these nights,
    /// newest night first; nights without a pipeline are absent.
    func jobHistory(projectID: Int, name: String, nights: Set<String>) throws -> [JobNight]
}

// MARK: - The analysis joined into the listings

/// What the stored analysis says about one failed job, as the listings show it.
public struct FailureInsight: Hashable, Sendable {
    public var jobID: Int
    /// Text of the excerpt's key line; nil for an empty log.
    public var keyLine: String?
    public var cluster: ClusterID?
    /// The night the job's cluster was first seen: the failure is NEW when that is its own night.
    public var clusterFirstNight: String?

    public init(jobID: Int, keyLine: String?, cluster: ClusterID?, clusterFirstNight: String?) {
        self.jobID = jobID
        self.keyLine = keyLine
        self.cluster = cluster
        self.clusterFirstNight = clusterFirstNight
    }

    /// Whether the job's cluster was first seen on `night` (the job's night).
    public func isNew(on night: String) -> Bool { clusterFirstNight == night }
}

/// One failed job as the `failures` table shows it: the few fields of the job, its pipeline and
/// its project the table needs, and what the analysis stored for it. A listing of a month holds
/// tens of thousands of these, so it carries no more (`FailureRow` has the whole job and pipeline).
public struct FailureListing: Hashable, Sendable {
    public var jobID: Int
    public var projectID: Int
    public var name: String
    public var stage: String
    public var failureReason: String?
    public var allowFailure: Bool
    public var webURL: String
    public var night: String
    public var projectPath: String
    /// The pipeline's source (`schedule`, `push`…): whether it is a nightly.
    public var source: String
    /// Nil when the analysis has not seen the job (fetched without its trace, or not analysed yet).
    public var insight: FailureInsight?

    public init(
        jobID: Int, projectID: Int, name: String, stage: String, failureReason: String?, allowFailure: Bool,
        webURL: String, night: String, projectPath: String, source: String, insight: FailureInsight?
    ) {
        self.jobID = jobID
        self.projectID = projectID
        self.name = name
        self.stage = stage
        self.failureReason = failureReason
        self.allowFailure = allowFailure
        self.webURL = webURL
        self.night = night
        self.projectPath = projectPath
        self.source = source
        self.insight = insight
    }
}

/// Reads of the stored analysis sized for listings: a few indexed lookups per listed job, never a
/// trace. A job the analysis has not seen yet is simply absent from the answers.
public protocol AnalysisQueries: Sendable {
    /// The failures of these nights as `failures(nights:)` lists them (the same jobs, in the same
    /// order) with their insights, in one query; without the jobs allowed to fail unless
    /// `allowedToFail`.
    func failureListing(nights: Set<String>, allowedToFail: Bool) throws -> [FailureListing]
    /// The insights of those of these jobs that have an analysis.
    func insights(jobIDs: [Int]) throws -> [Int: FailureInsight]
    /// The texts of these jobs' excerpt lines, in log order (jobs without an analysis absent).
    func excerptTexts(jobIDs: [Int]) throws -> [Int: [String]]
    /// Cluster ids, the most recently seen first, at most `limit`.
    func clusterIDs(limit: Int) throws -> [String]
}

// MARK: - What changed

/// The latest attempt of one job of a pipeline, with its night: the history `streaks`,
/// `suspects` and `diff job` read.
public struct NightlyJobRow: Hashable, Sendable {
    public var job: Job
    public var pipeline: Pipeline
    public var night: String
    public var projectPath: String
    /// An earlier attempt of the job in the same pipeline failed (green only after a retry).
    public var retriedToGreen: Bool

    public init(job: Job, pipeline: Pipeline, night: String, projectPath: String, retriedToGreen: Bool) {
        self.job = job
        self.pipeline = pipeline
        self.night = night
        self.projectPath = projectPath
        self.retriedToGreen = retriedToGreen
    }
}

/// The cache queries of the "what changed" commands.
public protocol ChangesQueries: Sendable {
    /// Latest attempts of the jobs of pipelines of nights `fromNight...throughNight`, by night,
    /// pipeline id and job id ascending; optionally of one project and one job name.
    func nightlyJobs(fromNight: String, throughNight: String, projectID: Int?, name: String?) throws
        -> [NightlyJobRow]
}

/// The parsed dependency listings of cached traces (`TraceFacts`), kept so that `suspects` and
/// `diff job` read a listing instead of decompressing and parsing a trace on every call.
///
/// A listing is stored with the version of the reader that parsed it (`TraceFacts.readerVersion`);
/// a listing of another version counts as absent, so a better parser reads the traces again.
/// Listings are a cache of the traces: losing them loses nothing.
public protocol ListingStore: Sendable {
    /// False when the store keeps no listings (every reader parses the traces itself).
    var cachesListings: Bool { get }
    /// The stored facts of those of these jobs that have a listing of `reader`'s version.
    func listings(jobIDs: [Int], reader: Int) throws -> [Int: TraceFacts]
    /// Of these jobs, those that have a listing of `reader`'s version (nothing decoded).
    func listedJobs(jobIDs: [Int], reader: Int) throws -> Set<Int>
    /// Stores (replacing) the facts of jobs whose trace is cached, in one transaction.
    func storeListings(_ facts: [Int: TraceFacts], reader: Int) throws
    /// How many cached traces have no listing of `reader`'s version (0: nothing to back-fill).
    func unlistedTraceCount(reader: Int) throws -> Int
    /// Job ids of cached traces without a listing of `reader`'s version, newest job first, at most `limit`.
    func unlistedTraces(reader: Int, limit: Int) throws -> [Int]
}

/// What `suspects` found per night, remembered (`SuspectNights`). Every write of what they are
/// computed from (a sync's start, a pipeline, a trace, an analysis) forgets them all, so a
/// remembered night is never stale; `generation` tells apart the code and settings that computed it.
public protocol SuspectNightStore: Sendable {
    /// False when the store remembers nothing (every `suspects` computes again).
    var remembersSuspects: Bool { get }
    /// The remembered results (JSON) of these nights computed under `generation`, by night.
    func rememberedSuspects(nights: [String], generation: String) throws -> [String: String]
    /// Remembers results (JSON) by night, replacing what was there, in one transaction.
    func rememberSuspects(_ results: [String: String], generation: String) throws
}

/// GitLab's repository side: the commits between two revisions of a project.
public protocol CommitSource: Sendable {
    /// `GET /projects/:id/repository/compare?from=…&to=…`: the commits reachable from `to` and not
    /// from `from`, oldest first. Throws `RemoteError` (an unknown sha is `.notFound`).
    func compare(projectID: Int, from: String, to: String) async throws -> CommitRange
}

/// Commit ranges already fetched. Shas are immutable, so a cached range is never fetched again.
public protocol CommitRangeCache: Sendable {
    /// The cached range, nil when never fetched.
    func commitRange(projectID: Int, from: String, to: String) throws -> CommitRange?
    func storeCommitRange(_ range: CommitRange) throws
}

/// What `ChangesHistory` needs of one latest job attempt: a `NightlyJobRow` without the columns
/// the histories never read, so that a year of them decodes quickly.
public struct NightlyRunRow: Hashable, Sendable {
    public var night: String
    public var jobID: Int
    public var projectID: Int
    public var projectPath: String
    public var name: String
    public var status: Status
    public var allowFailure: Bool
    public var pipelineID: Int
    public var sha: String
    /// The pipeline's source (`schedule`, …).
    public var source: String
    /// An earlier attempt of the job in the same pipeline failed.
    public var retriedToGreen: Bool

    public init(
        night: String, jobID: Int, projectID: Int, projectPath: String, name: String, status: Status,
        allowFailure: Bool, pipelineID: Int, sha: String, source: String, retriedToGreen: Bool
    ) {
        self.night = night
        self.jobID = jobID
        self.projectID = projectID
        self.projectPath = projectPath
        self.name = name
        self.status = status
        self.allowFailure = allowFailure
        self.pipelineID = pipelineID
        self.sha = sha
        self.source = source
        self.retriedToGreen = retriedToGreen
    }

    public init(_ row: NightlyJobRow) {
        self.init(
            night: row.night, jobID: row.job.id, projectID: row.job.projectID, projectPath: row.projectPath,
            name: row.job.name, status: row.job.status, allowFailure: row.job.allowFailure,
            pipelineID: row.pipeline.id, sha: row.pipeline.sha, source: row.pipeline.source,
            retriedToGreen: row.retriedToGreen)
    }
}

/// The lean reads of `ChangesHistory.forPairs`: `ChangesQueries.nightlyJobs` without the columns
/// the histories never read.
public protocol NightlyRunQueries: Sendable {
    /// As `ChangesQueries.nightlyJobs`, lean, of every project.
    func nightlyRuns(fromNight: String, throughNight: String) throws -> [NightlyRunRow]
    /// As `nightlyRuns`, only the jobs of these keys (project id, job name).
    func nightlyRuns(fromNight: String, throughNight: String, keys: [(projectID: Int, name: String)]) throws
        -> [NightlyRunRow]
}

// MARK: - The ports, typed

/// Everything a cache of triage answers, as one type. `CachePorts(_:)` takes only a store of this
/// type, so a store that leaves a capability out fails to compile instead of failing at run time.
public typealias CompleteCache =
    CacheStore & AnalysisStore & ViewedFailureSource & IssueCache & ListingStore & SuspectNightStore
    & ChangesQueries & NightlyRunQueries & CommitRangeCache

/// The cache's capabilities, each a typed port: built once by the executable (or a benchmark, or a
/// test) and handed to the shell, the dashboard and the use cases, which never ask at run time
/// what a store can do.
///
/// `init(_:)` serves every port from one store. A port may be replaced by another implementation:
/// a benchmark's baseline uses `NoListings` and `NoSuspectMemory` to measure the cache without them.
public struct CachePorts: Sendable {
    /// Sync writes and the listing queries.
    public var store: any CacheStore
    public var analysis: any AnalysisStore
    public var viewedFailures: any ViewedFailureSource
    public var issues: any IssueCache
    public var listings: any ListingStore
    public var suspectNights: any SuspectNightStore
    public var changes: any ChangesQueries
    public var nightlyRuns: any NightlyRunQueries
    public var commitRanges: any CommitRangeCache

    /// Every port served by `cache`.
    public init(_ cache: some CompleteCache) {
        self.init(
            store: cache, analysis: cache, viewedFailures: cache, issues: cache, listings: cache,
            suspectNights: cache, changes: cache, nightlyRuns: cache, commitRanges: cache)
    }

    public init(
        store: any CacheStore, analysis: any AnalysisStore, viewedFailures: any ViewedFailureSource,
        issues: any IssueCache, listings: any ListingStore, suspectNights: any SuspectNightStore,
        changes: any ChangesQueries, nightlyRuns: any NightlyRunQueries, commitRanges: any CommitRangeCache
    ) {
        self.store = store
        self.analysis = analysis
        self.viewedFailures = viewedFailures
        self.issues = issues
        self.listings = listings
        self.suspectNights = suspectNights
        self.changes = changes
        self.nightlyRuns = nightlyRuns
        self.commitRanges = commitRanges
    }
}

/// A `ListingStore` that keeps nothing: every reader parses the traces itself (a benchmark's
/// baseline, a test's reference).
public struct NoListings: ListingStore {
    public init() {}
    public var cachesListings: Bool { false }
    public func listings(jobIDs: [Int], reader: Int) throws -> [Int: TraceFacts] { [:] }
    public func listedJobs(jobIDs: [Int], reader: Int) throws -> Set<Int> { [] }
    public func storeListings(_ facts: [Int: TraceFacts], reader: Int) throws {}
    public func unlistedTraceCount(reader: Int) throws -> Int { 0 }
    public func unlistedTraces(reader: Int, limit: Int) throws -> [Int] { [] }
}

/// A `SuspectNightStore` that remembers nothing: every `suspects` computes again (a benchmark's
/// baseline, a test's reference).
public struct NoSuspectMemory: SuspectNightStore {
    public init() {}
    public var remembersSuspects: Bool { false }
    public func rememberedSuspects(nights: [String], generation: String) throws -> [String: String] { [:] }
    public func rememberSuspects(_ results: [String: String], generation: String) throws {}
}

/// Everything of GitLab triage talks to, as one type (see `CompleteCache`).
public typealias CompleteGitLab = GitLabSource & IssueTracker & CommitSource

/// GitLab's capabilities, each a typed port, made by the executable for an instance and a token.
public struct GitLabPorts: Sendable {
    /// Projects, pipelines, jobs, traces and issues (sync).
    public var source: any GitLabSource
    /// One issue, notes on issues, the token's user (`assign`).
    public var issues: any IssueTracker
    /// Compared commit ranges (commit titles of `suspects` and `diff job`).
    public var commits: any CommitSource

    /// Every port served by `gitlab`.
    public init(_ gitlab: some CompleteGitLab) {
        self.init(source: gitlab, issues: gitlab, commits: gitlab)
    }

    public init(source: any GitLabSource, issues: any IssueTracker, commits: any CommitSource) {
        self.source = source
        self.issues = issues
        self.commits = commits
    }
}

/// What a dashboard export wrote: `Dashboard`'s export returns it, the shell reports it.
public struct DashboardExportSummary: Sendable, Hashable {
    public var files: Int
    public var bytes: Int
    public var projects: Int
    public var nights: Int
    public var clusters: Int
    /// Bytes the page loads before its first view (index, assets, overview, assignments).
    public var firstViewBytes: Int

    public init(files: Int, bytes: Int, projects: Int, nights: Int, clusters: Int, firstViewBytes: Int) {
        self.files = files
        self.bytes = bytes
        self.projects = projects
        self.nights = nights
        self.clusters = clusters
        self.firstViewBytes = firstViewBytes
    }
}
