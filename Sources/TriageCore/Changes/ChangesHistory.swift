import Foundation
import LogAnalysis

// "What changed": per project and job, the nightly runs; streaks (new tonight,
// recovered tonight, failing since, flapping); the pairs of runs whose traces `suspects`
// compares. Pure: the cache rows come in, values go out.

/// A job of a project, across nights: the identity `streaks` and `diff job` follow.
public struct JobKey: Hashable, Sendable, Comparable {
    public var project: String
    public var name: String

    public init(project: String, name: String) {
        self.project = project
        self.name = name
    }

    public static func < (a: JobKey, b: JobKey) -> Bool { (a.project, a.name) < (b.project, b.name) }
}

/// One night's outcome of a job: its latest attempt in the night's last nightly pipeline.
public struct JobRun: Hashable, Sendable {
    public var night: String
    public var jobID: Int
    /// Failed (and not allowed to); otherwise it succeeded.
    public var red: Bool
    /// Green only after a retry.
    public var retriedToGreen: Bool
    public var sha: String
    public var pipelineID: Int
    /// Failed, allowed to or not (an allowed failure is not red, and not a green run to compare with).
    public var failed: Bool

    public init(
        night: String, jobID: Int, red: Bool, retriedToGreen: Bool = false, sha: String = "",
        pipelineID: Int = 0,
        failed: Bool? = nil
    ) {
        self.night = night
        self.jobID = jobID
        self.red = red
        self.failed = failed ?? red
        self.retriedToGreen = retriedToGreen
        self.sha = sha
        self.pipelineID = pipelineID
    }
}

/// The runs of one job, one per night, oldest first (the lookups rely on that order).
public struct JobHistory: Hashable, Sendable {
    public var key: JobKey
    public var projectID: Int
    public var runs: [JobRun]

    public init(key: JobKey, projectID: Int, runs: [JobRun]) {
        self.key = key
        self.projectID = projectID
        self.runs = runs
    }

    /// The index of the first run on or after `night` (`runs.count` when none): a binary search,
    /// as `runs` is sorted by night. `suspects 30d` asks this of every job for every night.
    func firstIndex(onOrAfter night: String) -> Int {
        var low = 0
        var high = runs.count
        while low < high {
            let mid = (low + high) / 2
            if runs[mid].night < night { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The run of a night, if the job ran.
    public func run(on night: String) -> JobRun? {
        var index = firstIndex(onOrAfter: night)
        guard index < runs.count, runs[index].night == night else { return nil }
        // One run per night from `ChangesHistory`; of several, the last.
        while index + 1 < runs.count, runs[index + 1].night == night { index += 1 }
        return runs[index]
    }

    /// The last run before a night.
    public func previous(before night: String) -> JobRun? {
        let index = firstIndex(onOrAfter: night)
        return index > 0 ? runs[index - 1] : nil
    }

    /// The last green run (succeeded) before a night.
    public func lastGreen(before night: String) -> JobRun? {
        runs[..<firstIndex(onOrAfter: night)].last { !$0.failed }
    }

    /// The index after the last run on or before `night` (0 when none): `runs` is sorted by night.
    func endIndex(through night: String) -> Int {
        var end = firstIndex(onOrAfter: night)
        while end < runs.count, runs[end].night == night { end += 1 }
        return end
    }

    /// Outcome changes (green↔red) among the last `window` runs up to and including `night`:
    /// counted in place (`Streaks.on` asks it of every job for every night of a range).
    public func flips(through night: String, window: Int) -> Int {
        let end = endIndex(through: night)
        var count = 0
        var i = max(0, end - window) + 1
        while i < end {
            if runs[i].red != runs[i - 1].red { count += 1 }
            i += 1
        }
        return count
    }
}

public enum ChangesHistory {
    /// Nights looked back before a range for each job's previous runs (its last green run):
    /// `streaks`, `suspects`, `diff job`, the green traces `fetch` brings and the dashboard all
    /// look back as far, so they agree.
    public static let lookback = 60

    /// Histories from cache rows (`ChangesQueries.nightlyJobs`), sorted by key. Only successes and
    /// failures not allowed to fail count; when a night has several pipelines the last one wins.
    public static func histories(_ rows: [NightlyJobRow]) -> [JobHistory] {
        histories(runs: rows.map(NightlyRunRow.init))
    }

    /// `forPairs` with the window counted on `calendar`: `lookback` nights before `first`, and the
    /// night before it (what `suspects` and `fetch` ask for the pairs of `first...last`).
    public static func forPairs(
        queries: any NightlyRunQueries, calendar: NightCalendar, first: String, last: String, source: String?,
        lookback: Int = lookback
    ) throws -> [JobHistory] {
        let back = calendar.nights(endingAt: first, count: lookback + 1)
        let dayBefore = back.count >= 2 ? back[back.count - 2] : first
        return try forPairs(
            queries: queries, lookbackFrom: back.first ?? first, dayBefore: dayBefore, first: first,
            last: last,
            source: source)
    }

    /// Histories for the pairs of nights `first...last` (`ChangesPairs.newlyFailing`,
    /// `stillGreen`, `commitRanges`): the same pairs as `histories` over `lookbackFrom...last`, but
    /// read from the night before `first` on, plus the older nights only of the jobs whose pairs
    /// reach further back (a run in the range without an earlier run in the window, or newly red
    /// without a green run in the window). A 30-night question then reads 31 nights, not 91. The runs of a history may
    /// start later than `lookbackFrom`: not for `Streaks`.
    ///
    /// - Parameters:
    ///   - dayBefore: the night before `first`.
    ///   - source: keep only pipelines of this source (nil: all).
    public static func forPairs(
        queries: any NightlyRunQueries, lookbackFrom: String, dayBefore: String, first: String, last: String,
        source: String?
    ) throws -> [JobHistory] {
        func kept(_ rows: [NightlyRunRow]) -> [NightlyRunRow] {
            guard let source else { return rows }
            return rows.filter { $0.source == source }
        }
        let recent = kept(try queries.nightlyRuns(fromNight: dayBefore, throughNight: last))
        guard lookbackFrom < dayBefore else { return histories(runs: recent) }
        // A job needs its older nights when a pair of a night in the range cannot be decided from
        // the window: no earlier run in it, or red after a run that was not, with no green run
        // in the window before.
        var deeper: [(projectID: Int, name: String)] = []
        for h in histories(runs: recent) {
            var sawGreen = false
            var previous: JobRun?
            for run in h.runs {
                if run.night >= first {
                    let undecided =
                        previous == nil || (run.red && previous?.red == false && !sawGreen)
                    if undecided {
                        deeper.append((h.projectID, h.key.name))
                        break
                    }
                }
                if !run.failed { sawGreen = true }
                previous = run
            }
        }
        guard !deeper.isEmpty else { return histories(runs: recent) }
        let older = kept(
            try queries.nightlyRuns(fromNight: lookbackFrom, throughNight: dayBefore, keys: deeper)
                .filter { $0.night < dayBefore })
        return histories(runs: older + recent)
    }

    /// Histories from lean rows (`NightlyRunQueries`); see `histories(_:)`.
    public static func histories(runs rows: [NightlyRunRow]) -> [JobHistory] {
        // Keys to slots, so each run is added in place (a dictionary of dictionaries copied the
        // inner dictionary on every row: most of `suspects`' time over a year).
        var slots: [JobKey: Int] = [:]
        var keys: [JobKey] = []
        var projectIDs: [Int] = []
        var runsOf: [[String: JobRun]] = []
        for row in rows {
            let red: Bool
            if row.status == .failed && !row.allowFailure {
                red = true
            } else if row.status == .success || (row.status == .failed && row.allowFailure) {
                red = false
            } else {
                continue
            }
            let key = JobKey(project: row.projectPath, name: row.name)
            let run = JobRun(
                night: row.night, jobID: row.jobID, red: red, retriedToGreen: !red && row.retriedToGreen,
                sha: row.sha, pipelineID: row.pipelineID, failed: row.status == .failed)
            let slot: Int
            if let known = slots[key] {
                slot = known
            } else {
                slot = keys.count
                slots[key] = slot
                keys.append(key)
                projectIDs.append(row.projectID)
                runsOf.append([:])
            }
            if let old = runsOf[slot][row.night], old.pipelineID > run.pipelineID { continue }
            runsOf[slot][row.night] = run
        }
        return keys.indices.map { slot in
            JobHistory(
                key: keys[slot], projectID: projectIDs[slot],
                runs: runsOf[slot].values.sorted { $0.night < $1.night })
        }.sorted { $0.key < $1.key }
    }
}

/// Where a job stands on a night.
public struct Streak: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Red tonight, green (or never run) the run before.
        case new
        /// Green tonight, red the run before.
        case recovered
        /// Red tonight and the run before.
        case failing
        /// Green tonight and the run before, but changing often lately.
        case flapping
    }

    public var key: JobKey
    public var night: String
    public var kind: Kind
    /// The job's run of the night.
    public var jobID: Int
    /// First red night of the current red run (`new`, `failing`); the first red night of the run
    /// that just ended (`recovered`); nil for `flapping`.
    public var since: String?
    /// Red nights in that run (the night itself included for `new` and `failing`).
    public var nights: Int
    /// Outcome changes within the flapping window; `flapping` is true from `Streaks.flapThreshold`.
    public var flips: Int
    public var flapping: Bool
    /// The job never ran before in the history looked at (`new` only).
    public var firstRun: Bool

    public init(
        key: JobKey, night: String, kind: Kind, jobID: Int, since: String?, nights: Int, flips: Int,
        flapping: Bool, firstRun: Bool = false
    ) {
        self.key = key
        self.night = night
        self.kind = kind
        self.jobID = jobID
        self.since = since
        self.nights = nights
        self.flips = flips
        self.flapping = flapping
        self.firstRun = firstRun
    }
}

public enum Streaks {
    /// Runs looked at for flapping.
    public static let flapWindow = 14
    /// Outcome changes within the window that make a job flapping.
    public static let flapThreshold = 4

    /// Every job that is new, recovered, failing or flapping on `night`; by kind (`Kind` order),
    /// then longest streak first, then key. Jobs that did not run that night are left out.
    public static func on(night: String, histories: [JobHistory]) -> [Streak] {
        var result: [Streak] = []
        for history in histories {
            // The night's last run (a binary search: `runs` is sorted by night).
            let end = history.endIndex(through: night)
            guard end > 0, history.runs[end - 1].night == night else { continue }
            let index = end - 1
            let run = history.runs[index]
            let previous = index > 0 ? history.runs[index - 1] : nil
            let flips = history.flips(through: night, window: flapWindow)
            let flapping = flips >= flapThreshold
            // The red run ending at `end` (inclusive): its first night and length.
            func redRun(endingAt end: Int) -> (since: String, nights: Int) {
                var start = end
                while start > 0, history.runs[start - 1].red { start -= 1 }
                return (history.runs[start].night, end - start + 1)
            }
            let streak: Streak
            switch (run.red, previous?.red) {
            case (true, true?):
                let (since, count) = redRun(endingAt: index)
                streak = Streak(
                    key: history.key, night: night, kind: .failing, jobID: run.jobID, since: since,
                    nights: count,
                    flips: flips, flapping: flapping)
            case (true, _):
                streak = Streak(
                    key: history.key, night: night, kind: .new, jobID: run.jobID, since: night, nights: 1,
                    flips: flips, flapping: flapping, firstRun: previous == nil)
            case (false, true?):
                let (since, count) = redRun(endingAt: index - 1)
                streak = Streak(
                    key: history.key, night: night, kind: .recovered, jobID: run.jobID, since: since,
                    nights: count,
                    flips: flips, flapping: flapping)
            case (false, _):
                guard flapping else { continue }
                streak = Streak(
                    key: history.key, night: night, kind: .flapping, jobID: run.jobID, since: nil, nights: 0,
                    flips: flips, flapping: true)
            }
            result.append(streak)
        }
        let order = Streak.Kind.allCases
        return result.sorted { a, b in
            let (ka, kb) = (order.firstIndex(of: a.kind) ?? 0, order.firstIndex(of: b.kind) ?? 0)
            if ka != kb { return ka < kb }
            if a.nights != b.nights { return a.nights > b.nights }
            return a.key < b.key
        }
    }
}

/// Two runs of one job whose traces' dependency listings `suspects` compares.
public struct RunPair: Hashable, Sendable {
    public var key: JobKey
    /// The later run (red for a newly failing job).
    public var jobID: Int
    /// The earlier, green run.
    public var baseJobID: Int
    public var baseNight: String

    public init(key: JobKey, jobID: Int, baseJobID: Int, baseNight: String) {
        self.key = key
        self.jobID = jobID
        self.baseJobID = baseJobID
        self.baseNight = baseNight
    }
}

public enum ChangesPairs {
    /// Jobs that started failing on `night` (red, and not red the run before), each with its last
    /// green run (an allowed failure just before is passed over).
    public static func newlyFailing(on night: String, histories: [JobHistory]) -> [RunPair] {
        histories.compactMap { h in
            guard let run = h.run(on: night), run.red, let before = h.previous(before: night), !before.red,
                let green = h.lastGreen(before: night)
            else {
                return nil
            }
            return RunPair(key: h.key, jobID: run.jobID, baseJobID: green.jobID, baseNight: green.night)
        }
    }

    /// Jobs that succeeded on `night` and the run before, each with that earlier run.
    public static func stillGreen(on night: String, histories: [JobHistory]) -> [RunPair] {
        histories.compactMap { h in
            guard let run = h.run(on: night), !run.failed, let before = h.previous(before: night),
                !before.failed
            else {
                return nil
            }
            return RunPair(key: h.key, jobID: run.jobID, baseJobID: before.jobID, baseNight: before.night)
        }
    }

    /// Ranks the dependency changes of the jobs that started failing on a night.
    ///
    /// `facts` gives what a job's trace says (nil when the trace is not cached); pairs missing either
    /// trace are counted in `withoutTraces` and left out. `clusters` names failing jobs' clusters.
    public static func suspects(
        failing: [RunPair], green: [RunPair], clusters: [Int: String],
        facts: (Int) throws -> TraceFacts?
    ) rethrows -> (suspects: [Suspect], compared: Int, withoutTraces: Int) {
        func changes(_ pair: RunPair) throws -> [DependencyChange]? {
            guard let base = try facts(pair.baseJobID), let later = try facts(pair.jobID) else { return nil }
            return later.diff(since: base).changes
        }
        var failingJobs: [SuspectJob] = []
        var missing = 0
        for pair in failing {
            guard let found = try changes(pair) else {
                missing += 1
                continue
            }
            failingJobs.append(
                SuspectJob(
                    id: pair.jobID, project: pair.key.project, cluster: clusters[pair.jobID], changes: found))
        }
        var greenJobs: [SuspectJob] = []
        for pair in green {
            guard let found = try changes(pair) else { continue }
            greenJobs.append(SuspectJob(id: pair.jobID, project: pair.key.project, changes: found))
        }
        return (SuspectRanker.rank(failing: failingJobs, green: greenJobs), failingJobs.count, missing)
    }
}
