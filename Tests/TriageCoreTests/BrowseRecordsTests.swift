import Foundation
import LogAnalysis
import Testing

@testable import TriageCore

/// The JSON records of `pipelines`, `show pipeline`, `projects`, `history`, `issues --ranked`
/// (the dashboard's ranking too) and `issue REF`: every key, `null` where a value is missing.
@Suite struct BrowseRecordsTests {
    let pipeline = Pipeline(
        id: 7, iid: 3, projectID: 1, sha: "abc", ref: "main", status: .failed, source: "schedule",
        createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 90), webURL: "u/7")

    @Test func aPipelineWithItsCountsAndRunTime() throws {
        let row = PipelineRow(
            pipeline: pipeline, night: "2026-11-28", projectPath: "g/p", failed: 2, allowedFailed: 1)
        #expect(
            try recordJSON(PipelineRecord(row, createdAt: "T0"))
                == #"{"allowed_failed":1,"created_at":"T0","duration":90,"failed":2,"night":"2026-11-28","pipeline":7,"project":"g/p","ref":"main","sha":"abc","status":"failed","web_url":"u/7"}"#
        )
    }

    @Test func aPipelineWithEveryAttemptOfItsJobs() throws {
        let job = Job(
            id: 70, pipelineID: 7, projectID: 1, name: "test", stage: "test", status: .failed,
            failureReason: "script_failure", webURL: "u/70", attempt: 2, retried: false)
        #expect(
            try recordJSON(
                PipelineDetailRecord(
                    pipeline: pipeline, projectPath: "g/p", night: "2026-11-28", createdAt: nil, jobs: [job]))
                == #"{"created_at":null,"jobs":[{"allow_failure":false,"attempt":2,"duration":null,"failure_reason":"script_failure","job":70,"name":"test","retried":false,"stage":"test","status":"failed","web_url":"u/70"}],"night":"2026-11-28","pipeline":7,"project":"g/p","ref":"main","sha":"abc","source":"schedule","status":"failed","web_url":"u/7"}"#
        )
    }

    @Test func aProjectWithoutANightlyPipelineInTheWindow() throws {
        let project = Project(id: 1, path: "g/p", name: "p", webURL: "u")
        #expect(
            try recordJSON(
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
            try recordJSON(record)
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
            try recordJSON(RankedIssueRecord(issue))
                == #"{"closed_but_failing":false,"cluster":null,"counts":[0,2,1],"failures":3,"first":"2026-11-27","issue":{"iid":4,"project":"g/p","title":"Flaky","url":"u/4"},"last":"2026-11-28","projects":1,"state":"opened","strip":".21","trend":"\#(IssueTrend.of([0, 2, 1]).rawValue)"}"#
        )
        let untriaged = RankedIssueRow(
            issue: nil, cluster: "c-1", state: nil, counts: [1], total: 1, projects: 1, first: "2026-11-28",
            last: "2026-11-28", closedButFailing: false)
        #expect(
            try recordJSON(RankedIssueRecord(untriaged)).hasPrefix(
                #"{"closed_but_failing":false,"cluster":"c-1","#)
        )
        #expect(try recordJSON(RankedIssueRecord(untriaged)).contains(#""issue":null"#))
    }
}

/// `status` and `recluster`'s records: every key, an interrupted sync named so.
@Suite struct CacheRecordsTests {
    @Test func statusWithAnInterruptedSync() throws {
        var summary = CacheSummary(
            projects: 2, pipelinesByStatus: ["failed": 1, "success": 3], jobs: 9, retriedJobs: 1, traces: 2,
            traceBytes: 300, traceStoredBytes: 120, issues: 4, firstNight: "2026-11-27",
            lastNight: "2026-11-28",
            nights: 2,
            lastSync: SyncRecord(startedAt: Date(timeIntervalSince1970: 0), outcome: "running", apiCalls: 5))
        #expect(
            try recordJSON(CacheStatusRecord(summary))
                == #"{"first_night":"2026-11-27","issues":4,"jobs":9,"last_night":"2026-11-28","last_sync":{"api_calls":5,"finished_at":null,"outcome":"interrupted","pipelines":0,"started_at":"1970-01-01T00:00:00Z","trace_bytes":0,"traces":0},"nights":2,"pipelines":{"failed":1,"success":3},"projects":2,"retried_jobs":1,"trace_bytes":300,"trace_stored_bytes":120,"traces":2}"#
        )
        summary.lastSync = nil
        #expect(try recordJSON(CacheStatusRecord(summary)).contains(#""last_sync":null"#))
    }

    @Test func anAnalysisRunWithoutNewsCountsEveryFoundedClusterNew() throws {
        var report = AnalysisReport()
        report.analysed = 10
        report.clusters = 3
        report.founded = ["c-0000000a", "c-0000000b"].compactMap { ClusterID(rawValue: $0) }
        report.kept = 1
        report.upgradedFrom = 9
        report.previousClusters = 2
        #expect(
            try recordJSON(AnalysisReportRecord(report, assignmentsKept: 1))
                == #"{"analysed":10,"assignments_kept":1,"clusters":3,"first_fetch":false,"founded":2,"kept":1,"new":2,"previous_clusters":2,"skipped":[],"upgraded_from":9,"version":\#(AnalysisVersion.current),"with_green":0}"#
        )
    }

    @Test func aTracesLinesCarryTheRawNumberAndWhetherTheExcerptShowsThem() throws {
        let lines = [
            CleanLine(number: 1, text: "step", section: "build", rawLine: 3),
            CleanLine(number: 2, text: "error: x", rawLine: 5),
        ]
        #expect(
            try recordJSON(TraceRecord(jobID: 9, lines: lines, excerpt: [5]))
                == #"{"job":9,"lines":[{"in_excerpt":false,"number":3,"section":"build","text":"step"},{"in_excerpt":true,"number":5,"section":null,"text":"error: x"}]}"#
        )
        let green = TraceMatchRecord(
            jobID: 9, night: "n", project: "g/p", name: "t", line: lines[1], inExcerpt: nil)
        #expect(
            try recordJSON(green)
                == #"{"job":9,"line":5,"name":"t","night":"n","project":"g/p","text":"error: x"}"#
        )
        var red = green
        red.inExcerpt = true
        #expect(try recordJSON(red).contains(#""in_excerpt":true"#))
    }

    @Test func assignmentsSuggestionsIssuesAndExport() throws {
        let duplicate = Assignments.Duplicate(
            subject: "job 5", kept: (issue: "g/p#3", at: "T2"), dropped: [(issue: "g/p#2", at: "T1")])
        #expect(
            try recordJSON(AssignmentsListRecord(jobs: [], clusters: [], duplicates: [duplicate]))
                == #"{"assignments":[],"clusters":[],"duplicates":[{"dropped":[{"at":"T1","issue":"g/p#2"}],"kept":{"at":"T2","issue":"g/p#3"},"subject":"job 5"}]}"#
        )
        let suggestion = Suggestion(
            issue: IssueRef(project: "g/p", iid: 3), state: "opened", score: 0.12345, reasons: ["words"])
        #expect(
            try recordJSON(SuggestionRecord(suggestion))
                == #"{"issue":{"iid":3,"project":"g/p","url":null},"reasons":["words"],"score":0.123,"state":"opened"}"#
        )
        let issue = Issue(
            id: 1, iid: 3, projectID: 1, title: "Flaky", description: nil, state: "opened", labels: ["ci"],
            webURL: "u/3", createdAt: Date(timeIntervalSince1970: 0),
            updatedAt: Date(timeIntervalSince1970: 0),
            closedAt: nil)
        #expect(
            try recordJSON(IssueListRecord(issue, projectPath: "g/p", updatedAt: "T", failures: 4))
                == #"{"failures":4,"iid":3,"labels":["ci"],"project":"g/p","state":"opened","title":"Flaky","updated_at":"T","web_url":"u/3"}"#
        )
        let summary = DashboardExportSummary(
            files: 9, bytes: 900, projects: 2, nights: 3, clusters: 4, firstViewBytes: 90)
        #expect(
            try recordJSON(ExportRecord(folder: "/w/public", summary: summary))
                == #"{"bytes":900,"clusters":4,"files":9,"first_view_bytes":90,"folder":"/w/public","nights":3,"projects":2}"#
        )
    }
}
