import Foundation
import Testing
import TriageCore

@testable import Store

/// The shell's listing queries (`Queries.swift`) over the fixture of `QueryTests.populated`:
/// night 27 (project 1), night 28 (projects 1 and 2), night 29 (project 9, unknown to the cache).
@Suite struct ListingQueryTests {
    @Test func nightBoundsOfAnEmptyAndAFilledCache() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let empty = try workspace.open()
        #expect(try empty.nightBounds() == nil)
        let store = try QueryTests.populated(workspace)
        let bounds = try #require(try store.nightBounds())
        #expect(bounds.first == "2026-11-27" && bounds.last == "2026-11-29")
    }

    @Test func pipelineRowsCountFailedLatestAttempts() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try QueryTests.populated(workspace)
        let rows = try store.pipelineRows(nights: ["2026-11-28", "2026-11-29"], projectID: nil)
        // Newest night first, then by project path; a missing project shows its id.
        #expect(rows.map(\.pipeline.id) == [40, 30, 20])
        #expect(rows.map(\.projectPath) == ["9", "app/first", "zoo/last"])
        // Pipeline 20: build and again failed (flaky was retried to green), allowed failed.
        #expect(rows.map(\.failed) == [1, 1, 2])
        #expect(rows.map(\.allowedFailed) == [0, 0, 1])
        #expect(try store.pipelineRows(nights: ["2026-11-28"], projectID: 2).map(\.pipeline.id) == [30])
        #expect(try store.pipelineRows(projectID: 1, fromNight: "2026-11-27").map(\.pipeline.id) == [20, 10])
        #expect(try store.pipelineRows(nights: [], projectID: nil).isEmpty)
    }

    @Test func lastFailedNightsAndLookups() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try QueryTests.populated(workspace)
        #expect(try store.lastFailedNights() == [1: "2026-11-28", 9: "2026-11-29"])
        #expect(try store.pipeline(id: 20)?.night == "2026-11-28")
        #expect(try store.pipeline(id: 21) == nil)
        #expect(try store.jobs(pipelineID: 20).map(\.id) == [200, 201, 202, 203, 204, 205, 206])
    }

    @Test func jobHistoryTakesTheLatestAttemptPerNight() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try QueryTests.populated(workspace)
        let flaky = try store.jobHistory(projectID: 1, name: "flaky", nights: ["2026-11-27", "2026-11-28"])
        #expect(flaky.map(\.night) == ["2026-11-28", "2026-11-27"])
        #expect(flaky.map { $0.job?.id } == [201, nil])
        #expect(flaky.first?.job?.status == .success)
    }

    @Test func listingQueriesUseTheV1Indexes() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        let byNight = try store.queryPlan(
            sql: SQLiteCacheStore.pipelineRowsByNightsSQL, arguments: [#"["2026-11-28"]"#, nil as Int?])
        #expect(byNight.contains("USING INDEX pipelines_night_project (night=?)"))
        #expect(byNight.contains("USING INDEX jobs_pipeline_status (pipeline_id=? AND status=? AND retried=?)"))
        let ofProject = try store.queryPlan(sql: SQLiteCacheStore.pipelineRowsOfProjectSQL, arguments: [1, "2026-11-01"])
        #expect(ofProject.contains("USING INDEX pipelines_project (project_id=?)"))
        let history = try store.queryPlan(sql: SQLiteCacheStore.jobHistorySQL, arguments: ["t", #"["2026-11-28"]"#, 1])
        #expect(history.contains("USING INDEX pipelines_night_project (night=? AND project_id=?)"))
        #expect(history.contains("USING INDEX jobs_pipeline_status (pipeline_id=?)"))
    }
}
