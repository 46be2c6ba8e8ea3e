import Foundation
import LogAnalysis

/// An analysis run as `fetch`, `recluster` and `analyse` answer it under `analysis`: what was
/// analysed, the clusters, which are new, what an upgrade kept, and the assignments that moved.
public struct AnalysisReportRecord: Sendable, Hashable, Encodable {
    public var report: AnalysisReport
    /// Failures that left an assigned cluster and kept its issue as their own assignment.
    public var assignmentsKept: Int
    /// After a fetch, which founded clusters are new (nil: every founded cluster is).
    public var news: FetchNews?

    public init(_ report: AnalysisReport, assignmentsKept: Int = 0, news: FetchNews? = nil) {
        self.report = report
        self.assignmentsKept = assignmentsKept
        self.news = news
    }

    /// New clusters: those of `news`, or every founded cluster.
    public var new: Int { news?.newClusters.count ?? report.founded.count }

    enum CodingKeys: String, CodingKey {
        case analysed, clusters, new, founded, kept, skipped, version
        case firstFetch = "first_fetch"
        case upgradedFrom = "upgraded_from"
        case previousClusters = "previous_clusters"
        case withGreen = "with_green"
        case assignmentsKept = "assignments_kept"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(report.analysed, forKey: .analysed)
        try c.encode(report.clusters, forKey: .clusters)
        try c.encode(new, forKey: .new)
        try c.encode(report.founded.count, forKey: .founded)
        try c.encode(news?.firstFetch ?? false, forKey: .firstFetch)
        try c.encode(report.kept, forKey: .kept)
        try c.encode(report.skipped, forKey: .skipped)
        try c.encode(AnalysisVersion.current, forKey: .version)
        try c.encode(report.upgradedFrom, forKey: .upgradedFrom)
        try c.encode(report.previousClusters, forKey: .previousClusters)
        try c.encode(report.withGreen, forKey: .withGreen)
        try c.encode(assignmentsKept, forKey: .assignmentsKept)
    }
}

/// The green traces a fetch wanted and got (`green_traces`), and the dependency listings it read.
public struct GreenTracesRecord: Sendable, Hashable, Encodable {
    public var report: GreenTraces.Report
    public var listingsRead: Int

    public init(_ report: GreenTraces.Report, listingsRead: Int) {
        self.report = report
        self.listingsRead = listingsRead
    }

    enum CodingKeys: String, CodingKey {
        case wanted, fetched, bytes, failed, deferred
        case listingsRead = "listings_read"
        case alreadyCached = "already_cached"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(report.wanted, forKey: .wanted)
        try c.encode(report.fetched, forKey: .fetched)
        try c.encode(report.bytes, forKey: .bytes)
        try c.encode(report.failed, forKey: .failed)
        try c.encode(report.deferred, forKey: .deferred)
        try c.encode(listingsRead, forKey: .listingsRead)
        try c.encode(report.alreadyCached, forKey: .alreadyCached)
    }
}

/// `fetch --format json`: what was synced, the green traces, the analysis and the issues refreshed.
public struct FetchReportRecord: Sendable, Encodable {
    public var report: FetchReport

    public init(_ report: FetchReport) { self.report = report }

    enum CodingKeys: String, CodingKey {
        case analysis, issues, projects, jobs, traces, skipped
        case greenTraces = "green_traces"
        case pipelinesSeen = "pipelines_seen"
        case pipelinesSynced = "pipelines_synced"
        case traceBytes = "trace_bytes"
        case apiCalls = "api_calls"
    }

    enum IssuesKeys: String, CodingKey { case updated, cached }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let r = report
        try c.encode(
            AnalysisReportRecord(r.analysis, assignmentsKept: r.assignmentsKept, news: r.news),
            forKey: .analysis)
        var issues = c.nestedContainer(keyedBy: IssuesKeys.self, forKey: .issues)
        try issues.encode(r.issuesUpdated, forKey: .updated)
        try issues.encode(r.issuesCached, forKey: .cached)
        try c.encode(GreenTracesRecord(r.greenTraces, listingsRead: r.listingsRead), forKey: .greenTraces)
        try c.encode(r.sync.projects, forKey: .projects)
        try c.encode(r.sync.pipelinesSeen, forKey: .pipelinesSeen)
        try c.encode(r.sync.pipelinesSynced, forKey: .pipelinesSynced)
        try c.encode(r.sync.jobs, forKey: .jobs)
        try c.encode(r.sync.traces, forKey: .traces)
        try c.encode(r.sync.traceBytes, forKey: .traceBytes)
        try c.encode(r.apiCalls, forKey: .apiCalls)
        try c.encode(r.sync.skipped, forKey: .skipped)
    }
}

/// `status --format json`: what the cache holds, and its last sync (`null`: never synced; an
/// unfinished sync's outcome is `interrupted`).
public struct CacheStatusRecord: Sendable, Hashable, Encodable {
    public var summary: CacheSummary

    public init(_ summary: CacheSummary) { self.summary = summary }

    /// A sync still marked running was cut short: no sync runs while `status` reads the cache.
    public static func outcome(_ sync: SyncRecord) -> String {
        sync.outcome == "running" ? "interrupted" : sync.outcome
    }

    enum CodingKeys: String, CodingKey {
        case projects, pipelines, jobs, traces, issues, nights
        case retriedJobs = "retried_jobs"
        case traceBytes = "trace_bytes"
        case traceStoredBytes = "trace_stored_bytes"
        case firstNight = "first_night"
        case lastNight = "last_night"
        case lastSync = "last_sync"
    }

    enum SyncKeys: String, CodingKey {
        case outcome, pipelines, traces
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case apiCalls = "api_calls"
        case traceBytes = "trace_bytes"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let s = summary
        try c.encode(s.projects, forKey: .projects)
        try c.encode(s.pipelinesByStatus, forKey: .pipelines)
        try c.encode(s.jobs, forKey: .jobs)
        try c.encode(s.retriedJobs, forKey: .retriedJobs)
        try c.encode(s.traces, forKey: .traces)
        try c.encode(s.traceBytes, forKey: .traceBytes)
        try c.encode(s.traceStoredBytes, forKey: .traceStoredBytes)
        try c.encode(s.issues, forKey: .issues)
        try c.encode(s.nights, forKey: .nights)
        try c.encode(s.firstNight, forKey: .firstNight)
        try c.encode(s.lastNight, forKey: .lastNight)
        guard let sync = s.lastSync else { return try c.encodeNil(forKey: .lastSync) }
        let iso = ISO8601DateFormatter()
        var k = c.nestedContainer(keyedBy: SyncKeys.self, forKey: .lastSync)
        try k.encode(iso.string(from: sync.startedAt), forKey: .startedAt)
        try k.encode(sync.finishedAt.map { iso.string(from: $0) }, forKey: .finishedAt)
        try k.encode(Self.outcome(sync), forKey: .outcome)
        try k.encode(sync.apiCalls, forKey: .apiCalls)
        try k.encode(sync.pipelines, forKey: .pipelines)
        try k.encode(sync.traces, forKey: .traces)
        try k.encode(sync.traceBytes, forKey: .traceBytes)
    }
}
