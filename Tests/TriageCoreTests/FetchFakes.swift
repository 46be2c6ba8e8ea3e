import Foundation
import LogAnalysis
import Synchronization
import TriageCore

/// A GitLab in memory behind the sync port (`GitLabSource`): an organisation set up by the test,
/// every request logged (`"jobs 11"`, `"trace 1101"`), and failures injected per trace.
final class FakeGitLab: GitLabSource {
    struct State {
        var projects: [Project] = []
        var pipelines: [Int: [Pipeline]] = [:]
        var jobs: [Int: [Job]] = [:]
        var traces: [Int: Data] = [:]
        var issues: [Int: [Issue]] = [:]
        /// Projects whose issue listing answers 403.
        var issuesForbidden: Set<Int> = []
        /// Jobs whose trace answers 500 (after the client's retries, as it would throw).
        var failingTraces: Set<Int> = []
        /// Jobs whose trace is answered (and logged) only once an issue listing was asked, or
        /// after 5 s: what a fetch asks meanwhile shows what it keeps in flight together.
        var tracesAfterIssues: Set<Int> = []
        var log: [String] = []
    }
    let state = Mutex(State())

    var requestCount: Int { state.withLock { $0.log.count } }
    var log: [String] { state.withLock { $0.log } }

    private func logged(_ request: String) { state.withLock { $0.log.append(request) } }

    func projects(in scope: ProjectScope) async throws -> [Project] {
        logged("projects")
        return state.withLock { $0.projects.filter { !$0.archived } }
    }

    func pipelines(projectID: Int, source: String?, updatedAfter: Date?, createdAfter: Date?) async throws
        -> [Pipeline]
    {
        logged("pipelines \(projectID)")
        return state.withLock { s in
            (s.pipelines[projectID] ?? []).filter { p in
                (source == nil || p.source == source) && updatedAfter.map { p.updatedAt >= $0 } != false
                    && createdAfter.map { p.createdAt >= $0 } != false
            }
            .sorted { $0.id > $1.id }
        }
    }

    func jobs(projectID: Int, pipelineID: Int) async throws -> [Job] {
        logged("jobs \(pipelineID)")
        return state.withLock { $0.jobs[pipelineID] ?? [] }
    }

    func trace(projectID: Int, jobID: Int) async throws -> Data {
        if state.withLock({ $0.tracesAfterIssues.contains(jobID) }) {
            let deadline = ContinuousClock.now + .seconds(5)
            while ContinuousClock.now < deadline,
                !state.withLock({ $0.log.contains { $0.hasPrefix("issues ") } })
            {
                try await Task.sleep(for: .milliseconds(2))
            }
        }
        logged("trace \(jobID)")
        let (data, fails) = state.withLock { ($0.traces[jobID], $0.failingTraces.contains(jobID)) }
        if fails {
            throw RemoteError(
                kind: .server, method: "GET",
                url: "https://g/api/v4/projects/\(projectID)/jobs/\(jobID)/trace",
                status: 500)
        }
        guard let data else {
            throw RemoteError(kind: .notFound, method: "GET", url: "trace \(jobID)", status: 404)
        }
        return data
    }

    func issues(projectID: Int, updatedAfter: Date?) async throws -> [Issue] {
        logged("issues \(projectID)")
        let (issues, forbidden) = state.withLock {
            ($0.issues[projectID] ?? [], $0.issuesForbidden.contains(projectID))
        }
        if forbidden {
            throw RemoteError(
                kind: .forbidden, method: "GET", url: "https://g/api/v4/projects/\(projectID)/issues",
                status: 403,
                message: "403 Forbidden")
        }
        // GitLab's updated_after is inclusive.
        return issues.filter { issue in updatedAfter.map { issue.updatedAt >= $0 } != false }
    }
}

/// A cache in memory serving every port (`CompleteCache`), answering as the SQLite store does
/// for what a fetch reads and writes. The listing queries a fetch never asks answer empty and
/// are recorded in `unexpected`, so a test also sees that a fetch stays off them.
final class InMemoryCache: CompleteCache {
    struct State {
        var projects: [Int: Project] = [:]
        var pipelines: [Int: (pipeline: Pipeline, night: String)] = [:]
        var jobs: [Int: [Job]] = [:]
        var synced: [Int: Date] = [:]
        var traces: [Int: Data] = [:]
        var watermarks: [Int: Date] = [:]
        var issues: [Int: Issue] = [:]
        var syncs: [SyncRecord] = []
        var analyses: [Int: FailureAnalysis] = [:]
        var clusters: [ClusterID: ClusterState] = [:]
        var alternating: Set<ClusterID> = []
        var suspects: [String: [String: String]] = [:]
        var unexpected: [String] = []
    }
    let state = Mutex(State())

    func read<T>(_ body: (State) -> T) -> T { state.withLock { body($0) } }

    private func unexpected<T>(_ answer: T, _ name: String = #function) -> T {
        state.withLock { $0.unexpected.append(name) }
        return answer
    }

    private func job(_ id: Int, in s: State) -> Job? {
        s.jobs.values.lazy.flatMap { $0 }.first { $0.id == id }
    }

    // MARK: Sync

    func upsertProjects(_ projects: [Project]) throws {
        state.withLock { s in for p in projects { s.projects[p.id] = p } }
    }
    func syncedPipelines(projectID: Int) throws -> [Int: Date] {
        state.withLock { s in s.synced.filter { s.pipelines[$0.key]?.pipeline.projectID == projectID } }
    }
    func storedTraces(jobIDs: [Int]) throws -> Set<Int> {
        state.withLock { s in Set(jobIDs.filter { s.traces[$0] != nil }) }
    }
    func storeTrace(jobID: Int, data: Data) throws {
        state.withLock {
            $0.traces[jobID] = data
            $0.suspects = [:]
        }
    }
    func storePipeline(_ pipeline: Pipeline, night: String, jobs: [Job]) throws {
        state.withLock {
            $0.pipelines[pipeline.id] = (pipeline, night)
            $0.jobs[pipeline.id] = jobs
            $0.synced[pipeline.id] = pipeline.updatedAt
            $0.suspects = [:]
        }
    }
    func watermark(projectID: Int) throws -> Date? { state.withLock { $0.watermarks[projectID] } }
    func setWatermark(projectID: Int, _ date: Date) throws {
        state.withLock { $0.watermarks[projectID] = date }
    }
    func upsertIssues(_ issues: [Issue]) throws {
        state.withLock { s in for i in issues { s.issues[i.id] = i } }
    }
    func beginSync(_ record: SyncRecord) throws -> Int64 {
        state.withLock {
            $0.syncs.append(record)
            $0.suspects = [:]
            return Int64($0.syncs.count - 1)
        }
    }
    func finishSync(id: Int64, _ record: SyncRecord) throws { state.withLock { $0.syncs[Int(id)] = record } }

    // MARK: Queries a fetch reads

    func projects() throws -> [Project] { read { $0.projects.values.sorted { $0.path < $1.path } } }
    func job(id: Int) throws -> Job? { read { job(id, in: $0) } }
    func trace(jobID: Int) throws -> Data? { read { $0.traces[jobID] } }
    func nights() throws -> [String] { read { Set($0.pipelines.values.map(\.night)).sorted() } }
    func nightBounds() throws -> (first: String, last: String)? {
        let nights = try nights()
        guard let first = nights.first, let last = nights.last else { return nil }
        return (first, last)
    }
    func project(id: Int) throws -> Project? { read { $0.projects[id] } }
    func projects(path: String) throws -> [Project] { read { $0.projects.values.filter { $0.path == path } } }
    func pipeline(id: Int) throws -> (pipeline: Pipeline, night: String)? { read { $0.pipelines[id] } }
    func jobs(pipelineID: Int) throws -> [Job] {
        read { ($0.jobs[pipelineID] ?? []).sorted { $0.id < $1.id } }
    }
    func pipelines(nights: Set<String>?) throws -> [(pipeline: Pipeline, night: String)] {
        read { s in
            s.pipelines.values.filter { nights?.contains($0.night) ?? true }
                .sorted { ($1.night, $0.pipeline.id) < ($0.night, $1.pipeline.id) }
        }
    }

    // MARK: Queries a fetch never asks

    func summary() throws -> CacheSummary { unexpected(CacheSummary()) }
    func lastSync() throws -> SyncRecord? { unexpected(nil) }
    func failures(nights: Set<String>) throws -> [FailureRow] { unexpected([]) }
    func failureListing(nights: Set<String>, allowedToFail: Bool) throws -> [FailureListing] {
        unexpected([])
    }
    func pipelineRows(nights: Set<String>, projectID: Int?) throws -> [PipelineRow] { unexpected([]) }
    func pipelineRows(projectID: Int, fromNight night: String) throws -> [PipelineRow] { unexpected([]) }
    func lastFailedNights(source: String?) throws -> [Int: String] { unexpected([:]) }
    func jobHistory(projectID: Int, name: String, nights: Set<String>) throws -> [JobNight] { unexpected([]) }
    func excerptTexts(jobIDs: [Int]) throws -> [Int: [String]] { unexpected([:]) }
    func clusterIDs(limit: Int) throws -> [String] { unexpected([]) }
    func viewedFailures(nights: Set<String>) throws -> [ViewedFailure] { unexpected([]) }
    func commitRange(projectID: Int, from: String, to: String) throws -> CommitRange? { unexpected(nil) }
    func storeCommitRange(_ range: CommitRange) throws { unexpected(()) }

    // MARK: Analysis

    func insights(jobIDs: [Int]) throws -> [Int: FailureInsight] {
        read { s in
            var out: [Int: FailureInsight] = [:]
            for id in jobIDs {
                guard let a = s.analyses[id] else { continue }
                out[id] = FailureInsight(
                    jobID: id, keyLine: a.keyLine, cluster: a.cluster,
                    clusterFirstNight: a.cluster.flatMap { s.clusters[$0]?.firstNight })
            }
            return out
        }
    }

    private func candidates(_ s: State, unanalysedOnly: Bool) -> [AnalysisCandidate] {
        var out: [(String, AnalysisCandidate)] = []
        for (pipelineID, jobs) in s.jobs {
            guard let (pipeline, night) = s.pipelines[pipelineID] else { continue }
            let project = s.projects[pipeline.projectID]
            for j in jobs where j.status == .failed && !(unanalysedOnly && s.analyses[j.id] != nil) {
                let retriedGreen = jobs.contains {
                    $0.name == j.name && $0.id > j.id && $0.status == .success
                }
                out.append(
                    (
                        night,
                        AnalysisCandidate(
                            jobID: j.id, projectPath: project?.path ?? String(pipeline.projectID),
                            night: night,
                            jobName: j.name, retriedGreen: retriedGreen, hasTrace: s.traces[j.id] != nil,
                            projectName: project?.name, projectWebURL: project?.webURL)
                    ))
            }
        }
        return out.sorted { ($0.0, $0.1.jobID) < ($1.0, $1.1.jobID) }.map(\.1)
    }

    func unanalysedFailures() throws -> [AnalysisCandidate] { read { candidates($0, unanalysedOnly: true) } }
    func allFailureCandidates() throws -> [AnalysisCandidate] {
        read { candidates($0, unanalysedOnly: false) }
    }
    func saveAnalyses(_ analyses: [FailureAnalysis], clusters: [ClusterState]) throws {
        state.withLock { s in
            for a in analyses { s.analyses[a.jobID] = a }
            for c in clusters { s.clusters[c.id] = c }
            s.suspects = [:]
        }
    }
    func replaceAllAnalyses(_ analyses: [FailureAnalysis], clusters: [ClusterState]) throws {
        state.withLock { s in
            s.analyses = [:]
            s.clusters = [:]
            s.alternating = []
        }
        try saveAnalyses(analyses, clusters: clusters)
    }
    func clusterStates() throws -> [ClusterState] { read { $0.clusters.values.sorted { $0.id < $1.id } } }
    func clusterHeads(ids: Set<ClusterID>) throws -> [ClusterState] {
        try clusterStates().filter { ids.contains($0.id) }
    }
    /// None kept: a listing over this cache computes each title from the members, as it does
    /// when a kept title does not hold for its range.
    func keptTitles(ids: Set<ClusterID>) throws -> [ClusterID: KeptClusterTitle] { [:] }
    func analyses(nights: Set<String>?, parts: AnalysisParts) throws -> [FailureAnalysis] {
        read { s in
            s.analyses.values.filter { nights?.contains($0.night) ?? true }
                .sorted { ($0.night, $0.jobID) < ($1.night, $1.jobID) }
        }
    }
    func analysis(jobID: Int) throws -> FailureAnalysis? { read { $0.analyses[jobID] } }
    func analyses(cluster: ClusterID) throws -> [FailureAnalysis] {
        try analyses(nights: nil, parts: .all).filter { $0.cluster == cluster }
    }
    func nightlyRecord(pipelineSource: String?) throws -> (red: [ClusteredNight], green: [GreenNight]) {
        read { s in
            var red: [ClusteredNight] = []
            var green: [GreenNight] = []
            for (pipelineID, jobs) in s.jobs {
                guard let (pipeline, night) = s.pipelines[pipelineID],
                    pipelineSource == nil || pipeline.source == pipelineSource
                else { continue }
                for j in jobs {
                    if let cluster = s.analyses[j.id]?.cluster {
                        red.append(
                            ClusteredNight(
                                cluster: cluster, projectID: j.projectID, jobName: j.name, night: night))
                    } else if j.status == .success, !j.retried {
                        green.append(GreenNight(projectID: j.projectID, jobName: j.name, night: night))
                    }
                }
            }
            return (red, green)
        }
    }
    func setAlternatingClusters(_ ids: Set<ClusterID>) throws { state.withLock { $0.alternating = ids } }
    func alternatingClusters() throws -> Set<ClusterID> { read { $0.alternating } }
    func flakyClusters(among ids: Set<ClusterID>?) throws -> FlakyClusters {
        read { s in
            let flaky = FlakyClusters(
                alternating: s.alternating,
                retriedGreen: Set(s.analyses.values.filter(\.retriedGreen).compactMap(\.cluster)))
            guard let ids else { return flaky }
            return FlakyClusters(
                alternating: flaky.alternating.intersection(ids),
                retriedGreen: flaky.retriedGreen.intersection(ids))
        }
    }
    func tracedGreenJobs() throws -> [TracedJob] {
        read { s in
            s.jobs.flatMap { pipelineID, jobs -> [TracedJob] in
                guard let (pipeline, night) = s.pipelines[pipelineID] else { return [] }
                let path = s.projects[pipeline.projectID]?.path ?? String(pipeline.projectID)
                return jobs.filter { $0.status == .success && s.traces[$0.id] != nil }.map {
                    TracedJob(jobID: $0.id, projectPath: path, night: night, jobName: $0.name)
                }
            }
            .sorted { ($0.night, $0.jobID) < ($1.night, $1.jobID) }
        }
    }
    func analysisVersions() throws -> [Int: Int] {
        read { s in Dictionary(s.analyses.values.map { ($0.version, 1) }, uniquingKeysWith: +) }
    }

    // MARK: Issues

    func issues() throws -> [Issue] {
        read { $0.issues.values.sorted { ($0.projectID, $0.iid) < ($1.projectID, $1.iid) } }
    }
    func issueWatermarks() throws -> [Int: Date] {
        read { s in Dictionary(s.issues.values.map { ($0.projectID, $0.updatedAt) }, uniquingKeysWith: max) }
    }
    func issues(ids: [Int]) throws -> [Issue] { read { s in ids.compactMap { s.issues[$0] } } }
    func issueCount() throws -> Int { read { $0.issues.count } }

    // MARK: Listings (none kept: readers parse the traces) and remembered suspects

    var cachesListings: Bool { false }
    func listings(jobIDs: [Int], reader: Int) throws -> [Int: TraceFacts] { [:] }
    func listedJobs(jobIDs: [Int], reader: Int) throws -> Set<Int> { [] }
    func storeListings(_ facts: [Int: TraceFacts], reader: Int) throws {}
    func unlistedTraceCount(reader: Int) throws -> Int { 0 }
    func unlistedTraces(reader: Int, limit: Int) throws -> [Int] { [] }

    var remembersSuspects: Bool { true }
    func rememberedSuspects(nights: [String], generation: String) throws -> [String: String] {
        read { s in (s.suspects[generation] ?? [:]).filter { nights.contains($0.key) } }
    }
    func rememberSuspects(_ results: [String: String], generation: String) throws {
        state.withLock { s in s.suspects[generation, default: [:]].merge(results) { _, new in new } }
    }

    // MARK: Nightly runs (what changed)

    func nightlyJobs(fromNight: String, throughNight: String, projectID: Int?, name: String?) throws
        -> [NightlyJobRow]
    {
        read { s in
            var rows: [NightlyJobRow] = []
            for (pipelineID, jobs) in s.jobs {
                guard let (pipeline, night) = s.pipelines[pipelineID], night >= fromNight,
                    night <= throughNight,
                    projectID == nil || pipeline.projectID == projectID
                else { continue }
                let path = s.projects[pipeline.projectID]?.path ?? String(pipeline.projectID)
                for j in jobs where !j.retried && (name == nil || j.name == name) {
                    let retriedToGreen = jobs.contains {
                        $0.name == j.name && $0.id < j.id && $0.status == .failed
                    }
                    rows.append(
                        NightlyJobRow(
                            job: j, pipeline: pipeline, night: night, projectPath: path,
                            retriedToGreen: retriedToGreen))
                }
            }
            return rows.sorted {
                ($0.night, $0.pipeline.id, $0.job.id) < ($1.night, $1.pipeline.id, $1.job.id)
            }
        }
    }

    func nightlyRuns(fromNight: String, throughNight: String) throws -> [NightlyRunRow] {
        try nightlyJobs(fromNight: fromNight, throughNight: throughNight, projectID: nil, name: nil)
            .map(NightlyRunRow.init)
    }

    func nightlyRuns(fromNight: String, throughNight: String, keys: [(projectID: Int, name: String)]) throws
        -> [NightlyRunRow]
    {
        let wanted = Set(keys.map { "\($0.projectID) \($0.name)" })
        return try nightlyRuns(fromNight: fromNight, throughNight: throughNight).filter {
            wanted.contains("\($0.projectID) \($0.name)")
        }
    }
}

/// An `assignments.json` in memory.
final class InMemoryBook: AssignmentBook {
    let contents = Mutex(Assignments())
    func read() throws -> Assignments { contents.withLock { $0 } }
    func update<T>(_ change: (inout Assignments) throws -> T) throws -> T {
        try contents.withLock { try change(&$0) }
    }
}
