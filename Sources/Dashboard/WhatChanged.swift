import Foundation
import LogAnalysis
import TriageCore

/// What changed for last night's failing jobs (issue 7 part 5): the night each one's current
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

    public init(ecosystem: String, package: String, from: [String], to: String?, rank: Int, failing: Int, green: Int) {
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
    /// Nights looked back before a night for each job's previous runs: the shell's `streaks` and
    /// `suspects` look back as far (`changesLookback` in TriageShell), so the dashboard agrees with them.
    static let lookback = 60

    /// Since and top suspect of each job red on `night`, by job key.
    ///
    /// - Parameters:
    ///   - nightly: whether a pipeline counts as nightly (the workspace's `source`).
    ///   - facts: what a cached trace says (nil when not cached); called at most once per job.
    static func jobs(
        on night: String, queries: any ChangesQueries, cache: any CacheStore, calendar: NightCalendar,
        nightly: (Pipeline) -> Bool, facts: ListingReader
    ) throws -> [JobKey: JobChanges] {
        func rows(from first: String, through last: String) throws -> [NightlyJobRow] {
            try queries.nightlyJobs(fromNight: first, throughNight: last, projectID: nil, name: nil)
                .filter { nightly($0.pipeline) }
        }
        let from = calendar.nights(endingAt: night, count: lookback + 1).first ?? night
        var loaded = try rows(from: from, through: night)
        let streaks = Streaks.on(night: night, histories: ChangesHistory.histories(loaded))
            .filter { $0.kind == .new || $0.kind == .failing }
        let starts = Set(streaks.compactMap(\.since))
        guard let earliest = starts.min() else { return [:] }
        // `suspects S` looks back `lookback` nights before S: reach that far when a streak began early.
        let reach = calendar.nights(endingAt: earliest, count: lookback + 1).first ?? earliest
        if reach < from, let before = calendar.nights(endingAt: from, count: 2).first {
            loaded = try rows(from: reach, through: before) + loaded
        }
        let histories = ChangesHistory.histories(loaded)
        let byKey = Dictionary(histories.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })

        var ranked: [String: [Suspect]] = [:]
        for start in starts.sorted() {
            let failing = ChangesPairs.newlyFailing(on: start, histories: histories)
            guard !failing.isEmpty else { continue }
            let green = ChangesPairs.stillGreen(on: start, histories: histories)
            try facts.prefetch(failing.flatMap { [$0.jobID, $0.baseJobID] } + green.flatMap { [$0.jobID, $0.baseJobID] })
            let clusters = try cache.insights(jobIDs: failing.map(\.jobID)).compactMapValues { $0.cluster?.rawValue }
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
            let top = ranked[since]?.enumerated().first { _, s in startJob.map(s.failingJobs.contains) ?? false }
            result[streak.key] = JobChanges(
                since: since, nights: streak.nights,
                suspect: top.map { rank, s in
                    TopSuspect(
                        ecosystem: s.ecosystem.rawValue, package: s.name, from: s.from, to: s.to, rank: rank + 1,
                        failing: s.newlyFailing, green: s.alsoInGreen)
                })
        }
        return result
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
