import Foundation
import GitLabSimulator
import Store
import Testing
import TriageCore

/// Debian's chromium, installed by `.ci/run` when missing.
func chromiumBinary() -> URL? {
    for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    where FileManager.default.isExecutableFile(atPath: path) {
        return URL(fileURLWithPath: path)
    }
    return nil
}

/// Where the screenshots go: `test-artefacts/dashboard/` in the package (ignored by git).
let screenshotFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("test-artefacts/dashboard", isDirectory: true)

/// Runs headless chromium on a URL: `--dump-dom` returns the rendered DOM, `screenshot` writes a PNG.
func chromium(_ url: String, screenshot: URL? = nil, width: Int = 1280, height: Int = 1600) async throws -> String {
    guard let binary = chromiumBinary() else { throw CocoaError(.fileNoSuchFile) }
    let profile = try temporaryDirectory("triage-chromium")
    defer { try? FileManager.default.removeItem(at: profile) }
    let process = Process()
    process.executableURL = binary
    process.arguments = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--user-data-dir=\(profile.path)", "--virtual-time-budget=10000", "--window-size=\(width),\(height)",
    ] + (screenshot.map { ["--screenshot=\($0.path)"] } ?? ["--dump-dom"]) + [url]
    let output = profile.appendingPathComponent("dom.html")
    FileManager.default.createFile(atPath: output.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(90)
    while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
    if process.isRunning {
        process.terminate()
        throw ProcessTimedOut(seconds: 90)
    }
    return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
}

/// Every capture of `pattern`'s first group in `text`.
func captures(_ pattern: String, in text: String) throws -> [String] {
    let regex = try NSRegularExpression(pattern: pattern)
    return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
        Range(match.range(at: 1), in: text).map { String(text[$0]) }
    }
}

func occurrences(of needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

/// The probe hand-written into assignments.json: a title and a note that would run script if they
/// were inserted as HTML.
let xssTitle = #"<script>document.title='PWNED'</script><img src=x onerror="document.title='PWNED'"> it's "quoted""#

@Suite(.serialized) struct DashboardBrowserTests {
    @Test func exportedPageRendersInChromium() async throws {
        try #require(chromiumBinary() != nil, "chromium is missing: .ci/run installs it (apt-get install chromium)")
        try await withSimulator(projects: 8, nights: 6) { simulator, url in
            let workspace = try makeWorkspace(url: url)
            defer { try? FileManager.default.removeItem(at: workspace) }
            let env = ["GITLAB_TOKEN": secretToken]
            let fetch = try await runTriage(["fetch"], workspace: workspace, environment: env, timeout: 300)
            #expect(fetch.status == 0, "\(fetch.stderr)")

            // What the shell says about last night, and a NEW cluster to assign.
            let failures = try await runTriage(["--format", "json", "failures", "last-night"], workspace: workspace)
            let records = try #require(try JSONSerialization.jsonObject(with: Data(failures.stdout.utf8)) as? [[String: Any]])
            let failedJobs = records.compactMap { $0["job"] as? Int }
            #expect(failedJobs.count > 0)
            let clusters = try await runTriage(["--format", "json", "clusters", "last-night", "--new"], workspace: workspace)
            let newClusters = try #require(try JSONSerialization.jsonObject(with: Data(clusters.stdout.utf8)) as? [[String: Any]])
            let newCluster = try #require(newClusters.first?["id"] as? String, "\(clusters.stdout)\(clusters.stderr)")
            let assigned = try #require(records.first)
            let assignedJob = try #require(assigned["job"] as? Int)
            let assignedProject = try #require(assigned["project"] as? String)
            let book: [String: Any] = [
                "version": 1,
                "assignments": [[
                    "job": assignedJob, "project": assignedProject, "pipeline": assigned["pipeline"] ?? 0,
                    "night": lastNight,
                    "issue": [
                        "project": assignedProject, "iid": 45, "title": xssTitle,
                        "url": "https://gitlab.example.com/\(assignedProject)/-/issues/45",
                    ],
                    "by": "alice", "at": "2026-11-29T08:14:03Z", "note": "<b onmouseover=alert(1)>note</b>",
                ]],
                "clusters": [[
                    "cluster": newCluster, "by": "bob", "at": "2026-11-29T08:20:00Z",
                    "issue": ["project": "tools/ci", "iid": 7, "url": "https://gitlab.example.com/tools/ci/-/issues/7", "title": "new kind"],
                ]],
            ]
            try JSONSerialization.data(withJSONObject: book, options: [.prettyPrinted, .sortedKeys])
                .write(to: workspace.appendingPathComponent("assignments.json"))

            // Export twice: byte-identical.
            let export = try await runTriage(["export"], workspace: workspace)
            #expect(export.status == 0, "\(export.stderr)")
            let site = workspace.appendingPathComponent("public")
            let first = allFiles(under: site).map { ($0.path, FileManager.default.contents(atPath: $0.path)) }
            let again = try await runTriage(["export"], workspace: workspace)
            #expect(again.status == 0)
            let second = allFiles(under: site).map { ($0.path, FileManager.default.contents(atPath: $0.path)) }
            #expect(first.map(\.0) == second.map(\.0))
            #expect(first.map(\.1) == second.map(\.1))

            try FileManager.default.createDirectory(at: screenshotFolder, withIntermediateDirectories: true)
            let page = site.appendingPathComponent("index.html").absoluteString
            let store = try SQLiteCacheStore(directory: workspace.appendingPathComponent(".triage"))
            let projects = try store.projects().filter { !$0.archived }.count
            let nights = try store.nights().count

            // Overview: one cell per project and night.
            let overview = try await chromium(page + "#view=overview")
            #expect(overview.contains(#"data-ready="true""#))
            #expect(occurrences(of: "data-cell=\"", in: overview) == projects * nights)
            #expect(occurrences(of: "data-cell=\"", in: overview) == 8 * 6)

            // Last night: exactly the failed jobs `failures last-night` lists, a NEW cluster, the issue links.
            let last = try await chromium(page + "#view=last-night")
            let shown = try captures(#"<li class="job" data-job="(\d+)""#, in: last).compactMap { Int($0) }
            #expect(shown.sorted() == failedJobs.sorted())
            #expect(last.contains(#"<section class="cluster-group" data-cluster="\#(newCluster)"><h3><span class="badge new">NEW</span>"#))
            #expect(last.contains(#"<a href="https://gitlab.example.com/tools/ci/-/issues/7">tools/ci#7</a>"#))
            #expect(last.contains(#"<a href="https://gitlab.example.com/\#(assignedProject)/-/issues/45">\#(assignedProject)#45</a>"#))

            // Assignments: the job, its issue link, the hostile title shown as text.
            let assignments = try await chromium(page + "#view=assignments")
            #expect(assignments.contains(#"<tr data-job="\#(assignedJob)">"#))
            #expect(assignments.contains(#"<a href="https://gitlab.example.com/\#(assignedProject)/-/issues/45">"#))
            #expect(
                assignments.contains(
                    #" &lt;script&gt;document.title='PWNED'&lt;/script&gt;&lt;img src=x onerror="document.title='PWNED'"&gt; it's "quoted""#))
            #expect(assignments.contains("&lt;b onmouseover=alert(1)&gt;note&lt;/b&gt;"))

            // The simulator's hostile HTML trace, in its pipeline's cell (its `<script>` line is an info
            // line, not in the excerpt: `hostileTraceIsShownLiterally` puts one in the excerpt).
            let hostile = try #require(simulator.organisation.adversarialJobs[.html])
            let job = try #require(try store.job(id: hostile))
            let (_, night) = try #require(try store.pipeline(id: job.pipelineID))
            let project = try #require(try store.projects().first { $0.id == job.projectID })
            let cell = "\(project.path)@\(night)".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let probe = try await chromium(page + "#view=overview&cell=\(cell)")
            #expect(probe.contains(#"<li class="job" data-job="\#(hostile)">"#))

            // Nothing ran: no element came from data, the title is the page's own.
            for dom in [overview, last, assignments, probe] {
                #expect(!dom.contains("<img"))
                #expect(!dom.contains("<script>"))
                #expect(dom.contains("<title>triage — nightly CI</title>"))
                #expect(try captures(#"(<script[^>]*>)"#, in: dom).allSatisfy { $0.contains("src=") })
            }

            // A screenshot of each view (test artefacts, not committed), and last night on a phone.
            for view in ["overview", "last-night", "clusters", "warnings", "assignments"] {
                let png = screenshotFolder.appendingPathComponent("\(view).png")
                try? FileManager.default.removeItem(at: png)
                _ = try await chromium(page + "#view=\(view)", screenshot: png)
                #expect(FileManager.default.fileExists(atPath: png.path), "\(view)")
            }
            _ = try await chromium(
                page + "#view=last-night", screenshot: screenshotFolder.appendingPathComponent("last-night-phone.png"),
                width: 390, height: 1600)
        }
    }

    /// A trace whose key line, commit title and project name are hostile HTML: shown as text.
    @Test func hostileTraceIsShownLiterally() async throws {
        try #require(chromiumBinary() != nil, "chromium is missing: .ci/run installs it (apt-get install chromium)")
        let workspace = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let hostile = #"<script>document.title='PWNED'</script><img src=x onerror=alert(1)> title="x" onload='y' &amp; </pre>"#
        do {
            let store = try SQLiteCacheStore(directory: workspace.appendingPathComponent(".triage"))
            try store.upsertProjects([Project(id: 1, path: "evil/<b>x</b>", name: "x", webURL: "javascript:alert(1)")])
            let date = morningDate().addingTimeInterval(-12 * 3600)
            try store.storePipeline(
                Pipeline(
                    id: 10, iid: 1, projectID: 1, sha: "abc", ref: "main", status: .failed, source: "schedule",
                    createdAt: date, updatedAt: date, webURL: "https://gitlab.example.com/evil/x/-/pipelines/10"),
                night: lastNight,
                jobs: [
                    Job(
                        id: 100, pipelineID: 10, projectID: 1, name: "test", stage: "test", status: .failed,
                        failureReason: "script_failure", webURL: "https://gitlab.example.com/evil/x/-/jobs/100",
                        commitTitle: hostile)
                ])
            try store.storeTrace(
                jobID: 100, data: Data("Running tests\nERROR: rendering failed: \(hostile)\nERROR: Job failed: exit code 1\n".utf8))
        }
        let recluster = try await runTriage(["recluster"], workspace: workspace)
        #expect(recluster.status == 0, "\(recluster.stderr)")
        let export = try await runTriage(["export"], workspace: workspace)
        #expect(export.status == 0, "\(export.stderr)")
        let page = workspace.appendingPathComponent("public/index.html").absoluteString
        let dom = try await chromium(page + "#view=last-night")
        let escaped = #"&lt;script&gt;document.title='PWNED'&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; title="x" onload='y' &amp;amp; &lt;/pre&gt;"#
        #expect(dom.contains(#"<li class="job" data-job="100">"#))
        #expect(dom.contains("ERROR: rendering failed: " + escaped))
        #expect(dom.contains("commit: " + escaped))
        #expect(dom.contains("<strong>evil/&lt;b&gt;x&lt;/b&gt;</strong>"))
        #expect(!dom.contains("<img"))
        #expect(!dom.contains("javascript:"))
        #expect(dom.contains("<title>triage — nightly CI</title>"))
        try FileManager.default.createDirectory(at: screenshotFolder, withIntermediateDirectories: true)
        _ = try await chromium(page + "#view=last-night", screenshot: screenshotFolder.appendingPathComponent("xss-probe.png"))
    }
}
