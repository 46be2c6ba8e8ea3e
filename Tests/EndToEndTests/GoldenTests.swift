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

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Golden")

    @Test(arguments: cases) func transcriptMatchesGolden(_ golden: Case) async throws {
        try await withSimulator { _, url in
            let workspace = try makeWorkspace(url: url)
            defer { try? FileManager.default.removeItem(at: workspace) }
            let script = Self.directory.appendingPathComponent("\(golden.name).triage")
            let result = try await runTriage(
                golden.arguments + ["-f", script.path], workspace: workspace,
                environment: golden.token
                    ? ["GITLAB_TOKEN": secretToken] : ["GITLAB_TOKEN": "glpat-revoked-0000"])
            let actual = Self.normalise(
                "$ triage \((golden.arguments + ["-f", "Golden/\(golden.name).triage"]).joined(separator: " "))\n"
                    + "--- exit status\n\(result.status)\n--- stdout\n\(result.stdout)--- stderr\n\(result.stderr)",
                workspace: workspace)
            let file = Self.directory.appendingPathComponent("\(golden.name).golden")
            if ProcessInfo.processInfo.environment["TRIAGE_RECORD"] == "1" {
                try Data(actual.utf8).write(to: file)
                Issue.record(
                    "re-recorded \(file.lastPathComponent): review the diff, then run again without TRIAGE_RECORD"
                )
                return
            }
            let expected = try String(contentsOf: file, encoding: .utf8)
            #expect(
                actual == expected,
                "\(golden.name): differs from Golden/\(golden.name).golden (TRIAGE_RECORD=1 re-records)")
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
