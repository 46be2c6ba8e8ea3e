import Foundation
import Store
import Testing
import TriageCore

@testable import Dashboard

@Suite struct RankingTests {
    static let hostile = #"<script>document.title='PWNED'</script><img src=x onerror=alert(1)> "q""#

    /// The ranking is `IssueView.load` + `ranked()` over the 30 nights ending at the newest night,
    /// encoded with the shell's keys: a closed issue still failing is flagged, its cached title (hostile
    /// here) kept as data, and an untriaged cluster is a "no issue yet" row.
    @Test func rankingIsTheShellsRanking() throws {
        let (directory, store) = try makeChangesCache()
        defer { try? FileManager.default.removeItem(at: directory) }
        let analyses = try store.analyses(nights: nil)
        let clusterA = try #require(analyses.first { $0.projectPath == "julia/A.jl" }?.cluster?.rawValue)
        let clusterB = try #require(analyses.first { $0.projectPath == "julia/B.jl" }?.cluster?.rawValue)
        #expect(clusterA != clusterB)
        let closed = ISO8601DateFormatter().date(from: "2026-11-27T06:00:00Z")!
        try store.upsertIssues([
            Issue(
                id: 9, iid: 4, projectID: 1, title: Self.hostile, description: nil, state: "closed",
                labels: [],
                webURL: "https://g/julia/A.jl/-/issues/4", createdAt: closed, updatedAt: closed,
                closedAt: closed)
        ])
        let book = try PageAssignments.parse(
            Data(
                #"{"version": 1, "assignments": [], "clusters": [{"cluster": "\#(clusterA)", "by": "al", "at": "2026-11-29T08:00:00Z", "issue": {"project": "julia/A.jl", "iid": 4, "url": "https://g/julia/A.jl/-/issues/4"}}]}"#
                    .utf8))
        let model = try DashboardBuilder(cache: CachePorts(store), source: "schedule", calendar: utc)
            .build(assignments: book)
        let nights = utc.nights(endingAt: "2026-11-28", count: 30)
        #expect(model.ranking.nights == nights)
        let view = try IssueView.load(
            nights: nights, cache: CachePorts(store), book: book.book, calendar: utc)
        #expect(model.ranking.rows == view.ranked().map(RankedIssueRecord.init))
        #expect(model.ranking.rows.map(\.row.issue?.key) == ["julia/A.jl#4", nil])
        #expect(model.ranking.rows.map(\.row.cluster) == [nil, clusterB])
        #expect(model.ranking.rows[0].row.closedButFailing)
        #expect(model.ranking.rows[0].row.issue?.title == Self.hostile)
        let counts = Array(repeating: 0, count: 28)
        let file = try #require(try Site.files(model).first { $0.path == "data/ranking.js" })
        let strip = String(repeating: ".", count: 28)
        #expect(
            String(decoding: file.contents, as: UTF8.self)
                == #"triageData("ranking", {"nights":[\#(nights.map { "\"\($0)\"" }.joined(separator: ","))],"rows":["#
                + #"{"closed_but_failing":true,"cluster":null,"counts":[\#((counts + [1, 1]).map(String.init).joined(separator: ","))],"#
                + #""failures":2,"first":"2026-11-27","issue":{"iid":4,"project":"julia/A.jl","title":"<script>document.title='PWNED'</script><img src=x onerror=alert(1)> \"q\"","url":"https://g/julia/A.jl/-/issues/4"},"#
                + #""last":"2026-11-28","projects":1,"state":"closed","strip":"\#(strip)11","trend":"rising"},"#
                + #"{"closed_but_failing":false,"cluster":"\#(clusterB)","counts":[\#((counts + [0, 1]).map(String.init).joined(separator: ","))],"#
                + #""failures":1,"first":"2026-11-28","issue":null,"last":"2026-11-28","projects":1,"state":null,"strip":"\#(strip).1","trend":"steady"}"#
                + #"],"version":1});"# + "\n")
    }

    /// A job entry without its pipeline and night is refused, as the shell refuses it (the
    /// dashboard used to read it leniently, as counting for no night).
    @Test func jobEntriesWithoutANightAreRefusedAsInTheShell() throws {
        let text =
            #"{"version": 1, "clusters": [], "assignments": [{"job": 7, "project": "p", "by": "al", "at": "t", "issue": {"project": "p", "iid": 1, "url": "https://g/p/-/issues/1"}}]}"#
        #expect(throws: DashboardError.self) { try PageAssignments.parse(Data(text.utf8)) }
        do {
            _ = try PageAssignments.parse(Data(text.utf8))
        } catch {
            #expect(
                "\(error)".hasPrefix(
                    "assignments.json cannot be read as assignments ('pipeline' is missing at .assignments[0])"
                ))
        }
    }
}
