// `triage-bench export`: the dashboard's export of a year-sized cache, and the page's first view in
// headless chromium (its own timing: `performance.now()` when the first view is rendered).
import Dashboard
import Foundation
import Store
import TriageCore

func benchExport(_ o: ShellOptions) async throws {
    let (directory, _, lastNight) = try benchWorkspace(o)
    try yearCache(o, at: directory, lastNight: lastNight, name: "export")
    let clock = ContinuousClock()
    let store = try SQLiteCacheStore(directory: directory.appendingPathComponent(".triage"))
    var report = AnalysisReport()
    let analysed = try clock.measure { report = try Analyzer(cache: store, store: store).analyseNew() }
    if report.analysed > 0 {
        print(
            "  analysed \(report.analysed) failures into \(report.clusters) clusters in \(f(seconds(analysed), 1)) s (not timed below)"
        )
    }

    // Baseline in the same run: the export without the ranking and the what-changed part,
    // interleaved with the full export so load hits both alike.
    let full = DashboardBuilder(cache: CachePorts(store), source: "schedule", calendar: calendar)
    var baseline = full
    baseline.parts = []
    let site = directory.appendingPathComponent("public", isDirectory: true)
    var times: [Double] = []
    var baseTimes: [Double] = []
    var last: DashboardExportSummary?
    for run in 0..<max(1, o.runs) {
        // Alternating which goes first, so neither always follows the other's writes.
        for full_ in run % 2 == 0 ? [false, true] : [true, false] {
            let elapsed = try clock.measure {
                let report = try (full_ ? full : baseline).export(
                    assignments: nil, assignmentsPath: "assignments.json", to: site)
                if full_ { last = report }
            }
            if full_ { times.append(seconds(elapsed)) } else { baseTimes.append(seconds(elapsed)) }
        }
    }
    guard let last else { return }
    // Where the difference goes, at model level (no file writing): the model alone and with each
    // part, in wall time and in CPU time (steadier on a machine shared with other builds), and what
    // reading every job's runs over the whole 61-night look-back would cost (the windowed read avoids it).
    var wall: [String: [Double]] = [:]
    var cpu: [String: [Double]] = [:]
    func sample(_ name: String, _ body: () throws -> Void) rethrows {
        let cpuBefore = processCPUSeconds()
        let elapsed = try clock.measure(body)
        cpu[name, default: []].append(processCPUSeconds() - cpuBefore)
        wall[name, default: []].append(seconds(elapsed))
    }
    let variants: [(String, DashboardBuilder.Parts)] = [
        ("model only", []), ("model + ranking", .ranking), ("model + since/suspects", .whatChanged),
        ("model, full", .all),
    ]
    for _ in 0..<max(1, o.runs) {
        for (name, part) in variants {
            var one = full
            one.parts = part
            try sample(name) { _ = try one.build(assignments: PageAssignments()) }
        }
        let first = calendar.nights(endingAt: lastNight, count: 61).first ?? lastNight
        try sample("(one read of every job over 61 nights)") {
            _ = try store.nightlyJobs(fromNight: first, throughNight: lastNight, projectID: nil, name: nil)
        }
    }
    for name in variants.map(\.0) + ["(one read of every job over 61 nights)"] {
        print(
            "    \(name): median \(f(median(wall[name] ?? []), 3)) s wall, \(f(median(cpu[name] ?? []), 3)) s CPU"
        )
    }
    print(
        "  export: median \(f(median(times), 2)) s of \(times.count) runs (target 5 s): \(last.projects) projects × "
            + "\(last.nights) nights, \(last.clusters) clusters, \(last.files) files, \(f(Double(last.bytes) / 1e6, 1)) MB"
    )
    print(
        "  baseline (no ranking, no since/suspects), same run: median \(f(median(baseTimes), 2)) s; "
            + "full/baseline \(f(median(times) / median(baseTimes), 3))×")
    print(
        "  first view: \(f(Double(last.firstViewBytes) / 1e6, 2)) MB (index.html, app.js, style.css, data/overview.js, data/assignments.js; target 2 MB)"
    )

    guard
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: {
            FileManager.default.isExecutableFile(atPath: $0)
        })
    else {
        print("  render: skipped (no chromium; apt-get install chromium)")
        return
    }
    for view in ["overview", "last-night"] {
        var samples: [Double] = []
        for _ in 0..<3 {
            let dom = try dumpDOM(
                chromium: chromium,
                url: site.appendingPathComponent("index.html").absoluteString + "#view=\(view)")
            guard let range = dom.range(of: #"data-first-render-ms="(\d+)""#, options: .regularExpression)
            else {
                print("  render (\(view)): the page did not report a render time")
                continue
            }
            let digits = dom[range].filter(\.isNumber)
            samples.append(Double(String(digits)) ?? 0)
        }
        print(
            "  render (\(view)) in headless chromium, navigation start to first view: median \(f(median(samples), 0)) ms (target 2000 ms)"
        )
    }
}

/// `chromium --headless --dump-dom URL`: the DOM after the page settled.
func dumpDOM(chromium: String, url: String) throws -> String {
    let profile = FileManager.default.temporaryDirectory.appendingPathComponent(
        "bench-chromium-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: profile) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromium)
    process.arguments = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--user-data-dir=\(profile.path)", "--window-size=1280,1600", "--dump-dom", url,
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// User and system CPU time of the process so far.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return s(usage.ru_utime) + s(usage.ru_stime)
}
