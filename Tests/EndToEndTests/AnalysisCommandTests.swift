import Foundation
import Testing
import TriageTestSupport

/// `excerpt` and `group` run on plain files: no workspace, no GitLab, nothing but the answer on stdout.
@Suite struct AnalysisCommandTests {
    static let log = """
        \u{1B}[0KRunning with gitlab-runner 17.5.0
        section_start:1732800000:step_script\r\u{1B}[0K\u{1B}[0K\u{1B}[36;1mExecuting "step_script" stage\u{1B}[0;m
        $ julia --project -e 'using Pkg; Pkg.test()'
        Test Summary: | Pass  Fail  Total
        rounding: Test Failed at /builds/julia/Foo.jl/test/runtests.jl:42
          Expression: round(x, digits = 2) == 0.12
           Evaluated: 0.13 == 0.12
        ERROR: LoadError: Some tests did not pass: 1 passed, 1 failed, 0 errored, 0 broken.
        section_end:1732800100:step_script\r\u{1B}[0K
        \u{1B}[31;1mERROR: Job failed: exit code 1\u{1B}[0;m

        """

    @Test func excerptPrintsOnlyExcerptLinesVerbatimInLogOrder() async throws {
        let dir = try temporaryDirectory("triage-excerpt")
        let file = dir.appendingPathComponent("job.log")
        try Data(Self.log.utf8).write(to: file)
        let run = try await runTriage(["excerpt", "--max-lines", "4", file.path], workspace: dir)
        #expect(run.status == 0)
        #expect(run.stderr == "")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(
            String.init)
        let raw = Self.log.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count <= 4)
        #expect(lines.contains("rounding: Test Failed at /builds/julia/Foo.jl/test/runtests.jl:42"))
        var last = -1
        for line in lines {
            let at = try #require(raw.firstIndex(of: line), "'\(line)' is not a line of the log")
            #expect(at > last)
            last = at
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(".triage").path))
        // stdin works too.
        let piped = try await runTriage(["excerpt", "--max-lines", "4"], workspace: dir, stdin: Self.log)
        #expect(piped.stdout == run.stdout)
    }

    /// Issue 14: binary input and a 10 MB line give bounded text without control characters.
    @Test func excerptOfBinaryOrAHugeLineIsBoundedAndVisible() async throws {
        let dir = try temporaryDirectory("triage-excerpt")
        var generator = SystemRandomNumberGenerator()
        var binary = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        binary += Array("\nERROR: boom \u{1B}]0;owned\u{07}\u{1B}[2J\n".utf8)
        let huge = Array(
            ("$ make\nerror: " + String(repeating: "x", count: 10_000_000) + "\nexit code 2\n").utf8)
        for bytes in [binary, huge] {
            let file = dir.appendingPathComponent("job.log")
            try Data(bytes).write(to: file)
            let run = try await runTriage(["excerpt", file.path], workspace: dir)
            #expect(run.status == 0)
            #expect(!run.stdout.isEmpty)
            #expect(!run.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
            #expect(!run.stdout.unicodeScalars.contains { (0x7F..<0xA0).contains($0.value) })
            #expect(run.stdout.split(separator: "\n").allSatisfy { $0.count <= excerptLimit + 40 })
        }
    }

    private let excerptLimit = 2000

    @Test func groupPrintsOneClusterPerFileInTheGivenOrder() async throws {
        let dir = try temporaryDirectory("triage-group")
        let logs = dir.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let a = Self.log
        let b = Self.log.replacingOccurrences(of: "0.13 == 0.12", with: "0.14 == 0.12")
        let c =
            "Cloning into 'x'...\nfatal: unable to access 'https://github.com/x/y.git/': Could not resolve host: github.com\nERROR: Job failed: exit code 1\n"
        try Data(a.utf8).write(to: logs.appendingPathComponent("a.log"))
        try Data(b.utf8).write(to: logs.appendingPathComponent("b.log"))
        try Data(c.utf8).write(to: logs.appendingPathComponent("c.log"))
        let order = dir.appendingPathComponent("order.txt")
        try Data("c.log\nb.log\na.log\n".utf8).write(to: order)
        let run = try await runTriage(["group", "--order", order.path, logs.path], workspace: dir)
        #expect(run.status == 0)
        let rows = run.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.map { $0.first ?? "" } == ["c.log", "b.log", "a.log"])
        #expect(rows.allSatisfy { $0.count == 2 && $0[1].hasPrefix("c-") && $0[1].count == 10 })
        #expect(rows[1][1] == rows[2][1])
        #expect(rows[0][1] != rows[1][1])
        let byName = try await runTriage(["group", logs.path], workspace: dir)
        #expect(
            byName.stdout.split(separator: "\n").map { $0.split(separator: "\t")[0] } == [
                "a.log", "b.log", "c.log",
            ])
        // JSON says why: each file's signature, the DNS failure by its pattern's name.
        let json = try await runTriage(["group", "--format", "json", logs.path], workspace: dir)
        let records = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(records.map { $0["file"] as? String } == ["a.log", "b.log", "c.log"])
        #expect(records[2]["signature"] as? [String] == ["@infra dns"])
        #expect((records[0]["signature"] as? [String])?.isEmpty == false)
    }
}
