import Foundation
import LogAnalysis

/// What changed for a job failing on a night: the night its current failing streak began
/// (`Streaks.on`, as `streaks NIGHT` says it) and the top suspect of that night among the
/// dependency changes this job has (`SuspectNights`, the ranking `suspects NIGHT` shows).
/// `show job` and the dashboard's last night both answer it with `WhatChanged.jobs`.
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

/// The what-changed use case: since and top suspect of the jobs red on a night.
public enum WhatChanged {
    /// Nights looked back before a night for each job's previous runs, as `streaks` and
    /// `suspects` do, so that every surface agrees with them.
    static let lookback = ChangesHistory.lookback
    /// Nights before the first night asked read for every job asked at once. A year's cache has
    /// about 1 200 jobs a night, and reading 61 nights of them costs more than the rest of the
    /// export's change; the few jobs whose answer this window cannot settle (a red run reaching
    /// its start) are read again over the whole `lookback`, together, so the answers are exactly
    /// those of the full look-back (`streaks` over the same nights).
    static let window = 7

    /// A job as the cache keys its runs: its project's id and its name.
    public typealias Key = (projectID: Int, name: String)

    /// Since and top suspect of each job red on one of `nights`, by the id of its run there (the
    /// latest attempt of the night's deciding pipeline); only of the jobs `keys` names, when given.
    /// A streak longer than `lookback` nights counts from the nights before the first night asked,
    /// as `streaks` over the same nights counts it.
    ///
    /// - Parameter source: the nightly pipelines' source (nil: every pipeline), as the workspace
    ///   says it.
    public static func jobs(
        on nights: Set<String>, cache: CachePorts, calendar: NightCalendar, source: String?,
        keys: [Key]? = nil
    ) throws -> [Int: JobChanges] {
        guard let first = nights.min(), let last = nights.max(), keys.map({ !$0.isEmpty }) ?? true else {
            return [:]
        }
        // The nightly source's runs only, as every history of the changes commands.
        func nightly(_ rows: [NightlyRunRow]) -> [JobHistory] {
            ChangesHistory.histories(runs: source.map { s in rows.filter { $0.source == s } } ?? rows)
        }
        // The window first; a job red from the window's start through one of the nights asked is
        // read again over the whole look-back.
        let windowStart = calendar.nights(endingAt: first, count: window + 1).first ?? first
        var histories = nightly(
            try keys.map {
                try cache.nightlyRuns.nightlyRuns(fromNight: windowStart, throughNight: last, keys: $0)
            } ?? cache.nightlyRuns.nightlyRuns(fromNight: windowStart, throughNight: last))
        let unsettled = histories.filter { h in
            nights.contains { night in
                guard let index = h.runs.lastIndex(where: { $0.night == night }), h.runs[index].red else {
                    return false
                }
                return h.runs[...index].allSatisfy(\.red)
            }
        }
        let lookbackStart = calendar.nights(endingAt: first, count: lookback + 1).first ?? first
        if !unsettled.isEmpty, lookbackStart < windowStart {
            let rows = try cache.nightlyRuns.nightlyRuns(
                fromNight: lookbackStart, throughNight: last,
                keys: unsettled.map { ($0.projectID, $0.key.name) })
            var full: [JobKey: JobHistory] = [:]
            for h in nightly(rows) { full[h.key] = h }
            histories = histories.map { full[$0.key] ?? $0 }
        }
        var streaks: [Streak] = []
        for night in nights.sorted() {
            streaks += Streaks.on(night: night, histories: histories).filter {
                $0.kind == .new || $0.kind == .failing
            }
        }
        let byKey = Dictionary(histories.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })

        // The suspects of each night a streak began on, as `suspects` ranks them (remembered by
        // `fetch` when it computed them).
        let starts = Set(streaks.compactMap(\.since)).sorted()
        let ranked = try SuspectNights.results(nights: starts, cache: cache, source: source) { first, last in
            try ChangesHistory.forPairs(
                queries: cache.nightlyRuns, calendar: calendar, first: first, last: last, source: source,
                lookback: lookback)
        }
        var result: [Int: JobChanges] = [:]
        for streak in streaks {
            guard let since = streak.since else { continue }
            let startJob = byKey[streak.key]?.run(on: since)?.jobID
            // The night's best-ranked change that this job has: another package released the same
            // night may explain other projects' failures, not this one's.
            let top = ranked[since]?.suspects.enumerated().first { _, s in
                startJob.map(s.failingJobs.contains) ?? false
            }
            result[streak.jobID] = JobChanges(
                since: since, nights: streak.nights,
                suspect: top.map { rank, s in
                    TopSuspect(
                        ecosystem: s.ecosystem.rawValue, package: s.name, from: s.from, to: s.to,
                        rank: rank + 1, failing: s.newlyFailing, green: s.alsoInGreen)
                })
        }
        return result
    }

    /// Since and top suspect of one job attempt, nil unless it is the job's run on its night and
    /// red there (the latest attempt of the night's deciding pipeline, failed, not allowed to).
    public static func job(
        _ job: Job, on night: String, cache: CachePorts, calendar: NightCalendar, source: String?
    ) throws -> JobChanges? {
        try jobs(
            on: [night], cache: cache, calendar: calendar, source: source, keys: [(job.projectID, job.name)])[
                job.id]
    }
}
