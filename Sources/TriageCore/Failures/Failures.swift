import LogAnalysis

/// Which failed jobs a listing keeps: the options of `failures`, applied in one place by
/// `Failures.rows`. Every criterion left nil (or false) keeps every job.
public struct FailureFilter: Sendable, Hashable {
    /// Whether an issue covers the failure (its own assignment or its cluster's).
    public enum Coverage: Sendable, Hashable {
        case any, triaged, untriaged
    }

    public var projectID: Int?
    public var stage: String?
    public var failureReason: String?
    /// A glob over the job's name (`*` and `?`, the whole name, case-sensitive).
    public var name: String?
    public var cluster: ClusterID?
    /// Only jobs whose cluster was first seen on their night.
    public var onlyNew: Bool
    public var coverage: Coverage
    /// Jobs allowed to fail are kept too (`--with-warnings`).
    public var allowedToFail: Bool

    public init(
        projectID: Int? = nil, stage: String? = nil, failureReason: String? = nil, name: String? = nil,
        cluster: ClusterID? = nil, onlyNew: Bool = false, coverage: Coverage = .any,
        allowedToFail: Bool = false
    ) {
        self.projectID = projectID
        self.stage = stage
        self.failureReason = failureReason
        self.name = name
        self.cluster = cluster
        self.onlyNew = onlyNew
        self.coverage = coverage
        self.allowedToFail = allowedToFail
    }
}

/// The issue that covers a failure: its own assignment's, or its cluster's (`inherited`).
public struct CoveringIssue: Sendable, Hashable {
    public var issue: IssueRef
    public var inherited: Bool

    public init(issue: IssueRef, inherited: Bool) {
        self.issue = issue
        self.inherited = inherited
    }
}

/// A failed job with what triage concluded about it: its cluster and key line as the analysis
/// stored them, NEW, flaky, and the issue that covers it. `failures` lists these; the dashboard's
/// night files show the same facts of the same jobs.
public struct FailureFacts: Sendable, Hashable {
    public var listing: FailureListing
    /// The job's cluster is flaky (`FlakyClusters`: a member retried to green, or alternating).
    public var flaky: Bool
    public var issue: CoveringIssue?
    /// Since when the job fails and the top suspect (`WhatChanged`), when the listing asked.
    public var changes: ChangesAnswer

    /// Whether a listing computed what changed, and what it found for the job: nil for a job not
    /// red on its night (allowed to fail, or of a pipeline the night's newest one replaced).
    public enum ChangesAnswer: Sendable, Hashable {
        case notAsked
        case answered(JobChanges?)
    }

    public init(
        listing: FailureListing, flaky: Bool, issue: CoveringIssue?, changes: ChangesAnswer = .notAsked
    ) {
        self.listing = listing
        self.flaky = flaky
        self.issue = issue
        self.changes = changes
    }

    public var cluster: ClusterID? { listing.insight?.cluster }
    /// The job's cluster was first seen on the job's night.
    public var isNew: Bool { listing.insight?.isNew(on: listing.night) ?? false }
}

/// The failures use case: the failed jobs of some nights' nightly pipelines with their facts.
public enum Failures {
    /// What `rows` found.
    public struct Answer: Sendable {
        /// The jobs the filter kept, in the store's order (newest night first).
        public var rows: [FailureFacts]
        /// Failed jobs of these nights before any filter (allowed failures as the filter says).
        public var unfiltered: Int
    }

    /// The failed latest attempts of `nights`' pipelines of `source` (every source when nil) that
    /// `filter` keeps. `flaky` is read only when some job is kept (a listing of nothing pays
    /// nothing for it); `changes`, when given, answers since and top suspect of the kept jobs of
    /// the range's newest night that are not allowed to fail, asked once for all their keys
    /// (`WhatChanged.jobs`), as the dashboard says them of last night. The older nights' jobs are
    /// `.notAsked`: a month's listing would otherwise read every listed job's runs over three
    /// months, for streaks that have long ended.
    public static func rows(
        nights: Set<String>, source: String?, filter: FailureFilter, listings: any AnalysisQueries,
        flaky: () throws -> FlakyClusters, assignments book: Assignments,
        changes: ((_ night: String, _ keys: [WhatChanged.Key]) throws -> [Int: JobChanges])? = nil
    ) throws -> Answer {
        let all = try listings.failureListing(nights: nights, allowedToFail: filter.allowedToFail)
        var kept: [(listing: FailureListing, issue: CoveringIssue?)] = []
        let covers = !book.assignments.isEmpty || !book.clusters.isEmpty
        for row in all {
            if let source, row.source != source { continue }
            if let project = filter.projectID, row.projectID != project { continue }
            if let stage = filter.stage, row.stage != stage { continue }
            if let reason = filter.failureReason, row.failureReason != reason { continue }
            if let glob = filter.name, !Glob.matches(glob, row.name) { continue }
            if let cluster = filter.cluster, row.insight?.cluster != cluster { continue }
            if filter.onlyNew, row.insight?.isNew(on: row.night) != true { continue }
            let issue =
                covers ? book.assignmentFor(job: row.jobID, cluster: row.insight?.cluster?.rawValue) : nil
            switch filter.coverage {
            case .any: break
            case .triaged where issue == nil: continue
            case .untriaged where issue != nil: continue
            case .triaged, .untriaged: break
            }
            kept.append((row, issue))
        }
        let clusters = kept.isEmpty ? FlakyClusters() : try flaky()
        let newest = nights.max()
        var changed: [Int: JobChanges]?
        if let changes, let newest {
            // (A key twice, a night's two pipelines of one job, is read once: the store's keys are distinct.)
            let keys = kept.map(\.listing).filter { $0.night == newest && !$0.allowFailure }
                .map { (projectID: $0.projectID, name: $0.name) }
            changed = keys.isEmpty ? [:] : try changes(newest, keys)
        }
        return Answer(
            rows: kept.map { row in
                var answer = FailureFacts.ChangesAnswer.notAsked
                if let changed, row.listing.night == newest { answer = .answered(changed[row.listing.jobID]) }
                return FailureFacts(
                    listing: row.listing, flaky: clusters.contains(row.listing.insight?.cluster),
                    issue: row.issue, changes: answer)
            },
            unfiltered: all.count)
    }
}

/// Glob patterns with `*` and `?` (no classes) over a whole string, case-sensitive.
public enum Glob {
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern)
        let t = Array(text)
        var pi = 0
        var ti = 0
        var star = -1
        var mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || p[pi] == t[ti] {
                pi += 1
                ti += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
