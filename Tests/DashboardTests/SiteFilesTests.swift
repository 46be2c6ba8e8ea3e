import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Testing

@testable import Dashboard

/// A site folder with a secret beside it, a symlink out of it and a hidden file in it.
func makeSite() throws -> (root: URL, site: URL) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
        "dashboard-site-\(UUID().uuidString)")
    let site = root.appendingPathComponent("public")
    try FileManager.default.createDirectory(
        at: site.appendingPathComponent("data"), withIntermediateDirectories: true)
    try Data("<!DOCTYPE html>".utf8).write(to: site.appendingPathComponent("index.html"))
    try Data("x".utf8).write(to: site.appendingPathComponent("app.js"))
    try Data("y".utf8).write(to: site.appendingPathComponent("style.css"))
    try Data("triageData(\"overview\", {});\n".utf8).write(
        to: site.appendingPathComponent("data/overview.js"))
    try Data("triageData(\"assignments\", {});\n".utf8).write(
        to: site.appendingPathComponent("data/assignments.js"))
    try Data("secret".utf8).write(to: root.appendingPathComponent("secret.txt"))
    try Data("hidden".utf8).write(to: site.appendingPathComponent(".hidden"))
    try FileManager.default.createSymbolicLink(
        atPath: site.appendingPathComponent("escape.txt").path, withDestinationPath: "../secret.txt")
    try FileManager.default.createSymbolicLink(
        atPath: site.appendingPathComponent("out").path, withDestinationPath: root.path)
    return (root, site)
}

@Suite struct SiteFilesTests {
    @Test(arguments: [
        ("/", 200, "text/html; charset=utf-8"),
        ("/index.html", 200, "text/html; charset=utf-8"),
        ("/app.js", 200, "text/javascript; charset=utf-8"),
        ("/style.css", 200, "text/css; charset=utf-8"),
        ("/data/overview.js", 200, "text/javascript; charset=utf-8"),
        ("/index.html?x=1", 200, "text/html; charset=utf-8"),
        ("/../secret.txt", 404, "text/plain; charset=utf-8"),
        ("/data/../../secret.txt", 404, "text/plain; charset=utf-8"),
        ("/./index.html", 404, "text/plain; charset=utf-8"),
        ("/escape.txt", 404, "text/plain; charset=utf-8"),
        ("/out/secret.txt", 404, "text/plain; charset=utf-8"),
        ("/.hidden", 404, "text/plain; charset=utf-8"),
        ("/data", 404, "text/plain; charset=utf-8"),
        ("/missing.js", 404, "text/plain; charset=utf-8"),
        ("/..\\secret.txt", 404, "text/plain; charset=utf-8"),
    ])
    func answers(path: String, status: Int, contentType: String) throws {
        let (root, site) = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let answer = SiteFiles(root: site, assignments: nil).answer(method: "GET", path: path)
        #expect(answer.status == status)
        #expect(answer.contentType == contentType)
        if status == 404 { #expect(answer.body == Data("404 Not Found\n".utf8)) }
    }

    @Test func onlyGetAndHead() throws {
        let (root, site) = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let files = SiteFiles(root: site, assignments: nil)
        #expect(files.answer(method: "POST", path: "/index.html").status == 405)
        #expect(files.answer(method: "HEAD", path: "/index.html").status == 200)
    }

    @Test func assignmentsAreLive() throws {
        let (root, site) = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let book = root.appendingPathComponent("assignments.json")
        let files = SiteFiles(root: site, assignments: book)
        // No book yet: the exported file.
        #expect(
            files.answer(method: "GET", path: "/data/assignments.js").body
                == Data("triageData(\"assignments\", {});\n".utf8))
        try Data(
            #"{"version": 1, "assignments": [], "clusters": [{"cluster": "c-0000000a", "issue": {"project": "g/p", "iid": 3, "url": "https://h/g/p/-/issues/3"}, "by": "bo", "at": "2026-11-29T08:00:00Z"}]}"#
                .utf8
        )
        .write(to: book)
        let live = files.answer(method: "GET", path: "/data/assignments.js")
        #expect(live.contentType == "text/javascript; charset=utf-8")
        #expect(
            String(decoding: live.body, as: UTF8.self)
                == #"triageData("assignments", {"assignments":[],"clusters":[{"at":"2026-11-29T08:00:00Z","by":"bo","cluster":"c-0000000a","issue":{"iid":3,"project":"g/p","url":"https://h/g/p/-/issues/3"},"note":null}],"version":1});"#
                + "\n")
    }
}

@Suite struct DashboardServerTests {
    @Test func servesOnLoopbackWithContentTypes() async throws {
        let (root, site) = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let server = try DashboardServer(site: site, assignments: nil, port: 0)
        let address = AsyncURL()
        let task = Task { try await server.run { url in address.set(url) } }
        defer { task.cancel() }
        let base = try await address.wait()
        #expect(base.host == "127.0.0.1")
        let (body, response) = try await URLSession.shared.data(from: base.appendingPathComponent("app.js"))
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.statusCode == 200)
        #expect(http.value(forHTTPHeaderField: "Content-Type") == "text/javascript; charset=utf-8")
        #expect(body == Data("x".utf8))
        let (_, missing) = try await URLSession.shared.data(from: base.appendingPathComponent("escape.txt"))
        #expect((missing as? HTTPURLResponse)?.statusCode == 404)
        await server.stop()
    }
}

/// A URL set once by one task and awaited by another.
final class AsyncURL: @unchecked Sendable {
    private let lock = NSLock()
    private var url: URL?

    func set(_ url: URL) { lock.withLock { self.url = url } }

    func wait() async throws -> URL {
        for _ in 0..<3000 {
            if let url = lock.withLock({ url }) { return url }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw CancellationError()
    }
}
