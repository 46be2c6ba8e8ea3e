import Foundation
import Store
import Testing
import TriageCore
import TriageTestSupport

/// The real `triage` binary against the simulator on 127.0.0.1: exit codes, messages, and
/// what is (not) written to the workspace.
@Suite(.serialized) struct CommandLineTests {
    @Test func wrongTokenIsRejectedAndNothingIsWritten() async throws {
        try await withSimulator { _, url in
            let workspace = try makeWorkspace(url: url)
            let result = try await runTriage(
                ["fetch"], workspace: workspace, environment: ["GITLAB_TOKEN": "glpat-wrong-token-0000"])
            #expect(result.status == 3)
            #expect(
                result.stderr
                    == "error: GitLab rejected the token (401 Unauthorized) — check GITLAB_TOKEN (a personal access token with the read_api scope)\n"
            )
            #expect(result.stdout == "")
            #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent(".triage").path))
        }
    }

    @Test func unreachableGitLabFailsWithinSeconds() async throws {
        let workspace = try temporaryDirectory()
        let started = Date()
        let result = try await runTriage(
            ["-c", "fetch"], workspace: workspace,
            environment: ["GITLAB_URL": "http://127.0.0.1:9", "GITLAB_TOKEN": secretToken])
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(result.status == 3)
        #expect(result.stderr.hasPrefix("error: cannot reach GitLab: GET http://127.0.0.1:9/api/v4/projects"))
        #expect(
            result.stderr.hasSuffix("— check GITLAB_URL and the network; nothing fetched so far is lost\n"))
        #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent(".triage").path))
    }

    @Test func unknownProjectIsNamed() async throws {
        try await withSimulator { _, url in
            let workspace = try makeWorkspace(url: url)
            let result = try await runTriage(
                ["fetch", "--project", "nope/missing.jl"], workspace: workspace,
                environment: ["GITLAB_TOKEN": secretToken])
            #expect(result.status == 3)
            #expect(
                result.stderr.contains(
                    "error: GitLab has no project or group 'nope/missing.jl' visible to this token"))
        }
    }

    @Test func missingGitLabURLSaysWhatToSet() async throws {
        let workspace = try temporaryDirectory()
        let result = try await runTriage(["fetch"], workspace: workspace)
        #expect(result.status == 3)
        #expect(
            result.stderr
                == "error: no GitLab to talk to — set GITLAB_URL=https://gitlab.example.com or [gitlab] url in triage.toml\n"
        )
    }

    @Test func scriptsStopAtTheFirstErrorWithFileAndLine() async throws {
        let workspace = try temporaryDirectory()
        let script = workspace.appendingPathComponent("morning.triage")
        try "help quit\n\n# a comment\nfecth --nights 3\nhelp quit\n".write(
            to: script, atomically: true, encoding: .utf8)
        let stopped = try await runTriage(["-f", script.path], workspace: workspace)
        #expect(stopped.status == 3)
        #expect(
            stopped.stderr == "\(script.path):4: error: unknown command 'fecth' — did you mean 'fetch'?\n")
        #expect(stopped.stdout.components(separatedBy: "usage: quit").count == 2)

        let going = try await runTriage(["--keep-going", "-f", script.path], workspace: workspace)
        #expect(going.status == 1)
        #expect(going.stdout.components(separatedBy: "usage: quit").count == 3)
    }

    @Test func exitStatusesForScripts() async throws {
        let workspace = try temporaryDirectory()
        #expect(
            try await runTriage(["-c", "help", "-c", "quit", "-c", "bogus"], workspace: workspace).status == 0
        )
        #expect(try await runTriage(["--format", "xml"], workspace: workspace).status == 64)
        #expect(try await runTriage(["-f", "/nonexistent/x.triage"], workspace: workspace).status == 64)
        let piped = try await runTriage([], workspace: workspace, stdin: "help\nsumary\n")
        #expect(piped.status == 3)
        #expect(piped.stderr == "<stdin>:2: error: unknown command 'sumary' — did you mean 'summary'?\n")
        let echoed = try await runTriage(["--echo", "-c", "help quit"], workspace: workspace)
        #expect(echoed.stdout.hasPrefix("triage> help quit\nusage: quit\n"))
    }

    /// Issue 14: one command given to the executable with words that do not fit is a bad
    /// argument (64, as documented); the same line in a script still stops it with 3.
    @Test func badOptionInOneShotModeExits64() async throws {
        let workspace = try temporaryDirectory()
        let option = try await runTriage(["help", "--nosuch"], workspace: workspace)
        #expect(option.status == 64)
        #expect(
            option.stderr == "error: help: unknown option '--nosuch' — usage: help [COMMAND] [--markdown]\n")
        let command = try await runTriage(["fecth"], workspace: workspace)
        #expect(command.status == 64)
        #expect(command.stderr == "error: unknown command 'fecth' — did you mean 'fetch'?\n")
        #expect(try await runTriage(["-c", "help --nosuch"], workspace: workspace).status == 3)
    }

    /// Issue 14: an empty token and a token pasted with its newline are named, not sent to GitLab
    /// for a 401; the value never appears.
    @Test(arguments: [
        (
            "",
            "error: GITLAB_TOKEN is set but empty — put a personal access token in it, or unset it to see only public projects\n"
        ),
        (
            "glpat-pasted-0000\n",
            "error: GITLAB_TOKEN ends with a newline, which GitLab would reject — strip it, e.g. export GITLAB_TOKEN=\"$(tr -d '[:space:]' < FILE)\"\n"
        ),
    ])
    func tokenWithANewlineOrEmptyHasItsOwnMessage(token: String, message: String) async throws {
        let workspace = try temporaryDirectory()
        let result = try await runTriage(
            ["fetch"], workspace: workspace,
            environment: ["GITLAB_URL": "http://127.0.0.1:9", "GITLAB_TOKEN": token])
        #expect(result.status == 3)
        #expect(result.stderr == message)
        #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent(".triage").path))
    }

    /// Issue 14: a mistyped --workspace is an error, not a new empty workspace; `fetch` may
    /// create one and says so.
    @Test func missingWorkspaceIsAnErrorUnlessFetchCreatesIt() async throws {
        let missing = try temporaryDirectory().appendingPathComponent("tyop")
        let status = try await runTriage(["status"], workspace: missing)
        #expect(status.status == 64)
        #expect(
            status.stderr
                == "triage: workspace '\(missing.path)' does not exist — check --workspace (or TRIAGE_WORKSPACE); 'triage --workspace \(missing.path) fetch' creates it\n"
        )
        #expect(!FileManager.default.fileExists(atPath: missing.path))
        let fetch = try await runTriage(
            ["fetch"], workspace: missing,
            environment: ["GITLAB_URL": "http://127.0.0.1:9", "GITLAB_TOKEN": ""])
        #expect(fetch.stderr.hasPrefix("note: created workspace \(missing.path)\n"))
        #expect(FileManager.default.fileExists(atPath: missing.path))
    }

    @Test func corruptCacheIsRefusedAndKept() async throws {
        let workspace = try temporaryDirectory()
        let dot = workspace.appendingPathComponent(".triage")
        try FileManager.default.createDirectory(at: dot, withIntermediateDirectories: true)
        let garbage = Data("this is not a database, it is a shopping list\n".utf8)
        try garbage.write(to: dot.appendingPathComponent("cache.sqlite"))
        let result = try await runTriage(["-c", "status"], workspace: workspace)
        #expect(result.status == 3)
        #expect(result.stderr.contains("is not a triage cache"))
        #expect(try Data(contentsOf: dot.appendingPathComponent("cache.sqlite")) == garbage)
    }
}
