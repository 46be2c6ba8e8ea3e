import Foundation
import LogAnalysis

/// What one `fetch` brings in and computes (`Fetch.run`).
public struct FetchOptions: Sendable {
    /// What the sync lists: scope, nights, pipeline source, units of work in flight.
    public var sync: SyncOptions
    /// The nightly's time zone: which night a pipeline belongs to.
    public var calendar: NightCalendar
    /// The workspace's nightly pipeline source (`schedule` by default; nil: every source). The
    /// steps after the sync (green traces, analysis, suspects) read the cache through it, as the
    /// listings do, whatever source `sync.source` brought in.
    public var nightlySource: String?
    /// The pattern library of the analysis (built-in and the workspace's own).
    public var patterns: PatternLibrary
    /// Green-run trace requests in flight (the workspace's `concurrency`).
    public var greenConcurrency: Int
    /// Nights looked back before the fetched ones for each failing job's last green run.
    public var lookback: Int

    public init(
        sync: SyncOptions, calendar: NightCalendar, nightlySource: String? = "schedule",
        patterns: PatternLibrary = .builtIn, greenConcurrency: Int = 16,
        lookback: Int = ChangesHistory.lookback
    ) {
        self.sync = sync
        self.calendar = calendar
        self.nightlySource = nightlySource
        self.patterns = patterns
        self.greenConcurrency = greenConcurrency
        self.lookback = lookback
    }
}

/// The effects `Fetch.run` works through, injected (the shell, the bench and the tests each build one).
public struct FetchPorts: Sendable {
    /// GitLab's sync side; every request it sends counts in `FetchReport.apiCalls`.
    public var source: any GitLabSource
    /// Opens the cache, the same ports on every call. Called first once GitLab has answered the
    /// first request (`Syncer.openStore`), so a wrong token or an unreachable host leaves no
    /// cache behind.
    public var cache: @Sendable () throws -> CachePorts
    /// `assignments.json`: read before an analysis upgrade (an unusable book stops the fetch
    /// before anything is re-analysed), written only when a re-analysis moves failures out of an
    /// assigned cluster.
    public var assignments: any AssignmentBook
    /// The clock: which night is last night.
    public var now: @Sendable () -> Date

    public init(
        source: any GitLabSource, cache: @escaping @Sendable () throws -> CachePorts,
        assignments: any AssignmentBook, now: @escaping @Sendable () -> Date
    ) {
        self.source = source
        self.cache = cache
        self.assignments = assignments
        self.now = now
    }
}

/// What `Fetch.run` reports while it runs, in this order; each step's event comes when it is done.
public enum FetchEvent: Sendable {
    /// The sync's progress, after each unit of work (the progress line).
    case syncing(SyncProgress)
    /// The sync is done; no progress comes after it.
    case synced(SyncReport)
    /// The green traces are fetched and the dependency listings of unlisted traces read.
    case greenTraces(GreenTraces.Report, listingsRead: Int)
    /// The new failures are analysed (or the whole cache, after an upgrade); `report.skipped`
    /// are failed jobs without a cached trace, retried by the next fetch.
    case analysed(AnalysisReport, assignmentsKept: Int)
    /// `suspects` of the fetched nights are computed and remembered.
    case suspectsRemembered(nights: Int)
    /// The issues are fetched; `skipped` are projects whose issues GitLab refused, with why.
    case issues(updated: Int, skipped: [String])
}

/// What a whole `fetch` did.
public struct FetchReport: Sendable, Hashable {
    public var sync: SyncReport
    public var greenTraces: GreenTraces.Report
    /// Traces whose dependency listing was read (`TraceListings.fill`).
    public var listingsRead: Int
    public var analysis: AnalysisReport
    /// Which founded clusters are news (`FetchNews`).
    public var news: FetchNews
    /// Failures that left an assigned cluster and keep its issue as their own assignment.
    public var assignmentsKept: Int
    /// Nights whose `suspects` were computed or found remembered.
    public var suspectNights: Int
    /// Issues new or changed (not those the listing brought back unchanged).
    public var issuesUpdated: Int
    /// Issues the cache holds after the fetch.
    public var issuesCached: Int
    /// Projects whose issues GitLab refused (403/404), with why.
    public var issuesSkipped: [String]
    /// HTTP requests of the whole fetch (sync, green traces, issues), retries included.
    public var apiCalls: Int

    public init(
        sync: SyncReport, greenTraces: GreenTraces.Report, listingsRead: Int, analysis: AnalysisReport,
        news: FetchNews, assignmentsKept: Int, suspectNights: Int, issuesUpdated: Int, issuesCached: Int,
        issuesSkipped: [String], apiCalls: Int
    ) {
        self.sync = sync
        self.greenTraces = greenTraces
        self.listingsRead = listingsRead
        self.analysis = analysis
        self.news = news
        self.assignmentsKept = assignmentsKept
        self.suspectNights = suspectNights
        self.issuesUpdated = issuesUpdated
        self.issuesCached = issuesCached
        self.issuesSkipped = issuesSkipped
        self.apiCalls = apiCalls
    }
}

/// The `fetch` use case, the one function `triage fetch`, `triage-bench fetch` and the tests run:
/// sync (DESIGN §4), then the traces of failing jobs' last green runs and the dependency listings,
/// the analysis (incremental, or of the whole cache after an upgrade), `suspects` of the fetched
/// nights remembered, and the issues of the cached projects (fetched beside the three steps
/// before, which do not need them).
public enum Fetch {
    /// Runs one fetch. Throws the first remote or store error and `CancellationError` when
    /// canceled, at any step; the cache stays consistent and the next run continues from what it
    /// holds (each step is incremental and resumable on its own).
    public static func run(
        _ ports: FetchPorts, _ options: FetchOptions,
        progress: @escaping @Sendable (FetchEvent) -> Void = { _ in }
    ) async throws -> FetchReport {
        let source = ports.source
        let callsBefore = source.requestCount
        let calendar = options.calendar
        let syncer = Syncer(
            source: source, store: { try ports.cache().store }, calendar: calendar, now: ports.now)
        let sync = try await syncer.run(options.sync) { progress(.syncing($0)) }
        progress(.synced(sync))
        let cache = try ports.cache()

        // The issues need only the synced projects: fetched while the green traces, the analysis
        // and the suspects run, so the analysis' and the suspects' seconds are not spent with
        // nothing in flight. As many in flight as the sync had (the workspace's `concurrency`;
        // the client's limiter bounds both steps' requests together): one request per project.
        let projects = try cache.store.projects()
        async let issuesSynced = syncIssues(
            projects: projects, source: source, cache: cache.issues, store: cache.store,
            concurrency: options.sync.concurrency)

        let green = try await GreenTraces.run(
            source: source, store: cache.store, queries: cache.changes, calendar: calendar, now: ports.now(),
            nights: options.sync.nights, pipelineSource: options.nightlySource, lookback: options.lookback,
            concurrency: options.greenConcurrency)
        // Parsed once here, so that `suspects` and `diff job` read listings instead of traces.
        let listed = try TraceListings.fill(cache: cache)
        progress(.greenTraces(green, listingsRead: listed))

        let analyzer = Analyzer(
            cache: cache.store, store: cache.analysis,
            options: AnalysisOptions(patterns: options.patterns, nightlySource: options.nightlySource))
        // An upgrade may move failures out of assigned clusters: an assignments.json that cannot be
        // read stops the fetch before anything is re-analysed, not after.
        if try analyzer.pendingUpgrade() != nil { _ = try ports.assignments.read() }
        let analysis = try analyzer.analyseOrUpgrade()
        let kept = try analysis.keepAssignments(in: ports.assignments, cache: cache)
        let news = FetchNews(
            report: analysis, newestNightBefore: sync.newestNightBefore, nights: try cache.store.nights())
        progress(.analysed(analysis, assignmentsKept: kept))

        let nights = calendar.nights(
            endingAt: calendar.lastNight(now: ports.now()), count: options.sync.nights)
        let suspects = try SuspectNights.results(nights: nights, cache: cache, source: options.nightlySource)
        {
            try ChangesHistory.forPairs(
                queries: cache.nightlyRuns, calendar: calendar, first: $0, last: $1,
                source: options.nightlySource,
                lookback: options.lookback)
        }
        progress(.suspectsRemembered(nights: suspects.count))

        let (updated, skipped) = try await issuesSynced
        let cached = try cache.issues.issueCount()
        progress(.issues(updated: updated, skipped: skipped))

        return FetchReport(
            sync: sync, greenTraces: green, listingsRead: listed, analysis: analysis, news: news,
            assignmentsKept: kept, suspectNights: suspects.count, issuesUpdated: updated,
            issuesCached: cached,
            issuesSkipped: skipped, apiCalls: source.requestCount - callsBefore)
    }
}

extension AnalysisReport {
    /// After this re-analysis (`strayed`): the failures that left an assigned cluster keep its
    /// issue as their own assignment (`Assignments.keepCovering(strayed:note:failure:)`), so no
    /// triage decision is lost. Reads `book` only when some failure strayed, and writes it only when one
    /// of them has no assignment of its own. Returns how many assignments were added.
    public func keepAssignments(in book: any AssignmentBook, cache: CachePorts) throws -> Int {
        let report = self
        guard !report.strayed.isEmpty else { return 0 }
        let current = try book.read()
        let concerned = current.clusters.contains { shared in
            ClusterID(rawValue: shared.cluster).flatMap { report.strayed[$0] }?.contains {
                current.assignment(job: $0) == nil
            }
                ?? false
        }
        guard concerned else { return 0 }
        let note =
            report.upgradedFrom.map {
                "kept from its cluster when the analysis was upgraded from v\($0) to v\(AnalysisVersion.current)"
            }
            ?? "kept from its cluster when the failures were reclustered"
        let added = try book.update { assignments in
            try assignments.keepCovering(strayed: report.strayed, note: note) { jobID in
                guard let analysis = try cache.analysis.analysis(jobID: jobID),
                    let job = try cache.store.job(id: jobID)
                else {
                    return nil
                }
                return (analysis.projectPath, job.pipelineID, analysis.night, analysis.cluster)
            }
        }
        return added.count
    }
}
