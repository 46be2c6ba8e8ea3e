import Foundation
import GitLabSimulator
import Store
import Testing
import TriageCore
import TriageTestSupport

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
func chromium(_ url: String, screenshot: URL? = nil, width: Int = 1280, height: Int = 1600) async throws
    -> String
{
    guard let binary = chromiumBinary() else { throw CocoaError(.fileNoSuchFile) }
    let profile = try temporaryDirectory("triage-chromium")
    defer { try? FileManager.default.removeItem(at: profile) }
    let process = Process()
    process.executableURL = binary
    process.arguments =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=\(profile.path)", "--virtual-time-budget=10000",
            "--window-size=\(width),\(height)",
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

/// The value a data script passes to `triageData(name, …)`.
func dataFile(_ site: URL, _ path: String, name: String) throws -> Any {
    let text = try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
    let prefix = "triageData(\"\(name)\", ", suffix = ");\n"
    guard text.hasPrefix(prefix), text.hasSuffix(suffix) else { throw CocoaError(.fileReadCorruptFile) }
    return try JSONSerialization.jsonObject(
        with: Data(text.dropFirst(prefix.count).dropLast(suffix.count).utf8))
}

/// Text of an element's HTML: tags dropped, the serializer's entities decoded.
func innerText(_ html: String) -> String {
    html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&nbsp;", with: "\u{a0}").replacingOccurrences(of: "&amp;", with: "&")
}

/// The ranking table's rows, each the texts of its cells.
func rankingRows(in dom: String) throws -> [[String]] {
    try captures(#"(?s)(<tr class="ranked".*?</tr>)"#, in: dom).map { row in
        try captures(#"<td[^>]*>(.*?)</td>"#, in: row).map(innerText)
    }
}

/// What the page should show for one record of `issues --ranked --format json`; `titles`: the
/// clusters' titles by id (`data/clusters.js`), shown after an untriaged cluster's id.
func expectedRankingRow(_ record: [String: Any], rank: Int, titles: [String: String] = [:]) -> [String] {
    let name: String
    if let issue = record["issue"] as? [String: Any] {
        name =
            "\(issue["project"] ?? "")#\(issue["iid"] ?? "")"
            + ((issue["title"] as? String).map { " " + $0 } ?? "")
    } else {
        let cluster = record["cluster"] as? String ?? ""
        name = "no issue yet: \(cluster)" + (titles[cluster].map { " " + plainTitle($0) } ?? "")
    }
    let state: String =
        switch record["state"] as? String {
        case "opened": "open"
        case "closed": record["closed_but_failing"] as? Bool == true ? "⚠ closed, still failing" : "closed"
        default: "-"
        }
    let trend =
        ["rising": "↗ rising", "steady": "→ steady", "fading": "↘ fading"][record["trend"] as? String ?? ""]
        ?? "?"
    return [
        String(rank), name, state, "\(record["failures"] ?? "")", trend, "\(record["projects"] ?? "")",
        record["strip"] as? String ?? "", record["last"] as? String ?? "-",
    ]
}

/// A marked title (`ClusterTitle.marked`) as the page's text reads it: the marks are `<mark>` elements.
func plainTitle(_ marked: String) -> String {
    marked.replacingOccurrences(of: "‹", with: "").replacingOccurrences(of: "›", with: "")
}

/// The clusters' titles by id, from an exported site's `data/clusters.js`.
func clusterTitles(_ site: URL) throws -> [String: String] {
    let data = try #require(try dataFile(site, "data/clusters.js", name: "clusters") as? [String: Any])
    var titles: [String: String] = [:]
    for c in try #require(data["clusters"] as? [[String: Any]]) {
        if let id = c["id"] as? String, let title = c["title"] as? String { titles[id] = title }
    }
    return titles
}

/// The since/suspect line of a job of the last-night view.
func jobChangesText(in dom: String, job: Int) throws -> String? {
    try captures(#"(?s)<li class="job" data-job="\#(job)">.*?(<div class="changes".*?</div>)"#, in: dom).first
        .map(innerText)
}

/// The probe hand-written into assignments.json: a title and a note that would run script if they
/// were inserted as HTML.
let xssTitle =
    #"<script>document.title='PWNED'</script><img src=x onerror="document.title='PWNED'"> it's "quoted""#

@Suite(.serialized) struct DashboardBrowserTests {
    @Test func exportedPageRendersInChromium() async throws {
        try #require(
            chromiumBinary() != nil, "chromium is missing: .ci/run installs it (apt-get install chromium)")
        try await withSimulator(projects: 8, nights: 6) { simulator, url in
            let workspace = try makeWorkspace(url: url)
            defer { try? FileManager.default.removeItem(at: workspace) }
            let env = ["GITLAB_TOKEN": secretToken]
            let fetch = try await runTriage(["fetch"], workspace: workspace, environment: env, timeout: 300)
            #expect(fetch.status == 0, "\(fetch.stderr)")

            // What the shell says about last night, and a NEW cluster to assign.
            let failures = try await runTriage(
                ["--format", "json", "failures", "last-night"], workspace: workspace)
            let records = try #require(
                try JSONSerialization.jsonObject(with: Data(failures.stdout.utf8)) as? [[String: Any]])
            let failedJobs = records.compactMap { $0["job"] as? Int }
            #expect(failedJobs.count > 0)
            let clusters = try await runTriage(
                ["--format", "json", "clusters", "last-night", "--new"], workspace: workspace)
            let newClusters = try #require(
                try JSONSerialization.jsonObject(with: Data(clusters.stdout.utf8)) as? [[String: Any]])
            let newCluster = try #require(
                newClusters.first?["id"] as? String, "\(clusters.stdout)\(clusters.stderr)")
            let assigned = try #require(records.first)
            let assignedJob = try #require(assigned["job"] as? Int)
            let assignedProject = try #require(assigned["project"] as? String)
            // A third issue, hostile in title and URL, covering another cluster: it shows up in the ranking.
            let hostileCluster = try #require(
                records.compactMap { $0["cluster"] as? String }.first {
                    $0 != newCluster && $0 != assigned["cluster"] as? String
                }, "\(records)")
            let book: [String: Any] = [
                "version": 1,
                "assignments": [
                    [
                        "job": assignedJob, "project": assignedProject, "pipeline": assigned["pipeline"] ?? 0,
                        "night": lastNight,
                        "issue": [
                            "project": assignedProject, "iid": 45, "title": xssTitle,
                            "url": "https://gitlab.example.com/\(assignedProject)/-/issues/45",
                        ],
                        "by": "alice", "at": "2026-11-29T08:14:03Z",
                        "note": "<b onmouseover=alert(1)>note</b>",
                    ]
                ],
                "clusters": [
                    [
                        "cluster": newCluster, "by": "bob", "at": "2026-11-29T08:20:00Z",
                        "issue": [
                            "project": "tools/ci", "iid": 7,
                            "url": "https://gitlab.example.com/tools/ci/-/issues/7", "title": "new kind",
                        ],
                    ],
                    [
                        "cluster": hostileCluster, "by": "eve", "at": "2026-11-29T08:30:00Z",
                        "issue": [
                            "project": "tools/ci", "iid": 666, "url": "javascript:document.title='PWNED'",
                            "title": xssTitle,
                        ],
                    ],
                ],
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
            let second = allFiles(under: site).map {
                ($0.path, FileManager.default.contents(atPath: $0.path))
            }
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
            #expect(
                last.contains(
                    #"<section class="cluster-group" data-cluster="\#(newCluster)"><h3><span class="badge new">NEW</span>"#
                ))
            #expect(
                last.contains(#"<a href="https://gitlab.example.com/tools/ci/-/issues/7">tools/ci#7</a>"#))
            #expect(
                last.contains(
                    #"<a href="https://gitlab.example.com/\#(assignedProject)/-/issues/45">\#(assignedProject)#45</a>"#
                ))

            // Assignments: the job, its issue link, the hostile title shown as text.
            let assignments = try await chromium(page + "#view=assignments")
            #expect(assignments.contains(#"<tr data-job="\#(assignedJob)">"#))
            #expect(
                assignments.contains(
                    #"<a href="https://gitlab.example.com/\#(assignedProject)/-/issues/45">"#))
            #expect(
                assignments.contains(
                    #" &lt;script&gt;document.title='PWNED'&lt;/script&gt;&lt;img src=x onerror="document.title='PWNED'"&gt; it's "quoted""#
                ))
            #expect(assignments.contains("&lt;b onmouseover=alert(1)&gt;note&lt;/b&gt;"))

            // The simulator's hostile HTML trace, in its pipeline's cell (its `<script>` line is an info
            // line, not in the excerpt: `hostileTraceIsShownLiterally` puts one in the excerpt).
            let hostile = try #require(simulator.organisation.adversarialJobs[.html])
            let job = try #require(try store.job(id: hostile))
            let (_, night) = try #require(try store.pipeline(id: job.pipelineID))
            let project = try #require(try store.projects().first { $0.id == job.projectID })
            let cell =
                "\(project.path)@\(night)".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let probe = try await chromium(page + "#view=overview&cell=\(cell)")
            #expect(probe.contains(#"<li class="job" data-job="\#(hostile)">"#))

            // The ranking: the same rows as `issues --ranked 30d`, in the data and on the page.
            let rankedRun = try await runTriage(
                ["--format", "json", "-c", "issues --ranked 30d"], workspace: workspace)
            #expect(rankedRun.status == 0, "\(rankedRun.stderr)")
            let shellRanking = try #require(
                try JSONSerialization.jsonObject(with: Data(rankedRun.stdout.utf8)) as? [[String: Any]])
            let ranking = try #require(
                try dataFile(site, "data/ranking.js", name: "ranking") as? [String: Any])
            let dashboardRows = try #require(ranking["rows"] as? [[String: Any]])
            #expect(dashboardRows.count == shellRanking.count)
            #expect(
                NSArray(array: dashboardRows).isEqual(to: shellRanking),
                "dashboard \(dashboardRows)\nshell \(shellRanking)")
            #expect(shellRanking.contains { ($0["issue"] as? [String: Any])?["iid"] as? Int == 666 })
            #expect(shellRanking.contains { $0["issue"] is NSNull })
            let shownRows = try rankingRows(in: assignments)
            let titles = try clusterTitles(site)
            #expect(
                shownRows
                    == shellRanking.enumerated().map { expectedRankingRow($1, rank: $0 + 1, titles: titles) })
            // Every untriaged row names its cluster's key line.
            #expect(
                shellRanking.filter { $0["issue"] is NSNull }.allSatisfy {
                    titles[$0["cluster"] as? String ?? ""] != nil
                })
            #expect(shownRows.count == shellRanking.count)
            #expect(shownRows.contains { $0[1] == "tools/ci#666 " + xssTitle })
            #expect(!assignments.contains("javascript:"))

            // Last night: since when each failing job fails (as `streaks last-night`), and the top suspect.
            let streaksRun = try await runTriage(
                ["--format", "json", "-c", "streaks last-night"], workspace: workspace)
            let streaks = try #require(
                try JSONSerialization.jsonObject(with: Data(streaksRun.stdout.utf8)) as? [[String: Any]])
            var streakOf: [String: (since: String, nights: Int)] = [:]
            for streak in streaks where ["new", "failing"].contains(streak["kind"] as? String) {
                guard let since = streak["since"] as? String, let nights = streak["nights"] as? Int else {
                    continue
                }
                streakOf["\(streak["project"] ?? "") \(streak["name"] ?? "")"] = (since, nights)
            }
            let lastNightData = try #require(
                try dataFile(site, "data/nights/\(lastNight).js", name: "night/\(lastNight)")
                    as? [String: Any])
            let nightJobs = try #require(lastNightData["jobs"] as? [[String: Any]]).filter {
                $0["allow_failure"] as? Bool == false
            }
            #expect(!nightJobs.isEmpty)
            for job in nightJobs {
                let changes = job["changes"] as? [String: Any]
                let streak = streakOf["\(job["project"] ?? "") \(job["name"] ?? "")"]
                #expect(changes?["since"] as? String == streak?.since, "\(job)")
                #expect(changes?["nights"] as? Int == streak?.nights, "\(job)")
            }
            // A job broken by a dependency's release (the simulator's truth names the package and version):
            // its line shows the streak's first night and, as top suspect, the culprit as `suspects NIGHT` ranks it.
            let org = simulator.organisation
            let culprits: [(job: Int, key: String, package: String, version: String)] = nightJobs.compactMap {
                job in
                guard let id = job["job"] as? Int, let cause = org.cause(ofJob: id),
                    let c = ChangesTruthTests.culprit(cause.id)
                else { return nil }
                return (id, "\(job["project"] ?? "") \(job["name"] ?? "")", c.name, c.version)
            }
            print("dashboard: \(culprits.count) of last night's failures were broken by a dependency release")
            let culprit = try #require(culprits.first, "no dependency-caused failure last night")
            let streak = try #require(streakOf[culprit.key])
            let suspectsRun = try await runTriage(
                ["--format", "json", "-c", "suspects \(streak.since) --top 1000"], workspace: workspace)
            let suspects = try #require(
                try JSONSerialization.jsonObject(with: Data(suspectsRun.stdout.utf8)) as? [[String: Any]])
            let record = try #require(
                suspects.first { $0["package"] as? String == culprit.package }, "\(suspectsRun.stdout)")
            #expect(record["to"] as? String == culprit.version)
            #expect(record["rank"] as? Int == 1)
            let from = try #require(record["from"] as? [String]).map { "v" + $0 }.joined(separator: ", ")
            let expectedText =
                "since \(streak.since) (\(streak.nights) night\(streak.nights == 1 ? "" : "s")) · top suspect: "
                + "\(culprit.package) \(from) → v\(culprit.version)"
            let changesText = try #require(try jobChangesText(in: last, job: culprit.job))
            #expect(changesText == expectedText)

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
                page + "#view=last-night",
                screenshot: screenshotFolder.appendingPathComponent("last-night-phone.png"),
                width: 390, height: 1600)
        }
    }

    /// A trace whose key line, commit title and project name are hostile HTML: shown as text.
    @Test func hostileTraceIsShownLiterally() async throws {
        try #require(
            chromiumBinary() != nil, "chromium is missing: .ci/run installs it (apt-get install chromium)")
        let workspace = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let hostile =
            #"<script>document.title='PWNED'</script><img src=x onerror=alert(1)> title="x" onload='y' &amp; </pre>"#
        do {
            let store = try SQLiteCacheStore(directory: workspace.appendingPathComponent(".triage"))
            try store.upsertProjects([
                Project(id: 1, path: "evil/<b>x</b>", name: "x", webURL: "javascript:alert(1)")
            ])
            let date = morningDate().addingTimeInterval(-12 * 3600)
            try store.storePipeline(
                Pipeline(
                    id: 10, iid: 1, projectID: 1, sha: "abc", ref: "main", status: .failed,
                    source: "schedule",
                    createdAt: date, updatedAt: date,
                    webURL: "https://gitlab.example.com/evil/x/-/pipelines/10"),
                night: lastNight,
                jobs: [
                    Job(
                        id: 100, pipelineID: 10, projectID: 1, name: "test", stage: "test", status: .failed,
                        failureReason: "script_failure",
                        webURL: "https://gitlab.example.com/evil/x/-/jobs/100",
                        commitTitle: hostile)
                ])
            try store.storeTrace(
                jobID: 100,
                data: Data(
                    "Running tests\nERROR: rendering failed: \(hostile)\nERROR: Job failed: exit code 1\n"
                        .utf8))
        }
        let recluster = try await runTriage(["recluster"], workspace: workspace)
        #expect(recluster.status == 0, "\(recluster.stderr)")
        let export = try await runTriage(["export"], workspace: workspace)
        #expect(export.status == 0, "\(export.stderr)")
        let page = workspace.appendingPathComponent("public/index.html").absoluteString
        let dom = try await chromium(page + "#view=last-night")
        let escaped =
            #"&lt;script&gt;document.title='PWNED'&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; title="x" onload='y' &amp;amp; &lt;/pre&gt;"#
        #expect(dom.contains(#"<li class="job" data-job="100">"#))
        #expect(dom.contains("ERROR: rendering failed: " + escaped))
        #expect(dom.contains("commit: " + escaped))
        #expect(dom.contains("<strong>evil/&lt;b&gt;x&lt;/b&gt;</strong>"))
        #expect(!dom.contains("<img"))
        #expect(!dom.contains("javascript:"))
        #expect(dom.contains("<title>triage — nightly CI</title>"))
        try FileManager.default.createDirectory(at: screenshotFolder, withIntermediateDirectories: true)
        _ = try await chromium(
            page + "#view=last-night", screenshot: screenshotFolder.appendingPathComponent("xss-probe.png"))
    }

    /// 45 nights of 4 projects (one with a long path), and one cluster whose make wrapper hides the
    /// linter's message: its members on two nights say different things.
    static func manyNights() throws -> URL {
        let workspace = try temporaryDirectory()
        let store = try SQLiteCacheStore(directory: workspace.appendingPathComponent(".triage"))
        let paths = [
            "tools/ci", "julia/Foo.jl", "infra/images",
            "a-group/with-a-long-name/and-a-subgroup/ProjectWithAVeryLongName.jl",
        ]
        try store.upsertProjects(
            paths.enumerated().map { i, path in
                Project(
                    id: i + 1, path: path, name: String(path.split(separator: "/").last ?? ""),
                    webURL: "https://gitlab.example.com/\(path)")
            })
        let calendar = Calendar(identifier: .gregorian)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let lint = [
            // A linter no grammar knows (markdownlint's rule codes): make's wrapper is the key line.
            (night: 40, file: "docs/a.md", line: 3, message: "MD013 Line length"),
            (night: 44, file: "docs/b.md", line: 17, message: "MD013 Line length"),
        ]
        for n in 0..<45 {
            let date = try #require(
                calendar.date(byAdding: .day, value: n - 44, to: morningDate().addingTimeInterval(-36 * 3600))
            )
            let night = formatter.string(from: date)
            for project in 1...paths.count {
                let failing = project == 1 && lint.contains { $0.night == n }
                let id = n * 10 + project
                try store.storePipeline(
                    Pipeline(
                        id: id, iid: n + 1, projectID: project, sha: "abc\(id)", ref: "main",
                        status: failing || (project + n) % 7 == 0 ? .failed : .success, source: "schedule",
                        createdAt: date, updatedAt: date,
                        webURL: "https://gitlab.example.com/p/-/pipelines/\(id)"),
                    night: night,
                    jobs: failing
                        ? [
                            Job(
                                id: id * 10, pipelineID: id, projectID: project, name: "lint", stage: "test",
                                status: .failed, failureReason: "script_failure",
                                webURL: "https://gitlab.example.com/p/-/jobs/\(id * 10)")
                        ] : [])
                if failing, let l = lint.first(where: { $0.night == n }) {
                    try store.storeTrace(
                        jobID: id * 10,
                        data: Data(makeLintTraceE2E(file: l.file, line: l.line, message: l.message).utf8))
                }
            }
        }
        return workspace
    }

    /// Runs `probe.js` in a copy of the exported page: it waits for the view, then writes what it
    /// measured (JSON) into `<html data-probe>`.
    func probe(_ site: URL, _ fragment: String, width: Int) async throws -> [String: Any] {
        let html = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        try html.replacingOccurrences(of: "</body>", with: "<script src=\"probe.js\"></script>\n</body>")
            .write(to: site.appendingPathComponent("probe.html"), atomically: true, encoding: .utf8)
        try Self.probeJS.write(to: site.appendingPathComponent("probe.js"), atomically: true, encoding: .utf8)
        let dom = try await chromium(
            site.appendingPathComponent("probe.html").absoluteString + fragment, width: width, height: 900)
        let raw = try #require(try captures(#"data-probe="([^"]*)""#, in: dom).first, "\(dom.prefix(2000))")
        let json = raw.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(
            of: "&amp;", with: "&")
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    /// Measures the page once the view is ready: the heatmap's scroll position, the page's width,
    /// elements outside the viewport (the contents of scroll areas aside) and overlapping siblings.
    static let probeJS = #"""
        (function () {
          function measure() {
            var root = document.documentElement, width = root.clientWidth;
            var heat = document.querySelector("table.heatmap");
            var box = heat ? heat.parentElement : null;
            var outside = [], overlaps = [];
            Array.prototype.forEach.call(document.querySelectorAll("body *"), function (e) {
              if (e.closest(".scroll") && !e.classList.contains("scroll")) return;
              if (e.classList.contains("skip")) return;
              var r = e.getBoundingClientRect();
              if (r.width > 0 && r.right > width + 0.5) outside.push(e.tagName.toLowerCase() + "." + e.className + " " + Math.round(r.right));
            });
            ["header", "#filters", "#tabs", "main > div", ".legend"].forEach(function (selector) {
              Array.prototype.forEach.call(document.querySelectorAll(selector), function (parent) {
                var kids = Array.prototype.filter.call(parent.children, function (k) { return k.getBoundingClientRect().width > 0; });
                for (var i = 0; i < kids.length; i++) for (var j = i + 1; j < kids.length; j++) {
                  var a = kids[i].getBoundingClientRect(), b = kids[j].getBoundingClientRect();
                  var w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
                  if (w > 1 && h > 1) overlaps.push(selector + ": " + kids[i].tagName + " " + kids[j].tagName);
                }
              });
            });
            root.setAttribute("data-probe", JSON.stringify({
              viewport: window.innerWidth, pageWidth: root.scrollWidth, clientWidth: root.clientWidth,
              heatLeft: box ? Math.round(box.scrollLeft) : -1, heatMax: box ? box.scrollWidth - box.clientWidth : -1,
              outside: outside.slice(0, 12), overlaps: overlaps.slice(0, 12)
            }));
          }
          (function wait() {
            if (document.body && document.body.getAttribute("data-ready") === "true") setTimeout(measure, 50);
            else setTimeout(wait, 20);
          })();
        })();
        """#

    /// The heatmap opens on the newest night, and at 800 px nothing but its own scroll area is wider
    /// than the page, nothing overlaps.
    @Test func heatmapOpensOnTheNewestNightAndFitsIn800Pixels() async throws {
        try #require(
            chromiumBinary() != nil, "chromium is missing: .ci/run installs it (apt-get install chromium)")
        let workspace = try Self.manyNights()
        defer { try? FileManager.default.removeItem(at: workspace) }
        #expect(try await runTriage(["recluster"], workspace: workspace).status == 0)
        let export = try await runTriage(["export"], workspace: workspace)
        #expect(export.status == 0, "\(export.stderr)")
        let site = workspace.appendingPathComponent("public")

        for window in ["30", "all"] {
            let overview = try await probe(site, "#view=overview&window=\(window)", width: 800)
            #expect(overview["viewport"] as? Int == 800)
            let max = try #require(overview["heatMax"] as? Int)
            #expect(max > 100, "the heatmap of \(window) nights must be wider than 800 px for this test")
            #expect(overview["heatLeft"] as? Int == max, "\(overview)")
            #expect(overview["pageWidth"] as? Int == overview["clientWidth"] as? Int, "\(overview)")
            #expect((overview["outside"] as? [String]) == [], "\(overview)")
            #expect((overview["overlaps"] as? [String]) == [], "\(overview)")
        }
        for view in ["last-night", "clusters", "warnings", "assignments"] {
            let page = try await probe(site, "#view=\(view)", width: 800)
            #expect(page["pageWidth"] as? Int == page["clientWidth"] as? Int, "\(view): \(page)")
            #expect((page["clientWidth"] as? Int ?? 0) > 700, "\(view): \(page)")
            #expect((page["outside"] as? [String]) == [], "\(view): \(page)")
            #expect((page["overlaps"] as? [String]) == [], "\(view): \(page)")
        }
        try FileManager.default.createDirectory(at: screenshotFolder, withIntermediateDirectories: true)
        _ = try await chromium(
            site.appendingPathComponent("index.html").absoluteString + "#view=overview",
            screenshot: screenshotFolder.appendingPathComponent("overview-800.png"), width: 800, height: 900)
    }

    /// A cluster's title is a member's line, not the masked template nor make's wrapper: the newest
    /// member's linter message, what differs from the other member marked; in the clusters view,
    /// last night's group and the ranking's untriaged row.
    @Test func clusterTitlesAreAMembersLineWithVaryingPartsMarked() async throws {
        try #require(
            chromiumBinary() != nil, "chromium is missing: .ci/run installs it (apt-get install chromium)")
        let workspace = try Self.manyNights()
        defer { try? FileManager.default.removeItem(at: workspace) }
        #expect(try await runTriage(["recluster"], workspace: workspace).status == 0)
        let clusters = try await runTriage(["--format", "json", "clusters", "60d"], workspace: workspace)
        let records = try #require(
            try JSONSerialization.jsonObject(with: Data(clusters.stdout.utf8)) as? [[String: Any]])
        let record = try #require(records.first, "\(clusters.stdout)\(clusters.stderr)")
        let id = try #require(record["id"] as? String)
        #expect(records.count == 1)
        #expect(record["template"] as? String == "make: *** [Makefile:<n>: lint] Error <n>")
        let marked = "docs/‹b›.md:‹17›:1: MD013 Line length"
        #expect(record["title"] as? String == marked)
        let table = try await runTriage(["--format", "tsv", "clusters", "60d"], workspace: workspace)
        #expect(table.stdout.contains("\t" + marked + "\t"), "\(table.stdout)")

        #expect(try await runTriage(["export"], workspace: workspace).status == 0)
        let site = workspace.appendingPathComponent("public")
        #expect(try clusterTitles(site) == [id: marked])
        let page = site.appendingPathComponent("index.html").absoluteString
        let title =
            #"docs/<mark class="varies">b</mark>.md:<mark class="varies">17</mark>:1: MD013 Line length"#
        let clustersView = try await chromium(page + "#view=clusters")
        #expect(
            clustersView.contains(#"<code>\#(id)</code><div class="template">\#(title)</div>"#),
            "\(clustersView)")
        let last = try await chromium(page + "#view=last-night")
        #expect(
            last.contains(#"<h3><span class="template">\#(title)</span> <code>\#(id)</code> · 1 job</h3>"#),
            "\(last)")
        let assignments = try await chromium(page + "#view=assignments")
        #expect(
            assignments.contains(
                #"<span class="untriaged">no issue yet: <code>\#(id)</code> <span class="template">\#(title)</span></span>"#
            ),
            "\(assignments)")
        #expect(
            !clustersView.contains("&lt;n&gt;") && !last.contains("&lt;n&gt;")
                && !assignments.contains("&lt;n&gt;"))
    }
}

/// A `make lint` job whose linter's line has no grammar: the excerpt's key line is make's wrapper.
func makeLintTraceE2E(file: String, line: Int, message: String) -> String {
    """
    $ make lint
    flake8 src tests
    \(file):\(line):1: \(message)
    make: *** [Makefile:9: lint] Error 1
    ERROR: Job failed: exit code 1

    """
}
