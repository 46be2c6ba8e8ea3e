import Foundation
import Testing
import TriageCore

@testable import Store

@Suite struct CanonicalDumpTests {
    static let projects = [project(1, "g/a"), project(2, "g/b")]
    static let pipelines = [pipeline(10, project: 1), pipeline(20, project: 2, status: .success)]
    static let jobs = [
        10: [job(100, pipeline: 10, project: 1, name: "a"), job(101, pipeline: 10, project: 1, name: "b")],
        20: [job(200, pipeline: 20, project: 2, name: "a", status: .success)],
    ]
    static let traces = [100: logLikeText(size: 5000), 101: Data()]
    static let issues = [issue(1, project: 1, iid: 1), issue(2, project: 2, iid: 1)]

    @Test func sameDataInAnyOrderGivesTheSameDump() throws {
        let first = TempWorkspace()
        let second = TempWorkspace()
        defer {
            first.cleanUp()
            second.cleanUp()
        }
        let a = try first.open()
        try a.upsertProjects(Self.projects)
        for p in Self.pipelines {
            try a.storePipeline(p, night: "2026-11-28", jobs: Self.jobs[p.id] ?? [])
        }
        for (id, data) in Self.traces.sorted(by: { $0.key < $1.key }) {
            try a.storeTrace(jobID: id, data: data)
        }
        try a.upsertIssues(Self.issues)
        try a.setWatermark(projectID: 1, date(1))
        _ = try a.beginSync(SyncRecord(startedAt: date(0), outcome: "running"))

        // Reverse order, a trace before its job, an earlier state of a pipeline replaced later.
        let b = try second.open()
        for (id, data) in Self.traces.sorted(by: { $0.key > $1.key }) {
            try b.storeTrace(jobID: id, data: data)
        }
        try b.upsertIssues(Self.issues.reversed())
        try b.storePipeline(
            pipeline(10, project: 1, status: .running), night: "2026-11-28",
            jobs: [job(102, pipeline: 10, project: 1, name: "gone", status: .running)])
        for p in Self.pipelines.reversed() {
            try b.storePipeline(p, night: "2026-11-28", jobs: (Self.jobs[p.id] ?? []).reversed())
        }
        try b.upsertProjects(Self.projects.reversed())

        let dump = try a.canonicalDump()
        #expect(try b.canonicalDump() == dump)
        #expect(dump.split(separator: "\n").count == 2 + 2 + 3 + 2 + 2)
        #expect(dump.contains("traces job_id=101 raw_size=0 fnv1a64=cbf29ce484222325\n"))

        try b.storePipeline(
            Self.pipelines[0], night: "2026-11-28",
            jobs: [
                job(100, pipeline: 10, project: 1, name: "a"),
                job(101, pipeline: 10, project: 1, name: "b", status: .success),
            ])
        #expect(try b.canonicalDump() != dump)
    }
}
