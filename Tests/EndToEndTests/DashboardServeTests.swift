import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Testing
import TriageTestSupport

@Suite(.serialized) struct DashboardServeTests {
    /// `serve` prints its loopback URL, serves the export with content types and the live
    /// assignments, refuses escapes, and stops on Ctrl-C.
    @Test func servesTheExportOnLoopback() async throws {
        let workspace = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let export = try await runTriage(["export"], workspace: workspace)
        #expect(export.status == 0, "\(export.stderr)")
        try Data("secret".utf8).write(to: workspace.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(
            atPath: workspace.appendingPathComponent("public/link.txt").path,
            withDestinationPath: "../secret.txt")

        let running = try startTriage(["serve", "--port", "0"], workspace: workspace)
        var base: URL?
        for _ in 0..<600 where base == nil {
            try await Task.sleep(for: .milliseconds(50))
            let out = (try? String(contentsOf: running.stdoutURL, encoding: .utf8)) ?? ""
            if let found = try captures(#"serving (http://127\.0\.0\.1:\d+/) "#, in: out).first {
                base = URL(string: found)
            }
        }
        let url = try #require(base)

        func get(_ path: String) async throws -> (Int, String?, String) {
            let (body, response) = try await URLSession.shared.data(
                from: URL(string: path, relativeTo: url) ?? url)
            let http = response as? HTTPURLResponse
            return (
                http?.statusCode ?? 0, http?.value(forHTTPHeaderField: "Content-Type"),
                String(decoding: body, as: UTF8.self)
            )
        }
        #expect(try await get("index.html").0 == 200)
        #expect(try await get("index.html").1 == "text/html; charset=utf-8")
        #expect(try await get("app.js").1 == "text/javascript; charset=utf-8")
        #expect(try await get("style.css").1 == "text/css; charset=utf-8")
        #expect(try await get("link.txt").0 == 404)
        #expect(try await get("%2e%2e/secret.txt").0 == 404)
        #expect(
            try await get("data/assignments.js").2
                == #"triageData("assignments", {"assignments":[],"clusters":[],"version":1});"# + "\n")
        try Data(
            #"{"version": 1, "assignments": [], "clusters": [{"cluster": "c-0000000a", "issue": {"project": "g/p", "iid": 3, "url": "https://h/3"}, "by": "bo", "at": "t"}]}"#
                .utf8
        )
        .write(to: workspace.appendingPathComponent("assignments.json"))
        #expect(try await get("data/assignments.js").2.contains(#""cluster":"c-0000000a""#))

        running.signal(SIGINT)
        let transcript = try await running.finish(timeout: 30)
        #expect(transcript.status == 130)
    }
}
