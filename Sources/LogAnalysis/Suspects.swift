/// One job of a night seen through its dependency changes: for a job that started failing, the
/// changes since its own last green run; for a job still green, the changes since its previous
/// green night.
public struct SuspectJob: Hashable, Sendable, Codable {
    /// The GitLab job id.
    public var id: Int
    /// The project path (`group/project`).
    public var project: String
    /// The failure cluster of a failing job (`Clustering`'s stable id); nil for green jobs.
    public var cluster: String?
    public var changes: [DependencyChange]

    public init(id: Int, project: String, cluster: String? = nil, changes: [DependencyChange]) {
        self.id = id
        self.project = project
        self.cluster = cluster
        self.changes = changes
    }
}

/// A dependency change that may explain a night's new failures, with the evidence for it.
public struct Suspect: Hashable, Sendable, Codable, CustomStringConvertible {
    public var ecosystem: Ecosystem
    /// As printed by the first failing job that has it.
    public var name: String
    /// The version jobs moved to; nil when the change is a removal.
    public var to: String?
    /// The versions jobs moved from, distinct and sorted; empty when every job added it.
    public var from: [String]
    /// The kinds seen (`upgraded` from one job, `added` from another …), distinct, in `Kind` order.
    public var kinds: [DependencyChange.Kind]
    /// Distinct newly failing jobs with this change.
    public var newlyFailing: Int
    /// Distinct still-green jobs with this change.
    public var alsoInGreen: Int
    /// Ids of those failing jobs, ascending.
    public var failingJobs: [Int]
    /// Projects of those failing jobs, distinct and sorted.
    public var projects: [String]
    /// Clusters of those failing jobs, distinct and sorted (jobs without one add nothing).
    public var clusters: [String]
    /// `SuspectRanker.score(newlyFailing:alsoInGreen:)`; higher is more suspect.
    public var score: Double

    public init(
        ecosystem: Ecosystem, name: String, to: String?, from: [String], kinds: [DependencyChange.Kind],
        newlyFailing: Int, alsoInGreen: Int, failingJobs: [Int], projects: [String], clusters: [String],
        score: Double
    ) {
        self.ecosystem = ecosystem
        self.name = name
        self.to = to
        self.from = from
        self.kinds = kinds
        self.newlyFailing = newlyFailing
        self.alsoInGreen = alsoInGreen
        self.failingJobs = failingJobs
        self.projects = projects
        self.clusters = clusters
        self.score = score
    }

    /// `julia:DataFrames → 1.7.0 (from 1.6.0, 1.6.1): 5 failing, 0 green, score 3.47`.
    public var description: String {
        let fromText = from.isEmpty ? "" : " (from \(from.joined(separator: ", ")))"
        let rounded = (score * 100).rounded() / 100
        return "\(ecosystem.rawValue):\(name) → \(to ?? "removed")\(fromText): \(newlyFailing) failing, "
            + "\(alsoInGreen) green, score \(rounded)"
    }
}

/// Ranks one night's dependency changes by how well they explain the jobs that started failing.
public enum SuspectRanker {
    /// The suspicion score of a change found in `newlyFailing` jobs that started failing and in
    /// `alsoInGreen` jobs that stayed green: `f · (f / (f + g + 1))²`.
    ///
    /// `f / (f + g + 1)` is the share of the jobs that got the change which then failed, shrunk
    /// towards 0 for small counts (the `+ 1`); it is squared so that a change many green jobs took
    /// without harm sinks fast; the factor `f` makes a change behind many failures outrank one
    /// behind a single failure. Examples:
    ///
    /// | failing f | green g | score |
    /// |---|---|---|
    /// | 5 | 0 | 3.47 — a culprit shared by five failing projects |
    /// | 3 | 1 | 1.08 |
    /// | 2 | 0 | 0.89 |
    /// | 1 | 0 | 0.25 — the only change of a single failing job |
    /// | 5 | 20 | 0.18 — a routine bump everybody got |
    /// | 0 | any | 0 |
    public static func score(newlyFailing f: Int, alsoInGreen g: Int) -> Double {
        guard f > 0 else { return 0 }
        let share = Double(f) / Double(f + max(g, 0) + 1)
        return Double(f) * share * share
    }

    /// The changes of `failing` jobs, best suspect first.
    ///
    /// What the caller may rely on:
    /// - Changes match on (ecosystem, normalized name, `to` version): two jobs that moved to
    ///   DataFrames 1.7.0 from different versions share one suspect; a removal matches removals.
    /// - A job counts once per suspect, however often it lists the change; jobs are identified by
    ///   `id` (a job given twice counts once, a failing id given as green too counts as failing only).
    /// - Only changes seen in at least one failing job are suspects.
    /// - Order: score descending, then more failing jobs, fewer green jobs, then ecosystem, name and
    ///   `to` ascending (removals last) — deterministic for equal scores.
    /// - Failing jobs without the change are not counted against it: a night can have several causes.
    public static func rank(failing: [SuspectJob], green: [SuspectJob]) -> [Suspect] {
        struct Key: Hashable {
            var ecosystem: Ecosystem
            var name: String
            var to: String?
        }
        struct Evidence {
            var name: String
            var from: Set<String> = []
            var kinds: Set<DependencyChange.Kind> = []
            var failing: Set<Int> = []
            var projects: Set<String> = []
            var clusters: Set<String> = []
            var green: Set<Int> = []
        }
        func key(_ c: DependencyChange) -> Key {
            Key(ecosystem: c.ecosystem, name: c.ecosystem.normalizedName(c.name), to: c.to)
        }
        var evidence: [Key: Evidence] = [:]
        var order: [Key] = []
        let failingIDs = Set(failing.map(\.id))
        for job in failing {
            for change in job.changes {
                let k = key(change)
                if evidence[k] == nil {
                    evidence[k] = Evidence(name: change.name)
                    order.append(k)
                }
                evidence[k]?.failing.insert(job.id)
                evidence[k]?.projects.insert(job.project)
                if let from = change.from { evidence[k]?.from.insert(from) }
                evidence[k]?.kinds.insert(change.kind)
                if let cluster = job.cluster { evidence[k]?.clusters.insert(cluster) }
            }
        }
        for job in green where !failingIDs.contains(job.id) {
            for change in job.changes {
                evidence[key(change)]?.green.insert(job.id)
            }
        }
        let kindOrder = DependencyChange.Kind.allCases
        let suspects = order.compactMap { k -> (Key, Suspect)? in
            guard let e = evidence[k] else { return nil }
            let suspect = Suspect(
                ecosystem: k.ecosystem, name: e.name, to: k.to, from: e.from.sorted(),
                kinds: kindOrder.filter(e.kinds.contains),
                newlyFailing: e.failing.count, alsoInGreen: e.green.count, failingJobs: e.failing.sorted(),
                projects: e.projects.sorted(), clusters: e.clusters.sorted(),
                score: score(newlyFailing: e.failing.count, alsoInGreen: e.green.count))
            return (k, suspect)
        }
        return suspects.sorted { x, y in
            let (a, b) = (x.1, y.1)
            if a.score != b.score { return a.score > b.score }
            if a.newlyFailing != b.newlyFailing { return a.newlyFailing > b.newlyFailing }
            if a.alsoInGreen != b.alsoInGreen { return a.alsoInGreen < b.alsoInGreen }
            if x.0.ecosystem != y.0.ecosystem { return x.0.ecosystem < y.0.ecosystem }
            if x.0.name != y.0.name { return x.0.name < y.0.name }
            switch (x.0.to, y.0.to) {
            case (.some(let p), .some(let q)): return p < q
            case (.some, nil): return true
            default: return false
            }
        }.map(\.1)
    }
}
