import Foundation
import LogAnalysis
import TriageCore

/// What changed for last night's failing jobs: the night each one's current
/// failing streak began (`Streaks.on`, as `streaks last-night` says it) and the top suspect of
/// that night (`ChangesPairs.suspects`, as `suspects NIGHT` ranks them) among the dependency
/// changes this job has. Suspects are computed only for the nights some streak began on, never
/// for every night of the cache.
public struct JobChanges: Sendable, Hashable, Codable {
    /// First red night of the current red run (the night itself for a job new tonight).
    public var since: String
    /// Red nights in that run, last night included.
    public var nights: Int
    public var suspect: TopSuspect?

    public init(since: String, nights: Int, suspect: TopSuspect?) {
        self.since = since
        self.nights = nights
        self.suspect = suspect
    }
}

/// A dependency change of `suspects`, with the keys of its JSON record.
public struct TopSuspect: Sendable, Hashable, Codable {
    public var ecosystem: String
    public var package: String
    /// The versions jobs moved from (empty: added).
    public var from: [String]
    /// The version jobs moved to (nil: removed).
    public var to: String?
    /// Rank among that night's suspects (1 is the most suspect of the night).
    public var rank: Int
    /// Newly failing jobs with this change, and still-green jobs that took it too.
    public var failing: Int
    public var green: Int
    /// What the page shows: `DataFrames v1.6.1 → v1.7.0`; `(added)` and `(removed)` for the
    /// other kinds.
    public var text: String

    public init(
        ecosystem: String, package: String, from: [String], to: String?, rank: Int, failing: Int, green: Int
    ) {
        self.ecosystem = ecosystem
        self.package = package
        self.from = from
        self.to = to
        self.rank = rank
        self.failing = failing
        self.green = green
        func v(_ version: String) -> String { version.first?.isNumber == true ? "v" + version : version }
        let moved = from.isEmpty ? "(added)" : from.map(v).joined(separator: ", ")
        self.text = "\(package) \(moved) → \(to.map(v) ?? "(removed)")"
    }
}

enum WhatChanged {
    /// Nights looked back before a night for each job's previous runs, as the shell's `streaks` and
    /// `suspects` do, so the dashboard agrees with them.
    static let lookback = ChangesHistory.lookback
    /// Nights before a night read for every job at once. A year's cache has about 1 200 jobs a
    /// night, and reading 61 nights of them costs more than the rest of the export's change; the
    /// few jobs whose answer this window cannot settle (a streak reaching its start, a job without
    /// a run in it) are read over the whole `lookback`, one job at a time, so the answers are
    /// exactly those of the full look-back.
    static let window = 7
    /// Nights before the last night that one read may reach back to serve every streak that
    /// began in them; a streak that began earlier gets a read of its own window.
    static let reach = 21

    /// Since and top suspect of each job red on `night`, by job key.
    ///
    /// - Parameters:
    ///   - nightly: whether a pipeline counts as nightly (the workspace's `source`).
    ///   - facts: what a cached trace says (nil when not cached); called at most once per job.
    static func jobs(
        on night: String, queries: any ChangesQueries, cache: any CacheStore, calendar: NightCalendar,
        nightly: @escaping (Pipeline) -> Bool, facts: ListingReader
    ) throws -> [JobKey: JobChanges] {
        let reader = HistoryReader(queries: queries, calendar: calendar, nightly: nightly)
        // Streaks of `night`, settled key by key where the red run reaches the window's start.
        var recent = try reader.histories(endingAt: night, nights: window + 1)
        let unsettled = recent.histories.filter { h in
            guard let index = h.runs.lastIndex(where: { $0.night == night }), h.runs[index].red else {
                return false
            }
            return h.runs[...index].allSatisfy(\.red)
        }
        try reader.complete(&recent, keys: unsettled, through: night)
        let streaks = Streaks.on(night: night, histories: recent.histories)
            .filter { $0.kind == .new || $0.kind == .failing }
        let byKey = Dictionary(recent.histories.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })

        // Suspects of each night a streak began on, from that night's window, settled the same way.
        // Streaks mostly began within days: one read reaching back `reach` nights serves them all.
        let starts = Set(streaks.compactMap(\.since)).sorted(by: >)
        func windowStart(_ start: String) -> String {
            calendar.nights(endingAt: start, count: window + 1).first ?? start
        }
        let reachStart = calendar.nights(endingAt: night, count: reach + 1).first ?? night
        if let earliest = starts.map(windowStart).filter({ $0 >= reachStart }).min(), earliest < recent.first
        {
            try reader.extend(&recent, from: earliest)
        }
        var ranked: [String: [Suspect]] = [:]
        for start in starts {
            var around =
                recent.first <= windowStart(start)
                ? recent : try reader.histories(endingAt: start, nights: window + 1)
            let unsettled = around.histories.filter { h in
                guard let run = h.run(on: start) else { return false }
                guard let before = h.previous(before: start) else { return true }
                return run.red && !before.red && h.lastGreen(before: start) == nil
            }
            try reader.complete(&around, keys: unsettled, through: start)
            let failing = ChangesPairs.newlyFailing(on: start, histories: around.histories)
            guard !failing.isEmpty else { continue }
            let green = ChangesPairs.stillGreen(on: start, histories: around.histories)
            try facts.prefetch(
                failing.flatMap { [$0.jobID, $0.baseJobID] } + green.flatMap { [$0.jobID, $0.baseJobID] })
            let clusters = try cache.insights(jobIDs: failing.map(\.jobID)).compactMapValues {
                $0.cluster?.rawValue
            }
            ranked[start] = try ChangesPairs.suspects(failing: failing, green: green, clusters: clusters) {
                try facts.facts($0)
            }.suspects
        }

        var result: [JobKey: JobChanges] = [:]
        for streak in streaks {
            guard let since = streak.since else { continue }
            let startJob = byKey[streak.key]?.run(on: since)?.jobID
            // The night's best-ranked change that this job has: another package released the same
            // night may explain other projects' failures, not this one's.
            let top = ranked[since]?.enumerated().first { _, s in
                startJob.map(s.failingJobs.contains) ?? false
            }
            result[streak.key] = JobChanges(
                since: since, nights: streak.nights,
                suspect: top.map { rank, s in
                    TopSuspect(
                        ecosystem: s.ecosystem.rawValue, package: s.name, from: s.from, to: s.to,
                        rank: rank + 1,
                        failing: s.newlyFailing, green: s.alsoInGreen)
                })
        }
        return result
    }
}

/// Histories of a range of nights, and of single jobs over the whole look-back.
private struct HistoryReader {
    var queries: any ChangesQueries
    var calendar: NightCalendar
    var nightly: (Pipeline) -> Bool

    struct Read {
        /// The first night read for every job.
        var first: String
        var rows: [NightlyJobRow]
        /// Jobs read over the whole look-back (`complete`), which a wider read leaves as they are.
        var completed: [JobKey: JobHistory] = [:]
        var histories: [JobHistory]
    }

    func histories(endingAt last: String, nights: Int) throws -> Read {
        let first = calendar.nights(endingAt: last, count: nights).first ?? last
        let rows = try queries.nightlyJobs(fromNight: first, throughNight: last, projectID: nil, name: nil)
            .filter { nightly($0.pipeline) }
        return Read(first: first, rows: rows, histories: ChangesHistory.histories(rows))
    }

    /// Reads every job from `first` on too (the nights before `read.first`).
    func extend(_ read: inout Read, from first: String) throws {
        guard first < read.first, let before = calendar.nights(endingAt: read.first, count: 2).first else {
            return
        }
        let rows = try queries.nightlyJobs(fromNight: first, throughNight: before, projectID: nil, name: nil)
            .filter { nightly($0.pipeline) }
        read.first = first
        read.rows = rows + read.rows
        read.histories = ChangesHistory.histories(read.rows).map { read.completed[$0.key] ?? $0 }
    }

    /// Replaces these jobs' histories by their runs over the `lookback` nights before `last`.
    func complete(_ read: inout Read, keys: [JobHistory], through last: String) throws {
        let first = calendar.nights(endingAt: last, count: WhatChanged.lookback + 1).first ?? last
        guard first < read.first, !keys.isEmpty else { return }
        var full: [JobKey: JobHistory] = [:]
        for h in keys {
            let rows = try queries.nightlyJobs(
                fromNight: first, throughNight: last, projectID: h.projectID, name: h.key.name)
            for history in ChangesHistory.histories(rows.filter { nightly($0.pipeline) })
            where history.key == h.key {
                full[h.key] = history
            }
        }
        read.histories = read.histories.map { full[$0.key] ?? $0 }
        read.completed.merge(full) { _, new in new }
    }
}

/// Dependency listings of cached traces, each read and parsed once per export. Which jobs have a
/// trace is asked in bulk first (`prefetch`), so the many still-green jobs without one cost no
/// query each.
final class ListingReader {
    private let cache: any CacheStore
    private var parsed: [Int: TraceFacts?] = [:]
    private var known: Set<Int> = []
    private var stored: Set<Int> = []

    init(cache: any CacheStore) { self.cache = cache }

    func prefetch(_ jobIDs: [Int]) throws {
        let asked = jobIDs.filter { !known.contains($0) }
        guard !asked.isEmpty else { return }
        stored.formUnion(try cache.storedTraces(jobIDs: asked))
        known.formUnion(asked)
    }

    /// Nil when the trace is not cached.
    func facts(_ jobID: Int) throws -> TraceFacts? {
        if let done = parsed[jobID] { return done }
        if known.contains(jobID) && !stored.contains(jobID) { return nil }
        let result = try cache.trace(jobID: jobID).map { TraceFacts(log: TraceCleaner.clean([UInt8]($0))) }
        parsed[jobID] = result
        return result
    }
}
