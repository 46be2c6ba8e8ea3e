import Basics
import Foundation

/// The sync keeps only failed jobs' traces; `diff job` and `suspects` also need the trace of each
/// failing job's last green run (same project and job name). This step, run after the sync, fetches
/// those not cached yet: bounded (`limit` per run) and incremental (a stored trace is never
/// fetched again; the next run continues with what is left).
public enum GreenTraces {
    public struct Report: Hashable, Sendable {
        /// Green runs whose trace was wanted (cached or not).
        public var wanted: Int
        public var fetched: Int
        public var bytes: Int
        /// Traces GitLab would not give (gone, forbidden): skipped, tried again next time.
        public var failed: Int
        /// Left for the next run because of `limit`.
        public var deferred: Int
        /// Wanted and already in the cache before this run: not fetched again. `alreadyCached`,
        /// `fetched`, `failed` and `deferred` add up to `wanted`.
        public var alreadyCached: Int

        public init(
            wanted: Int = 0, fetched: Int = 0, bytes: Int = 0, failed: Int = 0, deferred: Int = 0,
            alreadyCached: Int = 0
        ) {
            self.wanted = wanted
            self.fetched = fetched
            self.bytes = bytes
            self.failed = failed
            self.deferred = deferred
            self.alreadyCached = alreadyCached
        }
    }

    /// Still-green jobs sampled per night with newly failing jobs (see `wanted`).
    public static let defaultGreenSample = 12

    /// The job ids of the green runs wanted for the red runs of `nights`: for each, the job's last
    /// green run before that night. With `greenSample` > 0, also up to that many still-green jobs
    /// (both runs) per night that has newly failing jobs — the evidence `suspects` weighs changes
    /// against (a version every green job also took is a routine bump, not a culprit). The sample
    /// takes jobs named like a newly failing job (same toolchain, same ecosystem), chosen by a
    /// stable hash of project and name, so consecutive nights mostly share traces. Ascending, distinct.
    public static func wanted(
        nights: [String], histories: [JobHistory], greenSample: Int = defaultGreenSample
    )
        -> [Int]
    {
        var ids = Set<Int>()
        for night in nights {
            for history in histories {
                guard let run = history.run(on: night), run.failed,
                    let green = history.lastGreen(before: night)
                else {
                    continue
                }
                ids.insert(green.jobID)
            }
            let failing = ChangesPairs.newlyFailing(on: night, histories: histories)
            guard greenSample > 0, !failing.isEmpty else { continue }
            let names = Set(failing.map(\.key.name))
            let candidates = ChangesPairs.stillGreen(on: night, histories: histories)
                .filter { names.contains($0.key.name) }
                .sorted { (stableHash($0.key), $0.key) < (stableHash($1.key), $1.key) }
            for pair in candidates.prefix(greenSample) {
                ids.insert(pair.jobID)
                ids.insert(pair.baseJobID)
            }
        }
        return ids.sorted()
    }

    /// The whole step after a sync: the last green runs of the jobs that failed on the `nights`
    /// nights ending last night (pipelines of `pipelineSource`, all when nil), fetched when not cached.
    /// Canceled, it records a canceled sync (what `status` shows) and rethrows.
    public static func run(
        source: any GitLabSource, store: any CacheStore, queries: any ChangesQueries, calendar: NightCalendar,
        now: Date, nights count: Int, pipelineSource: String?, lookback: Int = 60,
        greenSample: Int = defaultGreenSample, limit: Int = 2000, concurrency: Int = 8
    ) async throws -> Report {
        let nights = calendar.nights(endingAt: calendar.lastNight(now: now), count: count)
        guard let first = nights.first, let last = nights.last else { return Report() }
        let from = calendar.nights(endingAt: first, count: lookback + 1).first ?? first
        let rows = try queries.nightlyJobs(fromNight: from, throughNight: last, projectID: nil, name: nil)
        let histories = ChangesHistory.histories(
            rows.filter { pipelineSource == nil || $0.pipeline.source == pipelineSource })
        var projectOf: [Int: Int] = [:]
        for h in histories { for run in h.runs { projectOf[run.jobID] = h.projectID } }
        let wanted = wanted(nights: nights, histories: histories, greenSample: greenSample)
        let calls = source.requestCount
        do {
            return try await fetch(
                wanted: wanted, source: source, store: store, projectOf: projectOf, limit: limit,
                concurrency: concurrency)
        } catch is CancellationError {
            let record = SyncRecord(
                startedAt: now, finishedAt: now, outcome: "canceled", apiCalls: source.requestCount - calls)
            let id = try store.beginSync(record)
            try store.finishSync(id: id, record)
            throw CancellationError()
        }
    }

    /// FNV-1a of project and name: the same on every run and platform.
    static func stableHash(_ key: JobKey) -> UInt64 {
        FNV1a.hash64((key.project + "\u{0}" + key.name).utf8)
    }

    /// Fetches the wanted traces that are not cached, newest jobs first, at most `limit`.
    public static func fetch(
        wanted: [Int], source: any GitLabSource, store: any CacheStore, projectOf: [Int: Int],
        limit: Int = 2000,
        concurrency: Int = 8
    ) async throws -> Report {
        let stored = try store.storedTraces(jobIDs: wanted)
        let missing = wanted.filter { !stored.contains($0) }.sorted(by: >)
        let batch = Array(missing.prefix(max(0, limit)))
        var report = Report(
            wanted: wanted.count, deferred: missing.count - batch.count, alreadyCached: stored.count)
        let width = max(1, concurrency)
        try await withThrowingTaskGroup(of: (Int, Data?).self) { group in
            // A sliding window: a new request starts as soon as one ends, so a slow trace never
            // holds back the others.
            var next = batch.makeIterator()
            var running = 0
            func startNext() {
                while running < width, let id = next.next() {
                    guard let project = projectOf[id] else { continue }
                    running += 1
                    group.addTask {
                        do {
                            return (id, try await source.trace(projectID: project, jobID: id))
                        } catch is RemoteError {
                            return (id, nil)
                        }
                    }
                }
            }
            startNext()
            while let (id, data) = try await group.next() {
                running -= 1
                if let data {
                    try await cacheWrites.run { try store.storeTrace(jobID: id, data: data) }
                    report.fetched += 1
                    report.bytes += data.count
                } else {
                    report.failed += 1
                }
                startNext()
            }
        }
        return report
    }
}
