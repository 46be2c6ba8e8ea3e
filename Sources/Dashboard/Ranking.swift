import Foundation
import TriageCore

/// The issue ranking of the assignments view: `issues --ranked 30d` as the
/// morning after the cache's newest night would answer it, with each row's per-night counts
/// (the strip). The rows carry exactly the keys and values of the shell's JSON records, so the
/// dashboard and `issues --ranked 30d --format json` can be compared field for field.
public struct IssueRanking: Sendable, Hashable, Codable {
    /// Nights ranked over, ending at the cache's newest night (`issues --ranked 30d`).
    public static let windowNights = 30

    public var version = 1
    /// The window, oldest first; every row's `counts` has one entry per night.
    public var nights: [String]
    public var rows: [RankingRow]

    public init(nights: [String] = [], rows: [RankingRow] = []) {
        self.nights = nights
        self.rows = rows
    }

    /// Ranks the window's failures with `IssueView.load` and `IssueView.ranked`, the functions
    /// behind `issues --ranked`.
    static func build(
        lastNight: String, cache: CachePorts, book: Assignments, calendar: NightCalendar
    ) throws -> IssueRanking {
        let nights = calendar.nights(endingAt: lastNight, count: windowNights)
        let view = try IssueView.load(
            nights: nights, cache: cache, book: book, calendar: calendar)
        return IssueRanking(nights: nights, rows: view.ranked().map(RankingRow.init))
    }
}

/// One row of the ranking: an issue, or an untriaged cluster ("no issue yet"). Encoded with the
/// keys of `issues --ranked --format json`, nulls included.
public struct RankingRow: Sendable, Hashable, Codable {
    /// Encoded as the shell's issue record (`url` null when unknown, `title` left out when unknown).
    public var issue: IssueRef?
    public var cluster: String?
    /// `opened`, `closed`, or null when the cache does not hold the issue (and for a cluster).
    public var state: String?
    public var failures: Int
    /// `rising`, `steady` or `fading` (`IssueTrend`).
    public var trend: String
    public var projects: Int
    public var counts: [Int]
    /// One character a night: `.` none, `1`…`9`, `+` ten or more (`IssueView.strip`).
    public var strip: String
    public var first: String?
    public var last: String?
    public var closedButFailing: Bool

    enum CodingKeys: String, CodingKey {
        case issue, cluster, state, failures, trend, projects, counts, strip, first, last
        case closedButFailing = "closed_but_failing"
    }

    init(_ row: RankedIssueRow) {
        issue = row.issue
        cluster = row.cluster
        state = row.state
        failures = row.total
        trend = row.trend.rawValue
        projects = row.projects
        counts = row.counts
        strip = row.strip
        first = row.first
        last = row.last
        closedButFailing = row.closedButFailing
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(issue, forKey: .issue)
        try c.encode(cluster, forKey: .cluster)
        try c.encode(state, forKey: .state)
        try c.encode(failures, forKey: .failures)
        try c.encode(trend, forKey: .trend)
        try c.encode(projects, forKey: .projects)
        try c.encode(counts, forKey: .counts)
        try c.encode(strip, forKey: .strip)
        try c.encode(first, forKey: .first)
        try c.encode(last, forKey: .last)
        try c.encode(closedButFailing, forKey: .closedButFailing)
    }
}
