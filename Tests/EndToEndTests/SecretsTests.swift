import Foundation
import Testing
import TriageTestSupport

/// Issue 14, bug 4: the token never reaches a written file, the JSON answer, or an error.
@Suite(.serialized) struct SecretsTests {
    /// A token that is a plain word of the excerpts: `test` (`GITLAB_TOKEN=test` against a
    /// local test instance is what people really type). The simulator's Julia excerpts have the
    /// word (`Test Summary: | … test/runtests.jl`, `test` stage), so they "echo the token".
    /// Masking still holds: the whole word `test` becomes `[MASKED]` wherever it is printed or
    /// exported, at the price of readability (the README says so and `export` warns); longer words
    /// that contain it (`testing`, `test-1.10`, `Test`) are other words and stay.
    @Test func aTokenThatIsAPlainWordIsMaskedInTheExportAndTheJSON() async throws {
        let token = "test"
        try await withSimulator(tokens: [token: .api]) { _, url in
            let workspace = try makeWorkspace(url: url)
            defer { try? FileManager.default.removeItem(at: workspace) }
            let env = ["GITLAB_TOKEN": token]
            let fetched = try await runTriage(["fetch"], workspace: workspace, environment: env)
            try #require(fetched.status == 0, "\(fetched.stderr)")
            // Without the token set, the cache's excerpts do hold the word: the test has teeth.
            let unmasked = try await runTriage(
                ["failures", "last-night", "--format", "json"], workspace: workspace)
            #expect(Self.wholeWords(token, in: unmasked.stdout) > 0)

            let exported = try await runTriage(["export"], workspace: workspace, environment: env)
            #expect(exported.status == 0, "\(exported.stderr)")
            #expect(
                exported.stderr.contains(
                    "warning: the token is a plain word ('[MASKED]' stands for it wherever it appears) — use a real token"
                ))
            let data = workspace.appendingPathComponent("public/data")
            var files = try FileManager.default.contentsOfDirectory(atPath: data.path).map {
                data.appendingPathComponent($0)
            }
            files += try FileManager.default.contentsOfDirectory(
                atPath: data.appendingPathComponent("nights").path
            )
            .map { data.appendingPathComponent("nights/\($0)") }
            var masked = 0
            for file in files where file.pathExtension == "js" {
                let text = try String(contentsOf: file, encoding: .utf8)
                #expect(Self.wholeWords(token, in: text) == 0, "\(file.lastPathComponent) has the token")
                masked += text.components(separatedBy: "[MASKED]").count - 1
                // Still one well-formed data script: JSON keys are never masked.
                let start = try #require(text.firstIndex(of: "{"))
                let json = text[start...].dropLast(3)
                #expect(
                    try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any],
                    "\(file.lastPathComponent)")
            }
            #expect(masked > 0)

            let answer = try await runTriage(
                ["failures", "last-night", "--format", "json"], workspace: workspace, environment: env)
            #expect(answer.status == 0)
            #expect(Self.wholeWords(token, in: answer.stdout) == 0)
            #expect(answer.stdout.contains("[MASKED]"))
            #expect(try JSONSerialization.jsonObject(with: Data(answer.stdout.utf8)) is [[String: Any]])
        }
    }

    /// `GITLAB_URL=https://oauth2:TOKEN@host` is refused with a sentence that shows neither the
    /// user nor the password; the same from triage.toml.
    @Test func aURLWithCredentialsIsRefusedWithoutPrintingThem() async throws {
        let workspace = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let url = "https://oauth2:glpat-URL-s3cr3t-99@gitlab.example.com/"
        let result = try await runTriage(
            ["fetch"], workspace: workspace,
            environment: ["GITLAB_URL": url, "GITLAB_TOKEN": "glpat-other-0123456789"])
        #expect(result.status == 3)
        #expect(
            result.stderr
                == "error: GITLAB_URL carries credentials (https://…@gitlab.example.com/) — put the token in GITLAB_TOKEN and the bare URL in GITLAB_URL\n"
        )
        #expect(
            !(result.stdout + result.stderr).contains("s3cr3t")
                && !(result.stdout + result.stderr).contains("oauth2"))

        try Data("[gitlab]\nurl = \"\(url)\"\n".utf8).write(
            to: workspace.appendingPathComponent("triage.toml"))
        let configured = try await runTriage(
            ["fetch"], workspace: workspace, environment: ["GITLAB_TOKEN": "glpat-other-0123456789"])
        #expect(configured.status == 3)
        #expect(
            configured.stderr
                == "error: triage.toml's [gitlab] url carries credentials (https://…@gitlab.example.com/) — put the token in GITLAB_TOKEN and the bare URL in triage.toml\n"
        )
        let settings = try await runTriage(["show", "settings"], workspace: workspace)
        #expect(!(settings.stdout + settings.stderr).contains("s3cr3t"), "\(settings.stdout)")
    }

    static func wholeWords(_ word: String, in text: String) -> Int {
        let pattern =
            "(?<![A-Za-z0-9_-])" + NSRegularExpression.escapedPattern(for: word) + "(?![A-Za-z0-9_-])"
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return -1 }
        return regex.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
    }
}
