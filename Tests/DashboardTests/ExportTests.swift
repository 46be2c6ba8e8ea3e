import Foundation
import Store
import Testing
import TriageCore

@testable import Dashboard

/// Two projects over two nights: A.jl green then red, b nothing then green with an allowed failure.
func makeCache() throws -> (directory: URL, store: SQLiteCacheStore) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "dashboard-cache-\(UUID().uuidString)")
    let store = try SQLiteCacheStore(directory: directory)
    try store.upsertProjects([
        Project(id: 1, path: "julia/A.jl", name: "A.jl", webURL: "https://g/julia/A.jl"),
        Project(id: 2, path: "python/b", name: "b", webURL: "https://g/python/b"),
    ])
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    func pipeline(_ id: Int, project: Int, _ status: Status) -> Pipeline {
        Pipeline(
            id: id, iid: id, projectID: project, sha: "abc", ref: "main", status: status, source: "schedule",
            createdAt: t0, updatedAt: t0, webURL: "https://g/p/-/pipelines/\(id)")
    }
    func job(
        _ id: Int, pipeline: Int, project: Int, _ status: Status, allow: Bool = false, title: String? = nil
    ) -> Job {
        Job(
            id: id, pipelineID: pipeline, projectID: project, name: "test-\(id)", stage: "test",
            status: status,
            failureReason: status == .failed ? "script_failure" : nil, allowFailure: allow,
            webURL: "https://g/p/-/jobs/\(id)", commitTitle: title)
    }
    try store.storePipeline(
        pipeline(10, project: 1, .success), night: "2026-11-27",
        jobs: [job(100, pipeline: 10, project: 1, .success)])
    try store.storePipeline(
        pipeline(11, project: 1, .failed), night: "2026-11-28",
        jobs: [job(101, pipeline: 11, project: 1, .failed, title: "<img src=x onerror=alert(1)> \"q\"")])
    try store.storePipeline(
        pipeline(20, project: 2, .success), night: "2026-11-28",
        jobs: [
            job(200, pipeline: 20, project: 2, .failed, allow: true),
            job(201, pipeline: 20, project: 2, .success),
        ])
    return (directory, store)
}

@Suite struct ExportTests {
    @Test func overviewIsTheHeatmap() throws {
        let (directory, store) = try makeCache()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = try DashboardBuilder(cache: CachePorts(store), source: "schedule").build(
            assignments: PageAssignments())
        let overview = try #require(try Site.files(model).first { $0.path == "data/overview.js" })
        #expect(
            String(decoding: overview.contents, as: UTF8.self)
                == #"triageData("overview", {"last_night":"2026-11-28","nights":["2026-11-27","2026-11-28"],"projects":[{"cells":"SF","group":"julia","path":"julia/A.jl","web_url":"https://g/julia/A.jl"},{"cells":"-W","group":"python","path":"python/b","web_url":"https://g/python/b"}],"version":1});"#
                + "\n")
    }

    /// A night file's job is the shell's failure record (`failures --with-warnings --format json`)
    /// with the excerpt's key lines as `key_lines` instead of every line as `excerpt`, plus what the
    /// page adds: the whole of it, key for key and value for value.
    @Test func aNightFilesJobIsTheShellsFailureRecord() throws {
        let (directory, store) = try makeCache()
        defer { try? FileManager.default.removeItem(at: directory) }
        let book = Assignments(assignments: [
            TriageCore.JobAssignment(
                job: 101, project: "julia/A.jl", pipeline: 11, night: "2026-11-28", cluster: nil,
                issue: IssueRef(project: "julia/A.jl", iid: 4, url: "https://g/julia/A.jl/-/issues/4"),
                by: "ana",
                at: "2026-11-28T09:00:00Z", note: nil)
        ])
        let file = try PageAssignments.parse(try Assignments.encoded(book))
        let model = try DashboardBuilder(cache: CachePorts(store), source: "schedule").build(
            assignments: file)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let jobs = try #require(model.nights.last?.jobs)
        let json = String(decoding: try encoder.encode(jobs), as: UTF8.self)
        #expect(
            json
                == #"[{"allow_failure":false,"attempt":1,"changes":{"nights":1,"since":"2026-11-28"},"cluster":null,"commit_title":"<img src=x onerror=alert(1)> \"q\"","failure_reason":"script_failure","flaky":false,"issue":{"iid":4,"inherited":false,"project":"julia/A.jl","url":"https://g/julia/A.jl/-/issues/4"},"job":101,"key_line":null,"key_lines":[],"name":"test-101","new":false,"night":"2026-11-28","pipeline":11,"pipeline_url":"https://g/p/-/pipelines/11","project":"julia/A.jl","stage":"test","status":"failed","web_url":"https://g/p/-/jobs/101"},{"allow_failure":true,"attempt":1,"cluster":null,"failure_reason":"script_failure","flaky":false,"issue":null,"job":200,"key_line":null,"key_lines":[],"name":"test-200","new":false,"night":"2026-11-28","pipeline":20,"pipeline_url":"https://g/p/-/pipelines/20","project":"python/b","stage":"test","status":"failed","web_url":"https://g/p/-/jobs/200"}]"#,
            "\(json)")
    }

    @Test func nightFilesAndWarnings() throws {
        let (directory, store) = try makeCache()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = try DashboardBuilder(cache: CachePorts(store), source: "schedule").build(
            assignments: PageAssignments())
        #expect(model.nights.map(\.night) == ["2026-11-27", "2026-11-28"])
        #expect(model.nights[0].jobs.isEmpty)
        #expect(model.nights[1].jobs.map(\.record.job) == [101, 200])
        #expect(model.nights[1].jobs.map(\.record.allowFailure) == [false, true])
        #expect(model.nights[1].jobs[0].commitTitle == "<img src=x onerror=alert(1)> \"q\"")
        #expect(model.warnings.pipelines.map(\.warning.pipeline.id) == [20])
        #expect(model.warnings.pipelines[0].warning.jobs.map(\.job.id) == [200])
        let paths = try Site.files(model).map(\.path)
        #expect(
            paths == [
                "index.html", "app.js", "style.css", "data/overview.js", "data/clusters.js",
                "data/warnings.js",
                "data/assignments.js", "data/ranking.js", "data/nights/2026-11-27.js",
                "data/nights/2026-11-28.js",
            ])
    }

    /// The same cache and assignments give byte-identical files, and a second export leaves no stale file.
    @Test func exportIsDeterministic() throws {
        let (directory, store) = try makeCache()
        defer { try? FileManager.default.removeItem(at: directory) }
        let book = Data(
            #"{"version": 1, "clusters": [], "assignments": [{"job": 101, "project": "julia/A.jl", "pipeline": 11, "night": "2026-11-28", "issue": {"project": "julia/A.jl", "iid": 4, "url": "https://g/julia/A.jl/-/issues/4", "title": "<script>alert(1)</script>"}, "by": "al", "at": "2026-11-29T08:00:00Z"}]}"#
                .utf8)
        let builder = DashboardBuilder(cache: CachePorts(store), source: "schedule")
        let one = directory.appendingPathComponent("one"), two = directory.appendingPathComponent("two")
        try FileManager.default.createDirectory(
            at: two.appendingPathComponent("data/nights"), withIntermediateDirectories: true)
        try Data("stale".utf8).write(to: two.appendingPathComponent("data/nights/2020-01-01.js"))
        try Data("old".utf8).write(to: two.appendingPathComponent("data/overview.js"))
        let report = try builder.export(assignments: book, assignmentsPath: "assignments.json", to: one)
        _ = try builder.export(assignments: book, assignmentsPath: "assignments.json", to: two)
        #expect(report.files == 10)
        #expect(report.projects == 2)
        #expect(report.nights == 2)
        let files = try FileManager.default.subpathsOfDirectory(atPath: one.path).sorted()
        #expect(try FileManager.default.subpathsOfDirectory(atPath: two.path).sorted() == files)
        for file in files {
            #expect(
                FileManager.default.contents(atPath: one.appendingPathComponent(file).path)
                    == FileManager.default.contents(atPath: two.appendingPathComponent(file).path), "\(file)")
        }
    }

    /// A data/ folder export did not write is never deleted.
    @Test func refusesSomeoneElsesDataFolder() throws {
        let (directory, store) = try makeCache()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("mine")
        try FileManager.default.createDirectory(
            at: out.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: out.appendingPathComponent("data/thesis.tex"))
        let builder = DashboardBuilder(cache: CachePorts(store), source: "schedule")
        #expect(
            throws: DashboardError.write(
                path: out.appendingPathComponent("data").path,
                problem: "it exists and was not written by export — choose another --out")
        ) { try builder.export(assignments: nil, assignmentsPath: "assignments.json", to: out) }
        #expect(
            FileManager.default.contents(atPath: out.appendingPathComponent("data/thesis.tex").path)
                == Data("precious".utf8))
    }
}
