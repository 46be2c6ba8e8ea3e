import Foundation
import Testing
import TriageTestSupport

/// One rule per fact: `failures`, `clusters`, `show job`, `streaks` and the exported dashboard
/// answer the same cluster, NEW, flaky, since and top suspect for the same cache, through the real
/// binary.
@Suite(.serialized) struct UnifiedFactsTests {
    /// The JSON of a dashboard data script, `triageData("name", {…});`.
    static func dataScript(_ url: URL) throws -> [String: Any] {
        let text = try String(contentsOf: url, encoding: .utf8)
        let start = try #require(text.firstIndex(of: "{"))
        let end = try #require(text.lastIndex(of: "}"))
        let json = try JSONSerialization.jsonObject(with: Data(text[start...end].utf8))
        return try #require(json as? [String: Any])
    }

    /// A JSON object's bytes with sorted keys: equal objects, equal bytes.
    static func canonical(_ object: [String: Any]) throws -> String {
        String(
            decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
            as: UTF8.self)
    }

    static func records(_ run: Transcript) throws -> [[String: Any]] {
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        return try #require(json as? [[String: Any]])
    }

    /// What each surface says of a failed job: cluster, NEW, flaky.
    struct Facts: Equatable, CustomStringConvertible {
        var cluster: String?
        var new: Bool
        var flaky: Bool
        init(_ record: [String: Any]) {
            cluster = record["cluster"] as? String
            new = record["new"] as? Bool ?? false
            flaky = record["flaky"] as? Bool ?? false
        }
        var description: String { "\(cluster ?? "-") new=\(new) flaky=\(flaky)" }
    }

    @Test func failuresClustersShowJobAndTheDashboardAgree() async throws {
        try await withFetchedOrganisation(projects: 40, nights: 30) { _, workspace in
            let export = try await runTriage(["export"], workspace: workspace)
            #expect(export.status == 0, "\(export.stderr)")
            let data = workspace.appendingPathComponent("public/data")
            let overview = try Self.dataScript(data.appendingPathComponent("overview.js"))
            let nights = try #require(overview["nights"] as? [String])
            let first = try #require(nights.first)
            #expect(nights.last == lastNight && nights.count == 30)
            var dashboard: [Int: [String: Any]] = [:]
            for night in nights {
                let file = try Self.dataScript(data.appendingPathComponent("nights/\(night).js"))
                for job in try #require(file["jobs"] as? [[String: Any]]) {
                    dashboard[try #require(job["job"] as? Int)] = job
                }
            }

            // failures: every failed job of the range, with its cluster, NEW and flaky.
            let range = "\(first)..\(lastNight)"
            let failures = try Self.records(
                try await runTriage(
                    ["failures", range, "--with-warnings", "--format", "json"], workspace: workspace))
            #expect(failures.count == dashboard.count)
            var flakyJobs: [Int] = []
            var changedOnThePage = 0
            var newJobs: [Int] = []
            var otherJobs: [Int] = []
            for record in failures {
                let job = try #require(record["job"] as? Int)
                let shown = try #require(dashboard[job], "job \(job) is not on the dashboard")
                #expect(Facts(record) == Facts(shown), "job \(job)")
                // The night file's job is the same record, key for key and byte for byte, with the
                // excerpt's key lines (a subset of its lines) instead of the lines.
                // The page says what changed for last night's red jobs only (and `failures` for
                // every night's): there, the same record.
                let whole = record.filter {
                    $0.key != "excerpt" && (shown["changes"] != nil || $0.key != "changes")
                }
                #expect(
                    try Self.canonical(whole) == Self.canonical(shown.filter { whole[$0.key] != nil }),
                    "job \(job)")
                if record["night"] as? String == lastNight, record["changes"] is [String: Any] {
                    #expect(shown["changes"] is [String: Any], "job \(job)")
                    changedOnThePage += 1
                }
                #expect(shown["excerpt"] == nil)
                let lines = record["excerpt"] as? [String] ?? []
                #expect((shown["key_lines"] as? [String] ?? []).allSatisfy(lines.contains), "job \(job)")
                let facts = Facts(record)
                if facts.flaky {
                    flakyJobs.append(job)
                } else if facts.new {
                    newJobs.append(job)
                } else {
                    otherJobs.append(job)
                }
            }
            // The organisation has all three kinds, so the comparison above can fail on each.
            #expect(!flakyJobs.isEmpty && !newJobs.isEmpty && !otherJobs.isEmpty)
            #expect(changedOnThePage > 0)

            // show job: the same facts, for a few jobs of each kind.
            for job in flakyJobs.prefix(3) + newJobs.prefix(3) + otherJobs.prefix(3) {
                let run = try await runTriage(
                    ["show", "job", "\(job)", "--format", "json"], workspace: workspace)
                #expect(run.status == 0, "\(run.stderr)")
                let record = try #require(
                    try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
                #expect(Facts(record) == Facts(try #require(dashboard[job])), "job \(job)")
            }

            // clusters: over the whole cache, a cluster's record is the dashboard's cluster list's,
            // key for key (the page adds its counts per night and reads the issue from the live
            // assignments); NEW on the range's last night exactly when the dashboard marks last
            // night's members NEW.
            let listed = try Self.records(
                try await runTriage(["clusters", range, "--format", "json"], workspace: workspace))
            let clusterFile = try Self.dataScript(data.appendingPathComponent("clusters.js"))
            var rows: [String: [String: Any]] = [:]
            for row in try #require(clusterFile["clusters"] as? [[String: Any]]) {
                rows[try #require(row["id"] as? String)] = row
            }
            #expect(Set(listed.compactMap { $0["id"] as? String }) == Set(rows.keys))
            for cluster in listed {
                let id = try #require(cluster["id"] as? String)
                let row = try #require(rows[id])
                #expect(
                    try Self.canonical(cluster.filter { $0.key != "issue" })
                        == Self.canonical(row.filter { $0.key != "counts" }), "\(id)")
                #expect(cluster["flaky"] as? Bool == row["flaky"] as? Bool, "\(id)")
                #expect(cluster["first_night"] as? String == row["first_night"] as? String, "\(id)")
                let newLastNight = dashboard.values.contains {
                    $0["cluster"] as? String == id && $0["night"] as? String == lastNight
                        && $0["new"] as? Bool == true
                }
                #expect(cluster["new"] as? Bool == newLastNight, "\(id)")
                // (A flaky cluster's failed attempts may all have been retried to green: then no
                // failure of the range is in it.)
                for record in failures where record["cluster"] as? String == id {
                    #expect(record["flaky"] as? Bool == cluster["flaky"] as? Bool, "\(id)")
                }
            }

            // warnings: the page's pipelines that passed with warnings are `warnings`' records.
            let warnings = try Self.records(
                try await runTriage(["warnings", range, "--format", "json"], workspace: workspace))
            let warningFile = try Self.dataScript(data.appendingPathComponent("warnings.js"))
            let page = try #require(warningFile["pipelines"] as? [[String: Any]])
            #expect(!warnings.isEmpty)
            #expect(try warnings.map(Self.canonical) == page.map(Self.canonical))

            // since: last night's failing jobs fail since the night `streaks` says.
            let streaks = try Self.records(
                try await runTriage(["streaks", "last-night", "--format", "json"], workspace: workspace))
            var since: [Int: String] = [:]
            for record in streaks where ["new", "failing"].contains(record["kind"] as? String) {
                since[try #require(record["job"] as? Int)] = record["since"] as? String
            }
            let changed = dashboard.filter { $0.value["changes"] is [String: Any] }
            #expect(!changed.isEmpty)
            #expect(Set(changed.keys) == Set(since.keys))
            for (job, shown) in changed {
                let changes = try #require(shown["changes"] as? [String: Any])
                #expect(changes["since"] as? String == since[job], "job \(job)")
            }

            // show job: the same since and top suspect as the page, key for key, for jobs with a
            // suspect and without one.
            let withSuspect = changed.filter { ($0.value["changes"] as? [String: Any])?["suspect"] != nil }
            let withoutSuspect = changed.filter { ($0.value["changes"] as? [String: Any])?["suspect"] == nil }
            #expect(!withSuspect.isEmpty && !withoutSuspect.isEmpty)
            for (job, shown) in Array(withSuspect.sorted { $0.key < $1.key }.prefix(3))
                + Array(withoutSuspect.sorted { $0.key < $1.key }.prefix(2))
            {
                let run = try await runTriage(
                    ["show", "job", "\(job)", "--format", "json"], workspace: workspace)
                #expect(run.status == 0, "\(run.stderr)")
                let record = try #require(
                    try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
                let page = try #require(shown["changes"] as? [String: Any])
                let answered = try #require(record["changes"] as? [String: Any], "job \(job)")
                #expect(try Self.canonical(answered) == Self.canonical(page), "job \(job)")
            }
        }
    }
}
