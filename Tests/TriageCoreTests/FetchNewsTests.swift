import Foundation
import LogAnalysis
import Testing
import TriageCore

/// Which founded clusters a fetch line calls new (`FetchNews`): table of the cache before and after.
@Suite struct FetchNewsTests {
    struct Case: CustomStringConvertible, Sendable {
        var description: String
        var previousClusters: Int
        var newestNightBefore: String?
        var nights: [String]
        /// Expected: the first nights of the founded clusters that count as new.
        var new: [String]
        var comparable = true
    }

    static let founded = ["2026-11-26", "2026-11-27", "2026-11-28"]
    static let window = ["2026-11-26", "2026-11-27", "2026-11-28"]

    static let cases: [Case] = [
        Case(
            description: "clusters before: every founded one is new", previousClusters: 3,
            newestNightBefore: "2026-11-25", nights: ["2026-11-25"] + window, new: founded),
        Case(
            description: "first fetch: only the newest night's", previousClusters: 0, newestNightBefore: nil,
            nights: window, new: ["2026-11-28"]),
        Case(
            description: "first fetch of one night: nothing to compare", previousClusters: 0,
            newestNightBefore: nil, nights: ["2026-11-28"], new: [], comparable: false),
        Case(
            description: "all green before: those after the cached nights", previousClusters: 0,
            newestNightBefore: "2026-11-26", nights: window, new: ["2026-11-27", "2026-11-28"]),
    ]

    @Test(arguments: cases) func newClusters(_ c: Case) throws {
        var report = AnalysisReport()
        report.previousClusters = c.previousClusters
        for (k, night) in Self.founded.enumerated() {
            let id = try #require(ClusterID(rawValue: "c-0000000\(k)"))
            report.founded.append(id)
            report.foundedFirstNights[id] = night
        }
        let news = FetchNews(report: report, newestNightBefore: c.newestNightBefore, nights: c.nights)
        #expect(news.newClusters.map { report.foundedFirstNights[$0] ?? "?" } == c.new)
        #expect(news.comparable == c.comparable)
        #expect(news.firstFetch == (c.newestNightBefore == nil))
        #expect(news.newestNight == c.nights.last)
    }
}
