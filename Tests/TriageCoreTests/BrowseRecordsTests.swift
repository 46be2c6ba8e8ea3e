import Foundation
import Testing

@testable import TriageCore

/// The JSON records of `pipelines`, `show pipeline`, `projects`, `history`, `issues --ranked`
/// (the dashboard's ranking too) and `issue REF`: every key, `null` where a value is missing.
@Suite struct BrowseRecordsTests {
    func json(_ record: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(record), as: UTF8.self)
    }

    let pipeline = Pipeline(
        id: 7, iid: 3, projectID: 1, sha: "abc", ref: "main", status: .failed, source: "schedule",
        createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 90), webURL: "u/7")

    @Test func aPipelineWithItsCountsAndRunTime() throws {
        let row = PipelineRow(
            pipeline: pipeline, night: "2026-11-28", projectPath: "g/p", failed: 2, allowedFailed: 1)
        #expect(
            try json(PipelineRecord(row, createdAt: "T0"))
                == #"{"allowed_failed":1,"created_at":"T0","duration":90,"failed":2,"night":"2026-11-28","pipeline":7,"project":"g/p","ref":"main","sha":"abc","status":"failed","web_url":"u/7"}"#
        )
    }

    @Test func aPipelineWithEveryAttemptOfItsJobs() throws {
        let job = Job(
            id: 70, pipelineID: 7, projectID: 1, name: "test", stage: "test", status: .failed,
            failureReason: "script_failure", webURL: "u/70", attempt: 2, retried: false)
        #expect(
            try json(
                PipelineDetailRecord(
                    pipeline: pipeline, projectPath: "g/p", night: "2026-11-28", createdAt: nil, jobs: [job]))
                == #"{"created_at":null,"jobs":[{"allow_failure":false,"attempt":2,"duration":null,"failure_reason":"script_failure","job":70,"name":"test","retried":false,"stage":"test","status":"failed","web_url":"u/70"}],"night":"2026-11-28","pipeline":7,"project":"g/p","ref":"main","sha":"abc","source":"schedule","status":"failed","web_url":"u/7"}"#
        )
    }

    @Test func aProjectWithoutANightlyPipelineInTheWindow() throws {
        let project = Project(id: 1, path: "g/p", name: "p", webURL: "u")
        #expect(
            try json(
                ProjectRecord(
                    project, lastNight: nil, lastStatus: nil, failedNights: 0, nights: 0,
                    lastFailure: "2026-10-01"))
                == #"{"failed_nights":0,"id":1,"last_failure":"2026-10-01","last_night":null,"last_status":null,"nights":0,"project":"g/p","web_url":"u"}"#
        )
    }

    @Test func aHistoryListsNightsOldestFirstAndEntriesNewestFirst() throws {
        let record = HistoryRecord(
            project: "g/p", job: "test",
            nights: [
                HistoryNight(night: "2026-11-27", symbol: "_"),
                HistoryNight(
                    night: "2026-11-28", status: .failed, pipeline: 7, job: 70,
                    failureReason: "script_failure",
                    symbol: "x"),
            ])
        #expect(record.strip == "_x")
        #expect(
            try json(record)
                == #"{"history":[{"failure_reason":"script_failure","job":70,"night":"2026-11-28","pipeline":7,"status":"failed","symbol":"x"},{"failure_reason":null,"job":null,"night":"2026-11-27","pipeline":null,"status":null,"symbol":"_"}],"job":"test","nights":["2026-11-27","2026-11-28"],"project":"g/p","strip":"_x"}"#
        )
    }

    @Test func aRankedRowIsAnIssueOrAnUntriagedCluster() throws {
        let issue = RankedIssueRow(
            issue: IssueRef(project: "g/p", iid: 4, url: "u/4", title: "Flaky"), cluster: nil,
            state: "opened",
            counts: [0, 2, 1], total: 3, projects: 1, first: "2026-11-27", last: "2026-11-28",
            closedButFailing: false)
        #expect(
            try json(RankedIssueRecord(issue))
                == #"{"closed_but_failing":false,"cluster":null,"counts":[0,2,1],"failures":3,"first":"2026-11-27","issue":{"iid":4,"project":"g/p","title":"Flaky","url":"u/4"},"last":"2026-11-28","projects":1,"state":"opened","strip":".21","trend":"\#(IssueTrend.of([0, 2, 1]).rawValue)"}"#
        )
        let untriaged = RankedIssueRow(
            issue: nil, cluster: "c-1", state: nil, counts: [1], total: 1, projects: 1, first: "2026-11-28",
            last: "2026-11-28", closedButFailing: false)
        #expect(
            try json(RankedIssueRecord(untriaged)).hasPrefix(#"{"closed_but_failing":false,"cluster":"c-1","#)
        )
        #expect(try json(RankedIssueRecord(untriaged)).contains(#""issue":null"#))
    }
}
