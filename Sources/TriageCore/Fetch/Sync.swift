import Foundation

/// What `fetch` brings into the cache.
public struct SyncOptions: Sendable, Hashable {
    public var scope: ProjectScope
    /// How many nights back, counting last night.
    public var nights: Int
    /// Pipeline source to keep (`schedule`); nil keeps every source.
    public var source: String?
    /// Units of work (pipeline listings, pipelines) in progress at once. The client bounds
    /// HTTP requests in flight on its own; this keeps it fed.
    public var concurrency: Int

    public init(scope: ProjectScope, nights: Int = 30, source: String? = "schedule", concurrency: Int = 16) {
        self.scope = scope
        self.nights = nights
        self.source = source
        self.concurrency = concurrency
    }
}

/// Where a running sync is, for the progress line.
public struct SyncProgress: Sendable, Hashable {
    public var apiCalls = 0
    public var projectsListed = 0
    public var projectsTotal = 0
    public var pipelinesDone = 0
    public var pipelinesTotal = 0
    public var traces = 0
    public var traceBytes = 0
    /// Estimated seconds left, once there is enough to estimate from.
    public var etaSeconds: Double?

    public init() {}
}

/// What a finished sync did.
public struct SyncReport: Sendable, Hashable {
    public var projects = 0
    public var pipelinesSeen = 0
    public var pipelinesSynced = 0
    public var jobs = 0
    public var traces = 0
    public var traceBytes = 0
    public var apiCalls = 0
    /// The newest night the cache held before this sync; nil when it held none (a first fetch).
    public var newestNightBefore: String?
    /// Projects skipped because GitLab refused their pipelines (403/404), with the reason.
    public var skipped: [String] = []

    public init() {}
}

/// The sync use case (DESIGN §4): projects, then per project the nightly pipelines updated
/// since the last sync, per new or changed pipeline its jobs (retried attempts included) and
/// the traces of its failed jobs.
///
/// Resumability rests on the order of writes: a trace is stored as soon as it arrives; a
/// pipeline and all its jobs are stored in one transaction only after its traces; a project's
/// watermark moves only after all of its pipelines are stored. Whatever instant the process
/// dies at, the next run re-lists what is not marked done and skips what is (finished traces
/// are never fetched twice).
public struct Syncer: Sendable {
    public let source: any GitLabSource
    /// Opens the cache; called only once GitLab has answered the first request, so a wrong
    /// token or an unreachable host leaves no trace in the workspace.
    public let openStore: @Sendable () throws -> any CacheStore
    public let calendar: NightCalendar
    public let now: @Sendable () -> Date

    public init(
        source: any GitLabSource, store openStore: @escaping @Sendable () throws -> any CacheStore,
        calendar: NightCalendar, now: @escaping @Sendable () -> Date
    ) {
        self.source = source
        self.openStore = openStore
        self.calendar = calendar
        self.now = now
    }

    private enum Unit: Sendable {
        case listed(Project, [Pipeline], RemoteError?)
        case stored(projectID: Int, jobs: Int, traces: Int, bytes: Int)
    }

    /// Runs one sync. Throws the first remote or store error (after recording the sync as
    /// failed) and `CancellationError` when cancelled; the cache stays consistent either way.
    public func run(
        _ options: SyncOptions, progress: @escaping @Sendable (SyncProgress) -> Void = { _ in }
    ) async throws -> SyncReport {
        let started = now()
        let callsBefore = source.requestCount
        let projects = try await source.projects(in: options.scope)
        let store = try openStore()
        let newestBefore = try store.nightBounds()?.last
        var record = SyncRecord(startedAt: started, outcome: "running")
        let syncID = try store.beginSync(record)
        var report = SyncReport()
        report.newestNightBefore = newestBefore
        var state = SyncProgress()
        do {
            try await sync(
                options, projects: projects, store: store, report: &report, state: &state,
                callsBefore: callsBefore, progress: progress)
            record.outcome = "completed"
        } catch is CancellationError {
            record.outcome = "canceled"
            finish(
                &record, report: report, calls: source.requestCount - callsBefore, store: store,
                syncID: syncID)
            throw CancellationError()
        } catch {
            record.outcome = "failed"
            finish(
                &record, report: report, calls: source.requestCount - callsBefore, store: store,
                syncID: syncID)
            throw error
        }
        report.apiCalls = source.requestCount - callsBefore
        finish(&record, report: report, calls: report.apiCalls, store: store, syncID: syncID)
        return report
    }

    private func finish(
        _ record: inout SyncRecord, report: SyncReport, calls: Int, store: any CacheStore, syncID: Int64
    ) {
        record.finishedAt = now()
        record.apiCalls = calls
        record.pipelines = report.pipelinesSynced
        record.traces = report.traces
        record.traceBytes = report.traceBytes
        // Recording the outcome is best effort: the data written so far is already consistent.
        try? store.finishSync(id: syncID, record)
    }

    private func sync(
        _ options: SyncOptions, projects: [Project], store: any CacheStore, report: inout SyncReport,
        state: inout SyncProgress, callsBefore: Int, progress: @escaping @Sendable (SyncProgress) -> Void
    ) async throws {
        try store.upsertProjects(projects)
        report.projects = projects.count
        state.projectsTotal = projects.count
        state.apiCalls = source.requestCount - callsBefore
        progress(state)

        let lastNight = calendar.lastNight(now: now())
        let oldest = calendar.nights(endingAt: lastNight, count: max(options.nights, 1)).first ?? lastNight
        let windowStart =
            calendar.start(of: oldest) ?? now().addingTimeInterval(-Double(options.nights) * 86400)
        let startTime = now()
        // Watermarks only cover the window they were taken in: when this fetch reaches
        // further back than the cache does (`--nights` went up), list everything again.
        let cachedOldest = try store.nights().first
        let watermarksHold = cachedOldest.map { $0 <= oldest } ?? false

        // Per project: pipelines still to store, and the newest updatedAt listed.
        var pending: [Int: Int] = [:]
        var newest: [Int: Date] = [:]
        var queue: [(Project, Pipeline)] = []
        var projectQueue = projects[...]
        // Twice the client's bound: while some units write to the cache or wait on a
        // dependent request, the others keep the client's pipe full.
        let limit = max(1, options.concurrency) * 2

        try await withThrowingTaskGroup(of: Unit.self) { group in
            var running = 0
            func startNext() throws {
                while running < limit {
                    if let (project, pipeline) = queue.popLast() {
                        running += 1
                        group.addTask { try await self.syncPipeline(pipeline, of: project, store: store) }
                    } else if let project = projectQueue.popFirst() {
                        running += 1
                        let watermark = watermarksHold ? try store.watermark(projectID: project.id) : nil
                        group.addTask {
                            do {
                                let pipelines = try await source.pipelines(
                                    projectID: project.id, source: options.source,
                                    updatedAfter: watermark, createdAfter: windowStart)
                                return .listed(project, pipelines, nil)
                            } catch let error as RemoteError
                                where [.forbidden, .notFound].contains(error.kind)
                            {
                                return .listed(project, [], error)
                            }
                        }
                    } else {
                        return
                    }
                }
            }
            try startNext()
            while let unit = try await group.next() {
                running -= 1
                switch unit {
                case .listed(let project, let pipelines, let error):
                    state.projectsListed += 1
                    if let error {
                        report.skipped.append("\(project.path): \(error.message ?? error.kind.rawValue)")
                        break
                    }
                    let synced = try store.syncedPipelines(projectID: project.id)
                    let inWindow = pipelines.filter { $0.createdAt >= windowStart }
                    let todo = inWindow.filter { pipeline in
                        guard let at = synced[pipeline.id] else { return true }
                        return !Self.sameInstant(at, pipeline.updatedAt)
                    }
                    report.pipelinesSeen += inWindow.count
                    state.pipelinesTotal += todo.count
                    newest[project.id] = pipelines.map(\.updatedAt).max()
                    pending[project.id] = todo.count
                    // Oldest first from popLast: queue holds newest at the front.
                    queue.insert(contentsOf: todo.sorted { $0.id > $1.id }.map { (project, $0) }, at: 0)
                    if todo.isEmpty { try store.advanceWatermark(project.id, newest[project.id]) }
                case .stored(let projectID, let jobs, let traces, let bytes):
                    state.pipelinesDone += 1
                    state.traces += traces
                    state.traceBytes += bytes
                    report.pipelinesSynced += 1
                    report.jobs += jobs
                    report.traces += traces
                    report.traceBytes += bytes
                    pending[projectID, default: 1] -= 1
                    if pending[projectID] == 0 { try store.advanceWatermark(projectID, newest[projectID]) }
                }
                state.apiCalls = source.requestCount - callsBefore
                state.etaSeconds = Self.eta(state, elapsed: now().timeIntervalSince(startTime))
                progress(state)
                try startNext()
            }
        }
    }

    private func syncPipeline(_ pipeline: Pipeline, of project: Project, store: any CacheStore) async throws
        -> Unit
    {
        let jobs = try await source.jobs(projectID: project.id, pipelineID: pipeline.id)
        let wanted = jobs.filter { $0.status == .failed }.map(\.id)
        let have = try store.storedTraces(jobIDs: wanted)
        let missing = wanted.filter { !have.contains($0) }
        let (count, bytes) = try await withThrowingTaskGroup(of: Int.self) { group in
            for jobID in missing {
                group.addTask {
                    let data = try await source.trace(projectID: project.id, jobID: jobID)
                    try await cacheWrites.run { try store.storeTrace(jobID: jobID, data: data) }
                    return data.count
                }
            }
            var count = 0
            var bytes = 0
            for try await size in group {
                count += 1
                bytes += size
            }
            return (count, bytes)
        }
        let night = calendar.night(of: pipeline.createdAt)
        try await cacheWrites.run { try store.storePipeline(pipeline, night: night, jobs: jobs) }
        return .stored(projectID: project.id, jobs: jobs.count, traces: count, bytes: bytes)
    }

    /// Dates compared at the millisecond, the precision GitLab sends and the cache keeps.
    static func sameInstant(_ a: Date, _ b: Date) -> Bool {
        (a.timeIntervalSince1970 * 1000).rounded() == (b.timeIntervalSince1970 * 1000).rounded()
    }

    static func eta(_ state: SyncProgress, elapsed: Double) -> Double? {
        guard state.projectsListed == state.projectsTotal, state.pipelinesDone >= 3,
            state.pipelinesTotal > 0, elapsed > 0
        else { return nil }
        let rate = Double(state.pipelinesDone) / elapsed
        return Double(state.pipelinesTotal - state.pipelinesDone) / rate
    }
}

extension CacheStore {
    fileprivate func advanceWatermark(_ projectID: Int, _ date: Date?) throws {
        guard let date else { return }
        try setWatermark(projectID: projectID, date)
    }
}

/// Cache writes (compressing a trace, a pipeline's transaction) block their thread for
/// milliseconds; on Swift's cooperative pool, one thread per core, that stalls every request in
/// flight. They run on a thread of their own instead, one at a time as SQLite serialises them anyway.
let cacheWrites = BlockingQueue(label: "triage.cache-writes")

struct BlockingQueue: Sendable {
    let queue: DispatchQueue

    init(label: String) { queue = DispatchQueue(label: label) }

    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
