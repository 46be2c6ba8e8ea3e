import Foundation
import Testing
import TriageCore

/// A night re-run: the scheduled pipeline failed, a second one that night passed. Every view reads
/// the night as its newest pipeline says.
@Suite struct NightPipelinesTests {
    func row(_ id: Int, project: Int, night: String, _ status: Status, source: String = "schedule")
        -> PipelineRow
    {
        PipelineRow(
            pipeline: Pipeline(
                id: id, iid: id, projectID: project, sha: "s", ref: "main", status: status, source: source,
                createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0),
                webURL: ""),
            night: night, projectPath: "g/\(project)", failed: status == .failed ? 1 : 0, allowedFailed: 0)
    }

    @Test func theNewestNightlyPipelineOfANightDecidesIt() {
        let rows = [
            row(12, project: 1, night: "2026-11-28", .success),
            row(11, project: 1, night: "2026-11-28", .failed),
            row(13, project: 1, night: "2026-11-28", .failed, source: "push"),
            row(10, project: 1, night: "2026-11-27", .failed),
            row(20, project: 2, night: "2026-11-28", .failed),
        ]
        let deciding = NightPipelines.deciding(rows, source: "schedule")
        #expect(deciding[1]?["2026-11-28"]?.pipeline.id == 12)
        #expect(deciding[1]?["2026-11-27"]?.pipeline.id == 10)
        #expect(deciding[2]?["2026-11-28"]?.pipeline.id == 20)
        #expect(NightPipelines.deciding(rows, source: nil)[1]?["2026-11-28"]?.pipeline.id == 13)
        // Order does not matter: the id decides.
        #expect(NightPipelines.deciding(rows.reversed(), source: "schedule") == deciding)
    }
}
