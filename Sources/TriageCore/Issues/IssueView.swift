import Foundation

// The per-issue view: how often an issue's failures show up over a window of nights,
// where, in which clusters, together with which other clusters, and the issues ranked by it.
// Pure: the shell gives it the window's failures, the assignments and the issues' states.

/// One failed job of the window, as the view needs it.
public struct ViewedFailure: Hashable, Sendable {
    public var jobID: Int
    public var projectPath: String
    public var night: String
    public var jobName: String
    /// The job's cluster id (`c-…`), nil when not analysed into one.
    public var cluster: String?

    public init(jobID: Int, projectPath: String, night: String, jobName: String, cluster: String?) {
        self.jobID = jobID
        self.projectPath = projectPath
        self.night = night
        self.jobName = jobName
        self.cluster = cluster
    }
}

/// What the cache knows of an issue's state.
public struct ViewedIssueState: Hashable, Sendable {
    /// `opened` or `closed`.
    public var state: String
    /// The night (workspace calendar) the issue was closed on; nil when open or unknown.
    public var closedNight: String?

    public init(state: String, closedNight: String?) {
        self.state = state
        self.closedNight = closedNight
    }
}

/// Whether an issue's failures grow or shrink over the window.
public enum IssueTrend: String, Hashable, Sendable {
    case rising, steady, fading

    /// Compares the older half of the window with the recent half (the middle night of an odd
    /// window is in neither). Rising: the recent half has at least 2 more failures and more than
    /// 1.5 times as many, and some of them are on the last nights (the last eighth of the window,
    /// at least 2): a problem last seen 12 nights ago is not rising. Fading: the halves the other
    /// way round. Otherwise steady.
    ///
    /// `[0, 0, 1, 3]` is rising (recent 4 against older 0); `[2, 1, 2, 1]` is steady;
    /// `[3, 3, 0, 1]` is fading; `[0, 1]` is steady (a difference of 1 is noise).
    public static func of(_ counts: [Int]) -> IssueTrend {
        let half = counts.count / 2
        let older = counts.prefix(half).reduce(0, +)
        let recent = counts.suffix(half).reduce(0, +)
        let lastNights = counts.suffix(max(2, counts.count / 8)).reduce(0, +)
        if recent - older >= 2, Double(recent) > 1.5 * Double(older), lastNights > 0 { return .rising }
        if older - recent >= 2, Double(older) > 1.5 * Double(recent) { return .fading }
        return .steady
    }
}

/// A name with how many of the failures carry it (a project, a job name, a cluster).
public struct NamedCount: Hashable, Sendable {
    public var name: String
    public var failures: Int
    public init(name: String, failures: Int) {
        self.name = name
        self.failures = failures
    }
}

/// An issue's failures over the window.
public struct IssueActivity: Hashable, Sendable {
    public var issue: IssueRef
    /// `opened`, `closed`, or nil when the cache does not hold the issue.
    public var state: String?
    /// The window, oldest first, and the failures per night.
    public var nights: [String]
    public var counts: [Int]
    public var jobs: [Int]
    public var first: String?
    public var last: String?
    /// Most failures first, then by name.
    public var projects: [NamedCount]
    public var jobNames: [NamedCount]
    public var clusters: [NamedCount]
    /// Failures on nights after the night the issue was closed.
    public var failuresAfterClose: Int

    public var total: Int { jobs.count }
    public var trend: IssueTrend { IssueTrend.of(counts) }
    /// Closed, and failing on a later night: closed too early, or regressed.
    public var closedButFailing: Bool { state == "closed" && failuresAfterClose > 0 }
    public var strip: String { IssueView.strip(counts) }
}

/// Another cluster failing in the same (night, project) cells as an issue.
public struct CoOccurrence: Hashable, Sendable {
    public var cluster: String
    /// The issue that cluster's failures are assigned to, if any (the most frequent one).
    public var issue: IssueRef?
    /// Cells (night, project) where both fail.
    public var together: Int
    /// Cells where the cluster fails.
    public var clusterCells: Int
    /// together / expected-by-chance: `together · N / (issueCells · clusterCells)`, N the cells
    /// with any failure in the window. Above 1: more often together than chance.
    public var lift: Double
}

/// One row of `issues --ranked`: an issue, or an untriaged cluster ("no issue yet").
public struct RankedIssueRow: Hashable, Sendable {
    /// Nil for an untriaged cluster.
    public var issue: IssueRef?
    /// The cluster of an untriaged row; nil for an issue.
    public var cluster: String?
    public var state: String?
    public var counts: [Int]
    public var total: Int
    public var projects: Int
    public var first: String?
    public var last: String?
    public var closedButFailing: Bool

    public var trend: IssueTrend { IssueTrend.of(counts) }
    public var strip: String { IssueView.strip(counts) }
}

/// The failures of a window grouped by the issue covering each (`Assignments.assignmentFor`).
public struct IssueView: Sendable {
    public let nights: [String]
    public let failures: [ViewedFailure]
    /// The issue key (`julia/Foo.jl#45`) of each failure, nil when untriaged; parallel to `failures`.
    public let keys: [String?]
    /// The fullest reference known per issue key (title and URL from the cache when present).
    public let refs: [String: IssueRef]
    public let states: [String: ViewedIssueState]

    /// - Parameters:
    ///   - nights: the window, oldest first; failures of other nights are ignored.
    ///   - states: per issue key, what the cache knows; `cachedRefs` the references with titles.
    public init(
        nights: [String], failures: [ViewedFailure], book: Assignments,
        states: [String: ViewedIssueState] = [:],
        cachedRefs: [String: IssueRef] = [:]
    ) {
        let window = Set(nights)
        self.nights = nights
        self.failures = failures.filter { window.contains($0.night) }
        var refs = cachedRefs
        for a in book.assignments where refs[a.issue.key] == nil { refs[a.issue.key] = a.issue }
        for c in book.clusters where refs[c.issue.key] == nil { refs[c.issue.key] = c.issue }
        self.refs = refs
        self.states = states
        var own: [Int: String] = [:]
        for a in book.assignments { own[a.job] = a.issue.key }
        var shared: [String: String] = [:]
        for c in book.clusters { shared[c.cluster] = c.issue.key }
        self.keys = self.failures.map { f in own[f.jobID] ?? f.cluster.flatMap { shared[$0] } }
    }

    /// `.` for a night without failures, `1`…`9`, `+` for 10 or more: one character a night.
    public static func strip(_ counts: [Int]) -> String {
        String(counts.map { n in n == 0 ? "." : n < 10 ? Character(String(n)) : "+" })
    }

    private func counts(of indices: [Int]) -> [Int] {
        var position: [String: Int] = [:]
        for (k, night) in nights.enumerated() { position[night] = k }
        var counts = Array(repeating: 0, count: nights.count)
        for i in indices { if let k = position[failures[i].night] { counts[k] += 1 } }
        return counts
    }

    private static func tally(_ names: [String]) -> [NamedCount] {
        var counts: [String: Int] = [:]
        for name in names { counts[name, default: 0] += 1 }
        return counts.map { NamedCount(name: $0.key, failures: $0.value) }
            .sorted { ($1.failures, $0.name) < ($0.failures, $1.name) }
    }

    private func failuresAfterClose(_ indices: [Int], key: String) -> Int {
        guard let state = states[key], state.state == "closed", let closed = state.closedNight else {
            return 0
        }
        return indices.filter { failures[$0].night > closed }.count
    }

    /// The failures of an issue over the window; nil when no failure is assigned to it and the
    /// cache does not know it.
    public func activity(of key: String) -> IssueActivity? {
        guard let ref = refs[key] else { return nil }
        let indices = keys.indices.filter { keys[$0] == key }
        let mine = indices.map { failures[$0] }
        let nightsSeen = mine.map(\.night)
        return IssueActivity(
            issue: ref, state: states[key]?.state, nights: nights, counts: counts(of: indices),
            jobs: mine.map(\.jobID).sorted(), first: nightsSeen.min(), last: nightsSeen.max(),
            projects: Self.tally(mine.map(\.projectPath)), jobNames: Self.tally(mine.map(\.jobName)),
            clusters: Self.tally(mine.compactMap(\.cluster)),
            failuresAfterClose: failuresAfterClose(indices, key: key))
    }

    private struct Cell: Hashable {
        var night: String
        var project: String
    }

    /// Clusters failing in the same (night, project) cells as the issue more often than chance
    /// (lift above 1), most lifted first. A pair seen together in fewer than `minimumTogether`
    /// cells is never reported: one shared night says nothing. The issue's own failures are not
    /// counted for the other cluster.
    public func coOccurrences(of key: String, minimumTogether: Int = 3) -> [CoOccurrence] {
        var all = Set<Cell>()
        var issueCells = Set<Cell>()
        var clusterCells: [String: Set<Cell>] = [:]
        var clusterIssues: [String: [String: Int]] = [:]
        for (f, k) in zip(failures, keys) {
            let cell = Cell(night: f.night, project: f.projectPath)
            all.insert(cell)
            if k == key {
                issueCells.insert(cell)
            } else if let cluster = f.cluster {
                clusterCells[cluster, default: []].insert(cell)
                if let k { clusterIssues[cluster, default: [:]][k, default: 0] += 1 }
            }
        }
        guard !issueCells.isEmpty else { return [] }
        var result: [CoOccurrence] = []
        for (cluster, cells) in clusterCells {
            let together = cells.intersection(issueCells).count
            guard together >= max(1, minimumTogether) else { continue }
            let lift = Double(together) * Double(all.count) / (Double(issueCells.count) * Double(cells.count))
            guard lift > 1 else { continue }
            let issueKey = clusterIssues[cluster]?.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
            result.append(
                CoOccurrence(
                    cluster: cluster, issue: issueKey.flatMap { refs[$0] }, together: together,
                    clusterCells: cells.count,
                    lift: lift))
        }
        return result.sorted { ($1.lift, $1.together, $0.cluster) < ($0.lift, $0.together, $1.cluster) }
    }

    /// Issues by failures in the window, most first, with untriaged clusters as rows of their own
    /// so that nothing prevalent hides because nobody filed it. Rows without failures are left out;
    /// failures with neither an issue nor a cluster are in no row. Ties: issues before clusters,
    /// then by key.
    public func ranked() -> [RankedIssueRow] {
        var byIssue: [String: [Int]] = [:]
        var byCluster: [String: [Int]] = [:]
        for (i, k) in keys.enumerated() {
            if let k {
                byIssue[k, default: []].append(i)
            } else if let cluster = failures[i].cluster {
                byCluster[cluster, default: []].append(i)
            }
        }
        func row(_ indices: [Int], issue: IssueRef?, cluster: String?, key: String?) -> RankedIssueRow {
            let mine = indices.map { failures[$0] }
            let after = key.map { failuresAfterClose(indices, key: $0) } ?? 0
            return RankedIssueRow(
                issue: issue, cluster: cluster, state: key.flatMap { states[$0]?.state },
                counts: counts(of: indices),
                total: indices.count, projects: Set(mine.map(\.projectPath)).count,
                first: mine.map(\.night).min(),
                last: mine.map(\.night).max(), closedButFailing: after > 0)
        }
        var rows: [(sortKey: String, row: RankedIssueRow)] = []
        for (key, indices) in byIssue {
            let ref = refs[key] ?? IssueRef(project: "", iid: 0)
            rows.append(("0" + key, row(indices, issue: ref, cluster: nil, key: key)))
        }
        for (cluster, indices) in byCluster {
            rows.append(("1" + cluster, row(indices, issue: nil, cluster: cluster, key: nil)))
        }
        return rows.sorted { ($1.row.total, $0.sortKey) < ($0.row.total, $1.sortKey) }.map(\.row)
    }
}

/// A cache that can list the window's analysed failures without their excerpts and signatures
/// (what the view needs, at a fraction of `AnalysisStore.analyses(nights:)`'s cost).
public protocol ViewedFailureSource: Sendable {
    /// The analysed failures of these nights, by night then job id.
    func viewedFailures(nights: Set<String>) throws -> [ViewedFailure]
}
