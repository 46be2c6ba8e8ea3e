import Foundation
import Testing
import TriageCore

/// `Warnings.pipelines`: which failed jobs make a pipeline "passed with warnings", and the order
/// both `warnings` and the dashboard's warnings view list them in.
@Suite struct WarningsTests {
    func pipeline(_ id: Int, status: Status = .success, source: String = "schedule") -> Pipeline {
        Pipeline(
            id: id, iid: id, projectID: 1, sha: "abc", ref: "main", status: status, source: source,
            createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0),
            webURL: "https://gitlab.example/p/-/pipelines/\(id)")
    }

    func row(_ job: Int, _ pipeline: Pipeline, project: String, night: String, allowFailure: Bool = true)
        -> FailureRow
    {
        FailureRow(
            job: Job(
                id: job, pipelineID: pipeline.id, projectID: 1, name: "lint-\(job)", stage: "test",
                status: .failed, allowFailure: allowFailure, webURL: "https://gitlab.example/p/-/jobs/\(job)"),
            pipeline: pipeline, projectPath: project, night: night)
    }

    @Test func onlySucceededPipelinesWithAllowedFailuresNewestNightFirstJobsByID() {
        let a = pipeline(10), b = pipeline(11), c = pipeline(12), failed = pipeline(13, status: .failed)
        let push = pipeline(14, source: "push")
        let rows = [
            row(105, a, project: "g/b", night: "2026-11-27"),
            row(101, a, project: "g/b", night: "2026-11-27"),
            row(110, b, project: "g/a", night: "2026-11-27"),
            row(120, c, project: "g/z", night: "2026-11-28"),
            row(121, c, project: "g/z", night: "2026-11-28", allowFailure: false),
            row(130, failed, project: "g/a", night: "2026-11-28"),
            row(140, push, project: "g/a", night: "2026-11-28"),
        ]
        let scheduled = Warnings.pipelines(of: rows, source: "schedule")
        #expect(scheduled.map(\.pipeline.id) == [12, 11, 10])
        #expect(scheduled.map { $0.jobs.map(\.job.id) } == [[120], [110], [101, 105]])
        #expect(scheduled.map(\.night) == ["2026-11-28", "2026-11-27", "2026-11-27"])
        #expect(Warnings.pipelines(of: rows, source: nil).map(\.pipeline.id) == [14, 12, 11, 10])
    }

    @Test func aRecordIsThePipelineWithFailureRecordsForJobs() throws {
        let p = pipeline(10)
        let warning = try #require(
            Warnings.pipelines(of: [row(101, p, project: "g/b", night: "2026-11-27")], source: nil).first)
        let json = try recordJSON(WarningPipelineRecord(warning))
        #expect(
            json
                == #"{"jobs":[{"allow_failure":true,"attempt":1,"failure_reason":null,"job":101,"name":"lint-101","night":"2026-11-27","pipeline":10,"project":"g/b","stage":"test","status":"failed","web_url":"https://gitlab.example/p/-/jobs/101"}],"night":"2026-11-27","pipeline":10,"project":"g/b","status":"success","web_url":"https://gitlab.example/p/-/pipelines/10"}"#
        )
    }

    /// `summary` counts the nightly pipelines only, and "passed with warnings" by the rule of
    /// `warnings`: a pushed pipeline counts for neither, nor do its failed jobs.
    @Test func aSummaryCountsNightlyPipelinesByTheWarningsRule() throws {
        let green = pipeline(10), warned = pipeline(11), red = pipeline(12, status: .failed)
        let push = pipeline(13, source: "push"), pushWarned = pipeline(14, source: "push")
        let failures = [
            row(110, warned, project: "g/a", night: "2026-11-28"),
            row(120, red, project: "g/b", night: "2026-11-28", allowFailure: false),
            row(140, pushWarned, project: "g/c", night: "2026-11-28"),
        ]
        let summary = NightSummary.of(
            nights: ["2026-11-28"],
            pipelines: [green, warned, red, push, pushWarned].map { ($0, "2026-11-28") }, failures: failures,
            source: "schedule")
        let counts: [Int] = [summary.pipelines, summary.failed, summary.passedWithWarnings, summary.passed]
        #expect(counts == [3, 1, 1, 1])
        #expect(summary.failures.map(\.job.id) == [110, 120])
        let everySource = NightSummary.of(
            nights: ["2026-11-28"],
            pipelines: [green, warned, red, push, pushWarned].map { ($0, "2026-11-28") }, failures: failures,
            source: nil)
        let all: [Int] = [
            everySource.pipelines, everySource.failed, everySource.passedWithWarnings, everySource.passed,
        ]
        #expect(all == [5, 1, 2, 2])
    }
}
