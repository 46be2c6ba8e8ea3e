import Foundation
import LogAnalysis
import Testing
import TriageCore

@testable import TriageShell

@Suite struct FailuresAnalysisTests {
    func row(_ id: Int, _ night: String, _ insight: FailureInsight?) -> FailureListing {
        FailureListing(
            jobID: id, projectID: 1, name: "test", stage: "test", failureReason: nil, allowFailure: false,
            webURL: "", night: night, projectPath: "julia/A.jl", source: "schedule", insight: insight)
    }

    func insight(_ id: Int, _ cluster: String, first: String) -> FailureInsight {
        FailureInsight(
            jobID: id, keyLine: "k", cluster: ClusterID(rawValue: cluster), clusterFirstNight: first)
    }

    @Test func groupsNewClustersFirstThenLargestThenUnanalysed() {
        let rows = [
            row(1, "2026-11-28", insight(1, "c-000000aa", first: "2026-11-01")),
            row(2, "2026-11-28", insight(2, "c-000000bb", first: "2026-11-28")),
            row(3, "2026-11-28", nil),
            row(4, "2026-11-27", insight(4, "c-000000aa", first: "2026-11-01")),
            row(5, "2026-11-27", insight(5, "c-000000cc", first: "2026-11-02")),
            row(6, "2026-11-27", insight(6, "c-000000aa", first: "2026-11-01")),
        ]
        let groups = FailureGroup.grouping(rows.map { FailureFacts(listing: $0, flaky: false, issue: nil) })
        #expect(groups.map { $0.cluster?.rawValue } == ["c-000000bb", "c-000000aa", "c-000000cc", nil])
        #expect(groups.map(\.isNew) == [true, false, false, false])
        #expect(groups.map { $0.rows.map(\.listing.jobID) } == [[2], [1, 4, 6], [5], [3]])
    }

    @Test func clusterIDsComplete() {
        let data = CompletionData(clusters: { ["c-3f9a2b1c", "c-3f000000", "c-12345678"] })
        let completer = Completer(table: .standard, data: data)
        let line1 = "cluster c-3f"
        #expect(
            completer.complete(line: line1, cursor: line1.utf8.count).candidates == [
                "c-3f9a2b1c", "c-3f000000",
            ])
        let line2 = "failures 7d --cluster c-1"
        let result = completer.complete(line: line2, cursor: line2.utf8.count)
        #expect(result.replaceFrom == 22)
        #expect(result.candidates == ["c-12345678"])
        let line3 = "failures --cluster=c-3f9"
        #expect(completer.complete(line: line3, cursor: line3.utf8.count).candidates == ["c-3f9a2b1c"])
    }
}
