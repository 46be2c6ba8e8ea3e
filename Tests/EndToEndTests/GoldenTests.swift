import Foundation
import GitLabSimulator
import Testing
import TriageCore
import TriageTestSupport

/// Golden transcripts: the built `triage` runs the scripts of `Golden/` against the simulator
/// (seed 7, 8 projects, 6 nights, clock pinned by TRIAGE_NOW) and its stdout, stderr and exit
/// status must equal `Golden/NAME.golden`.
///
/// `TRIAGE_RECORD=1 swift test --filter GoldenTests` rewrites the goldens, and that run fails,
/// so a re-record is never silent. The simulator's port and the temp workspace are normalised.
@Suite(.serialized) struct GoldenTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var arguments: [String] = []
        /// Whether the run gets the token (without it, `fetch` meets GitLab's 401).
        var token = true
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "happy", arguments: ["--format", "table"]),
        Case(name: "stop"),
        Case(name: "keepgoing", arguments: ["--keep-going"]),
        Case(name: "unknown"),
        Case(name: "usage"),
        Case(name: "empty"),
        Case(name: "fetcherror", token: false),
        Case(name: "nested"),
        Case(name: "commits", arguments: ["--format", "table"]),
    ]

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test(arguments: cases) func transcriptMatchesGolden(_ golden: Case) async throws {
        try await withSimulator { _, url in
            let workspace = try makeWorkspace(url: url)
            defer { try? FileManager.default.removeItem(at: workspace) }
            let script = Self.directory.appendingPathComponent("\(golden.name).triage")
            let result = try await runTriage(
                golden.arguments + ["-f", script.path], workspace: workspace,
                environment: golden.token ? ["GITLAB_TOKEN": secretToken] : ["GITLAB_TOKEN": "glpat-revoked-0000"])
            let actual = Self.normalise(
                "$ triage \((golden.arguments + ["-f", "Golden/\(golden.name).triage"]).joined(separator: " "))\n"
                    + "--- exit status\n\(result.status)\n--- stdout\n\(result.stdout)--- stderr\n\(result.stderr)",
                workspace: workspace)
            let file = Self.directory.appendingPathComponent("\(golden.name).golden")
            if ProcessInfo.processInfo.environment["TRIAGE_RECORD"] == "1" {
                try Data(actual.utf8).write(to: file)
                Issue.record("re-recorded \(file.lastPathComponent): review the diff, then run again without TRIAGE_RECORD")
                return
            }
            let expected = try String(contentsOf: file, encoding: .utf8)
            #expect(actual == expected, "\(golden.name): differs from Golden/\(golden.name).golden (TRIAGE_RECORD=1 re-records)")
            #expect(!actual.contains(secretToken))
        }
    }

    /// Replaces what differs between machines and runs: the simulator's port, temp paths.
    static func normalise(_ text: String, workspace: URL) -> String {
        var text = text.replacingOccurrences(of: directory.path, with: "Golden")
        text = text.replacingOccurrences(of: workspace.path, with: "$WORKSPACE")
        guard let port = try? NSRegularExpression(pattern: #"127\.0\.0\.1:\d+"#) else { return text }
        return port.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "127.0.0.1:PORT")
    }
}

/// `failures last-night --format json` is the simulator's truth for that night.
@Suite(.serialized) struct FailuresTruthTests {
    func truth(_ org: Organisation, night: String, withWarnings: Bool) -> Set<Int> {
        let archived = Set(org.projects.filter(\.archived).map(\.id))
        let nightly = org.pipelines.filter { $0.source == "schedule" && !archived.contains($0.projectID) && $0.night == night }
        return Set(
            nightly.flatMap { org.jobs(ofPipeline: $0.id) }
                .filter { $0.status == "failed" && !$0.retried && (withWarnings || !$0.allowFailure) }
                .map(\.id))
    }

    @Test func lastNightsFailuresAreTheSimulatorsTruth() async throws {
        try await withFetchedOrganisation { shared, workspace in
            let env = ["GITLAB_TOKEN": secretToken]
            let org = shared.simulator.organisation
            for withWarnings in [false, true] {
                let args = ["failures", "last-night", "--format", "json"] + (withWarnings ? ["--with-warnings"] : [])
                let result = try await runTriage(args, workspace: workspace, environment: env)
                #expect(result.status == 0, "\(result.stderr)")
                let records = try #require(
                    try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
                let expected = truth(org, night: lastNight, withWarnings: withWarnings)
                #expect(!expected.isEmpty)
                #expect(Set(records.compactMap { $0["job"] as? Int }) == expected)
                #expect(records.count == expected.count)
                for record in records {
                    let id = try #require(record["job"] as? Int)
                    let job = try #require(org.job(id: id))
                    let pipeline = try #require(org.pipeline(id: job.pipelineID))
                    #expect(record["pipeline"] as? Int == job.pipelineID)
                    #expect(record["night"] as? String == lastNight)
                    #expect(record["name"] as? String == job.name)
                    #expect(record["stage"] as? String == job.stage)
                    #expect(record["status"] as? String == "failed")
                    #expect(record["failure_reason"] as? String == job.failureReason)
                    #expect(record["allow_failure"] as? Bool == job.allowFailure)
                    #expect(record["project"] as? String == org.project(id: job.projectID)?.pathWithNamespace)
                    #expect(pipeline.source == "schedule")
                    #expect((record["web_url"] as? String)?.hasSuffix("/-/jobs/\(id)") == true)
                }
                // Newest night first, then project path: one night here, so sorted by project.
                let projects = records.compactMap { $0["project"] as? String }
                #expect(projects == projects.sorted())
            }
            // A job retried to green is not a failure of its pipeline.
            let retriedGreen = org.jobs.filter { job in
                job.retried && job.status == "failed"
                    && org.jobs(ofPipeline: job.pipelineID).contains { $0.name == job.name && !$0.retried && $0.status == "success" }
            }
            let all = try await runTriage(["failures", "6d", "--with-warnings", "--format", "json"], workspace: workspace, environment: env)
            let ids = Set(
                (try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]] ?? []).compactMap { $0["job"] as? Int })
            #expect(ids.isDisjoint(with: retriedGreen.map(\.id)))
        }
    }
}
