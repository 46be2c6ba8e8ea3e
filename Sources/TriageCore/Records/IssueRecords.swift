import Foundation

/// A row of `issues --ranked`, as its `--format json` answers it and the dashboard's
/// `data/ranking.js` lists it: an issue (its record, `null` for an untriaged cluster), or the
/// untriaged cluster, with its failures over the window per night.
public struct RankedIssueRecord: Sendable, Hashable, Encodable {
    public var row: RankedIssueRow

    public init(_ row: RankedIssueRow) { self.row = row }

    enum CodingKeys: String, CodingKey {
        case issue, cluster, state, failures, trend, projects, counts, strip, first, last
        case closedButFailing = "closed_but_failing"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(row.issue.map { IssueRecord($0) }, forKey: .issue)
        try c.encode(row.cluster, forKey: .cluster)
        try c.encode(row.state, forKey: .state)
        try c.encode(row.total, forKey: .failures)
        try c.encode(row.trend.rawValue, forKey: .trend)
        try c.encode(row.projects, forKey: .projects)
        try c.encode(row.counts, forKey: .counts)
        try c.encode(row.strip, forKey: .strip)
        try c.encode(row.first, forKey: .first)
        try c.encode(row.last, forKey: .last)
        try c.encode(row.closedButFailing, forKey: .closedButFailing)
    }
}

/// `issue REF --format json`: the issue's failures over the window, where they are (projects,
/// job names, clusters, each with its failures), and the clusters that fail on the same nights and
/// projects (`co_occurring`, lift to three decimals).
public struct IssueActivityRecord: Sendable, Hashable, Encodable {
    public var activity: IssueActivity
    public var coOccurring: [CoOccurrence]

    public init(_ activity: IssueActivity, coOccurring: [CoOccurrence]) {
        self.activity = activity
        self.coOccurring = coOccurring
    }

    enum CodingKeys: String, CodingKey {
        case issue, state, nights, counts, strip, failures, first, last, trend, jobs, projects, clusters
        case jobNames = "job_names"
        case coOccurring = "co_occurring"
        case closedButFailing = "closed_but_failing"
        case failuresAfterClose = "failures_after_close"
    }

    enum CountKeys: String, CodingKey { case project, name, cluster, failures }

    enum CoKeys: String, CodingKey {
        case cluster, issue, together, lift
        case clusterCells = "cluster_cells"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let a = activity
        try c.encode(IssueRecord(a.issue), forKey: .issue)
        try c.encode(a.state, forKey: .state)
        try c.encode(a.nights, forKey: .nights)
        try c.encode(a.counts, forKey: .counts)
        try c.encode(a.strip, forKey: .strip)
        try c.encode(a.total, forKey: .failures)
        try c.encode(a.first, forKey: .first)
        try c.encode(a.last, forKey: .last)
        try c.encode(a.trend.rawValue, forKey: .trend)
        try c.encode(a.jobs, forKey: .jobs)
        func counts(_ list: [NamedCount], _ name: CountKeys, as key: CodingKeys) throws {
            var items = c.nestedUnkeyedContainer(forKey: key)
            for count in list {
                var item = items.nestedContainer(keyedBy: CountKeys.self)
                try item.encode(count.name, forKey: name)
                try item.encode(count.failures, forKey: .failures)
            }
        }
        try counts(a.projects, .project, as: .projects)
        try counts(a.jobNames, .name, as: .jobNames)
        try counts(a.clusters, .cluster, as: .clusters)
        var together = c.nestedUnkeyedContainer(forKey: .coOccurring)
        for o in coOccurring {
            var item = together.nestedContainer(keyedBy: CoKeys.self)
            try item.encode(o.cluster, forKey: .cluster)
            try item.encode(o.issue.map { IssueRecord($0) }, forKey: .issue)
            try item.encode(o.together, forKey: .together)
            try item.encode(o.clusterCells, forKey: .clusterCells)
            try item.encode(o.lift.thousandths, forKey: .lift)
        }
        try c.encode(a.closedButFailing, forKey: .closedButFailing)
        try c.encode(a.failuresAfterClose, forKey: .failuresAfterClose)
    }
}
