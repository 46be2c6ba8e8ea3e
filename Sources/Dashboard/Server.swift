import FlyingFox
import Foundation

/// `serve`: the exported site on 127.0.0.1, and only it.
///
/// - Binds the loopback address only; never another interface.
/// - Answers GET and HEAD for files inside the site folder; a path with a `..` or `.` segment,
///   a hidden file, or one that resolves (through symlinks) outside the folder gets 404.
/// - `data/assignments.js` is made from the workspace's live `assignments.json` on each request,
///   so a reload shows assignments made after the export.
public final class DashboardServer: Sendable {
    public let site: URL
    public let assignments: URL?
    private let server: HTTPServer

    /// - Parameters:
    ///   - site: the exported folder (`public/`).
    ///   - assignments: the workspace's `assignments.json`, served live; nil serves the exported copy.
    ///   - port: TCP port on 127.0.0.1; 0 picks a free one.
    public init(site: URL, assignments: URL?, port: UInt16) throws {
        self.site = site.standardizedFileURL.resolvingSymlinksInPath()
        self.assignments = assignments
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
        let files = SiteFiles(root: self.site, assignments: assignments)
        server = HTTPServer(
            config: HTTPServer.Configuration(address: address, timeout: 30, logger: .disabled),
            handler: FileHandler(files: files))
    }

    /// Serves until the task is canceled. `started` gets the URL once the socket listens.
    public func run(started: @escaping @Sendable (URL) -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.server.run() }
            group.addTask {
                try await self.server.waitUntilListening(timeout: 30)
                guard case .ip4(let host, let port) = await self.server.listeningAddress,
                    let url = URL(string: "http://\(host):\(port)/")
                else { throw DashboardError.serve(problem: "the server did not report its address") }
                started(url)
            }
            defer { group.cancelAll() }
            for try await _ in group {}
        }
    }

    /// Stops listening (for tests; `run` also ends when its task is canceled).
    public func stop() async { await server.stop(timeout: 1) }
}

private struct FileHandler: HTTPHandler {
    let files: SiteFiles
    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let answer = files.answer(method: request.method.rawValue, path: request.path)
        var headers = HTTPHeaders()
        headers.addValue(answer.contentType, for: HTTPHeader("Content-Type"))
        headers.addValue("no-cache", for: HTTPHeader("Cache-Control"))
        headers.addValue("nosniff", for: HTTPHeader("X-Content-Type-Options"))
        let status = HTTPStatusCode(answer.status, phrase: answer.status == 200 ? "OK" : answer.status == 404 ? "Not Found" : "Method Not Allowed")
        return HTTPResponse(
            statusCode: status, headers: headers, body: request.method == .HEAD ? Data() : answer.body)
    }
}

/// What `serve` answers for a path: the pure part of the server, tested without a socket.
public struct SiteFiles: Sendable {
    public struct Answer: Sendable, Hashable {
        public var status: Int
        public var contentType: String
        public var body: Data
    }

    public let root: URL
    public let assignments: URL?

    public init(root: URL, assignments: URL?) {
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
        self.assignments = assignments
    }

    static let types = [
        "html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8",
        "json": "application/json", "png": "image/png", "svg": "image/svg+xml", "txt": "text/plain; charset=utf-8",
        "ico": "image/x-icon",
    ]

    public static func contentType(of name: String) -> String {
        let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return types[ext] ?? "application/octet-stream"
    }

    static let notFound = Answer(status: 404, contentType: "text/plain; charset=utf-8", body: Data("404 Not Found\n".utf8))

    /// The answer for a request path (percent-decoded, as the server hands it over).
    public func answer(method: String, path: String) -> Answer {
        guard method == "GET" || method == "HEAD" else {
            return Answer(status: 405, contentType: "text/plain; charset=utf-8", body: Data("405 Method Not Allowed\n".utf8))
        }
        let raw = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        var segments = raw.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        // No dot segments, hidden files, backslashes or NULs: nothing to normalise, nothing to escape.
        if segments.contains(where: { $0.hasPrefix(".") || $0.contains("\\") || $0.contains("\0") }) {
            return Self.notFound
        }
        if segments.isEmpty { segments = ["index.html"] }
        let relative = segments.joined(separator: "/")
        if relative == "data/assignments.js", let live = liveAssignments() { return live }
        var url = root
        for segment in segments { url.appendPathComponent(segment) }
        let resolved = url.resolvingSymlinksInPath()
        guard resolved.path.hasPrefix(root.path + "/") else { return Self.notFound }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isDirectory) else { return Self.notFound }
        var file = resolved
        if isDirectory.boolValue {
            file = resolved.appendingPathComponent("index.html")
            guard FileManager.default.fileExists(atPath: file.path) else { return Self.notFound }
        }
        guard let body = FileManager.default.contents(atPath: file.path) else { return Self.notFound }
        return Answer(status: 200, contentType: Self.contentType(of: file.lastPathComponent), body: body)
    }

    /// `data/assignments.js` from the workspace's current `assignments.json`; nil (serve the
    /// exported file) when there is none, or it does not parse (the export's copy is then shown).
    private func liveAssignments() -> Answer? {
        guard let assignments, let data = FileManager.default.contents(atPath: assignments.path),
            let book = try? AssignmentsFile.parse(data), let file = try? Site.dataScript("assignments", book)
        else { return nil }
        return Answer(status: 200, contentType: Self.contentType(of: file.path), body: file.contents)
    }
}
