import Foundation
import TriageCore

/// The issue ranking of the assignments view: `issues --ranked 30d` as the
/// morning after the cache's newest night would answer it, with each row's per-night counts
/// (the strip). The rows carry exactly the keys and values of the shell's JSON records, so the
/// dashboard and `issues --ranked 30d --format json` can be compared field for field.
public struct IssueRanking: Sendable, Hashable, Encodable {
    /// Nights ranked over, ending at the cache's newest night (`issues --ranked 30d`).
    public static let windowNights = 30

    public var version = 1
    /// The window, oldest first; every row's `counts` has one entry per night.
    public var nights: [String]
    /// `issues --ranked`'s records (`RankedIssueRecord`), so page and shell agree key for key.
    public var rows: [RankedIssueRecord]

    public init(nights: [String] = [], rows: [RankedIssueRecord] = []) {
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
        return IssueRanking(nights: nights, rows: view.ranked().map(RankedIssueRecord.init))
    }
}
