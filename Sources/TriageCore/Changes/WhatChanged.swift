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
    /// Nights before a night read for every job at once. A year's cache has about 1 200 jobs a
    /// night, and reading 61 nights of them costs more than the rest of the export's change; the
    /// few jobs whose answer this window cannot settle (a streak reaching its start, a job without
    /// a run in it) are read over the whole `lookback`, one job at a time, so the answers are
    /// exactly those of the full look-back.
    static let window = 7

    /// Since and top suspect of each job red on `night`, by job key.
    ///
    /// - Parameter source: the nightly pipelines' source (nil: every pipeline), as the workspace
    ///   says it.
    public static func jobs(
        on night: String, cache: CachePorts, calendar: NightCalendar, source: String?
    ) throws -> [JobKey: JobChanges] {
        var result: [JobKey: JobChanges] = [:]
        for (streak, changes) in try streaks(
            on: night, cache: cache, calendar: calendar, source: source, job: nil)
        {
            result[streak.key] = changes
        }
        return result
    }

    /// Since and top suspect of one job attempt, nil unless it is the job's run on its night and
    /// red there (the latest attempt of the night's deciding pipeline, failed, not allowed to).
    public static func job(
        _ job: Job, on night: String, cache: CachePorts, calendar: NightCalendar, source: String?
    ) throws -> JobChanges? {
        try streaks(
            on: night, cache: cache, calendar: calendar, source: source, job: (job.projectID, job.name)
        ).first { $0.streak.jobID == job.id }?.changes
    }

    /// The streaks red on `night` (of one job when `job` is given) and what changed for each.
    static func streaks(
        on night: String, cache: CachePorts, calendar: NightCalendar, source: String?,
        job: (projectID: Int, name: String)?
    ) throws -> [(streak: Streak, changes: JobChanges)] {
        let reader = HistoryReader(
            queries: cache.changes, calendar: calendar, nightly: { $0.isNightly(source) }, job: job)
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

        // The suspects of each night a streak began on, as `suspects` ranks them (remembered by
        // `fetch` when it computed them).
        let starts = Set(streaks.compactMap(\.since)).sorted()
        let ranked = try SuspectNights.results(nights: starts, cache: cache, source: source) { first, last in
            try ChangesHistory.forPairs(
                queries: cache.nightlyRuns, calendar: calendar, first: first, last: last, source: source,
                lookback: lookback)
        }
        return streaks.compactMap { streak in
            guard let since = streak.since else { return nil }
            let startJob = byKey[streak.key]?.run(on: since)?.jobID
            // The night's best-ranked change that this job has: another package released the same
            // night may explain other projects' failures, not this one's.
            let top = ranked[since]?.suspects.enumerated().first { _, s in
                startJob.map(s.failingJobs.contains) ?? false
            }
            return (
                streak,
                JobChanges(
                    since: since, nights: streak.nights,
                    suspect: top.map { rank, s in
                        TopSuspect(
                            ecosystem: s.ecosystem.rawValue, package: s.name, from: s.from, to: s.to,
                            rank: rank + 1, failing: s.newlyFailing, green: s.alsoInGreen)
                    })
            )
        }
    }
}

/// Histories of a range of nights, and of single jobs over the whole look-back.
private struct HistoryReader {
    var queries: any ChangesQueries
    var calendar: NightCalendar
    var nightly: (Pipeline) -> Bool
    /// Only this job's runs (nil: every job's).
    var job: (projectID: Int, name: String)?

    struct Read {
        /// The first night read for every job.
        var first: String
        var histories: [JobHistory]
    }

    func histories(endingAt last: String, nights: Int) throws -> Read {
        let first = calendar.nights(endingAt: last, count: nights).first ?? last
        let rows = try queries.nightlyJobs(
            fromNight: first, throughNight: last, projectID: job?.projectID, name: job?.name
        )
        .filter { nightly($0.pipeline) }
        return Read(first: first, histories: ChangesHistory.histories(rows))
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
    }
}
