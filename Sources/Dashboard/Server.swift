import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `serve`: the exported site on 127.0.0.1, and only it.
///
/// - Binds the loopback address only; never another interface. A port in use is refused at
///   `init` with a sentence.
/// - Answers GET and HEAD for files inside the site folder; a path with a `..` or `.` segment,
///   a hidden file, or one that resolves (through symlinks) outside the folder gets 404. HEAD
///   carries the `Content-Length` GET would; 405 carries `Allow: GET, HEAD`.
/// - `data/assignments.js` is made from the workspace's live `assignments.json` on each request,
///   so a reload shows assignments made after the export.
///
/// A small HTTP/1.1 server of our own on sockets: FlyingFox 0.27.1 parsed the request
/// head in time quadratic in its length with no limit (a 20 KB URL took seconds, a 1 MB header
/// held a core for minutes) on Swift's cooperative pool, so one such client stalled all others.
/// Here the request line and the headers are capped at `maxHeadBytes` each (414 and 431 answered
/// as soon as the cap is passed), the head is scanned once (linear), a request head must arrive
/// within `readTimeout` (else 408), and each connection has a thread of its own, at most
/// `maxConnections` at once (503 beyond), so a slow client holds only its own.
public final class DashboardServer: Sendable {
    public let site: URL
    public let assignments: URL?
    /// The most bytes of a request line, and of the header fields after it.
    public static let maxHeadBytes = 8192
    /// Connections served at once; more are answered 503 and closed.
    public static let maxConnections = 64

    private let files: SiteFiles
    private let readTimeout: Duration
    private let listener: Int32
    private let port: UInt16
    private let state = ServerState()

    /// - Parameters:
    ///   - site: the exported folder (`public/`).
    ///   - assignments: the workspace's `assignments.json`, served live; nil serves the exported copy.
    ///   - port: TCP port on 127.0.0.1; 0 picks a free one.
    ///   - readTimeout: how long a request head (and an idle kept-alive connection) may take.
    public init(site: URL, assignments: URL?, port: UInt16, readTimeout: Duration = .seconds(30)) throws {
        self.site = site.standardizedFileURL.resolvingSymlinksInPath()
        self.assignments = assignments
        self.readTimeout = readTimeout
        files = SiteFiles(root: self.site, assignments: assignments)
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else {
            throw DashboardError.serve(problem: "no socket: \(String(cString: strerror(errno)))")
        }
        var yes: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if bound != 0 || listen(socket, 128) != 0 {
            let code = errno
            close(socket)
            switch code {
            case EADDRINUSE:
                throw DashboardError.serve(
                    problem: "port \(port) on 127.0.0.1 is already in use (another serve, or another program)"
                )
            case EACCES:
                throw DashboardError.serve(
                    problem: "port \(port) needs privileges triage does not have — use a port above 1023")
            default:
                throw DashboardError.serve(
                    problem: "port \(port) on 127.0.0.1: \(String(cString: strerror(code)))")
            }
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        listener = socket
        self.port = UInt16(bigEndian: actual.sin_port)
    }

    deinit { close(listener) }

    /// Serves until the task is canceled or `stop()` is called. `started` gets the URL once the
    /// socket listens.
    public func run(started: @escaping @Sendable (URL) -> Void) async throws {
        guard let url = URL(string: "http://127.0.0.1:\(port)/") else {
            throw DashboardError.serve(problem: "the server did not report its address")
        }
        let listener = listener
        let state = state
        let files = files
        let timeout = readTimeout
        await withTaskCancellationHandler {
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                let thread = Thread {
                    Self.acceptLoop(listener: listener, state: state, files: files, timeout: timeout)
                    done.resume()
                }
                thread.name = "serve accept"
                thread.start()
                started(url)
            }
        } onCancel: {
            state.stop()
        }
        if Task.isCancelled { throw CancellationError() }
    }

    /// Stops accepting and ends the open connections (for tests; `run` also ends when its task
    /// is canceled).
    public func stop() async { state.stop() }

    private static func acceptLoop(listener: Int32, state: ServerState, files: SiteFiles, timeout: Duration) {
        while !state.stopping {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 100) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            var yes: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            guard state.admit(client) else {
                // Answered without reading: the accept loop must not wait on this client.
                Connection(socket: client, files: files, timeout: .seconds(1))
                    .answer(Response.plain(503, "Service Unavailable"), close: true)
                shutdown(client, Int32(SHUT_RDWR))
                close(client)
                continue
            }
            let thread = Thread {
                Connection(socket: client, files: files, timeout: timeout).serve()
                state.release(client)
            }
            thread.name = "serve connection"
            thread.start()
        }
        state.closeAll()
    }
}

/// The open connections, so that `stop` can end them; their count bounds the threads.
private final class ServerState: @unchecked Sendable {
    private let lock = NSLock()
    private var open: Set<Int32> = []
    private var stopped = false

    var stopping: Bool { lock.withLock { stopped } }

    func stop() { lock.withLock { stopped = true } }

    func admit(_ socket: Int32) -> Bool {
        lock.withLock {
            guard !stopped, open.count < DashboardServer.maxConnections else { return false }
            open.insert(socket)
            return true
        }
    }

    /// Closes under the lock, so `closeAll` never shuts down a descriptor already reused.
    func release(_ socket: Int32) {
        lock.withLock {
            open.remove(socket)
            close(socket)
        }
    }

    func closeAll() {
        lock.withLock {
            stopped = true
            for socket in open { shutdown(socket, Int32(SHUT_RDWR)) }
        }
    }
}

/// A response: status line, headers, body (empty for HEAD, with GET's length).
struct Response {
    var status: Int
    var phrase: String
    var contentType: String
    var body: Data
    var extraHeaders: [(String, String)] = []

    static func plain(_ status: Int, _ phrase: String) -> Response {
        Response(
            status: status, phrase: phrase, contentType: "text/plain; charset=utf-8",
            body: Data("\(status) \(phrase)\n".utf8))
    }

    static func phrase(of status: Int) -> String {
        switch status {
        case 200: "OK"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        default: "Error"
        }
    }
}

/// One client connection: reads request heads (bounded in bytes and time), answers, and keeps
/// the connection for the next request unless told otherwise.
private struct Connection {
    let socket: Int32
    let files: SiteFiles
    let timeout: Duration

    /// The most requests on one connection.
    static let maxRequests = 1000

    func serve() {
        var pending: [UInt8] = []
        for _ in 0..<Self.maxRequests {
            switch readHead(&pending) {
            case .closed:
                return
            case .tooLong(let status, let phrase):
                answer(Response.plain(status, phrase), close: true)
                lingerAndClose()
                return
            case .timedOut(let partial):
                if partial { answer(Response.plain(408, "Request Timeout"), close: true) }
                lingerAndClose()
                return
            case .head(let head):
                guard let request = Request(head) else {
                    answer(Response.plain(400, "Bad Request"), close: true)
                    lingerAndClose()
                    return
                }
                // A body (never needed here) is not read: answer, then close.
                let close = request.closes || request.hasBody
                answer(respond(to: request), head: request.method == "HEAD", close: close)
                if close {
                    lingerAndClose()
                    return
                }
            }
        }
    }

    func respond(to request: Request) -> Response {
        let answer = files.answer(method: request.method, path: request.path)
        var response = Response(
            status: answer.status, phrase: Response.phrase(of: answer.status),
            contentType: answer.contentType,
            body: answer.body)
        if answer.status == 405 { response.extraHeaders.append(("Allow", "GET, HEAD")) }
        return response
    }

    enum HeadResult {
        case head([UInt8])
        case closed
        case timedOut(partial: Bool)
        case tooLong(status: Int, phrase: String)
    }

    /// Reads until the blank line that ends a request head, scanning each byte once.
    func readHead(_ pending: inout [UInt8]) -> HeadResult {
        let deadline = ContinuousClock.now + timeout
        var scanned = 0
        var lineEnd: Int?
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            // Scan what arrived: the end of the request line, then the blank line.
            while scanned < pending.count {
                if pending[scanned] == 0x0A {
                    if lineEnd == nil {
                        lineEnd = scanned
                    } else if scanned >= 1,
                        pending[scanned - 1] == 0x0A
                            || (scanned >= 2 && pending[scanned - 1] == 0x0D && pending[scanned - 2] == 0x0A)
                    {
                        let head = Array(pending[...scanned])
                        pending.removeFirst(scanned + 1)
                        return .head(head)
                    }
                }
                scanned += 1
                if lineEnd == nil, scanned > DashboardServer.maxHeadBytes {
                    return .tooLong(status: 414, phrase: "URI Too Long")
                }
                if let lineEnd, scanned - lineEnd > DashboardServer.maxHeadBytes {
                    return .tooLong(status: 431, phrase: "Request Header Fields Too Large")
                }
            }
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return .timedOut(partial: !pending.isEmpty) }
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(
                max(
                    1,
                    min(
                        1000,
                        left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            )
            let ready = poll(&poller, 1, milliseconds)
            if ready < 0, errno != EINTR { return .closed }
            if ready <= 0 { continue }
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { return .closed }
            pending += buffer[..<count]
        }
    }

    /// Writes the response in one buffer (headers and body together: no Nagle delay).
    func answer(_ response: Response, head: Bool = false, close: Bool) {
        var text = "HTTP/1.1 \(response.status) \(response.phrase)\r\n"
        text += "Content-Type: \(response.contentType)\r\n"
        text += "Content-Length: \(response.body.count)\r\n"
        text += "Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\n"
        for (name, value) in response.extraHeaders { text += "\(name): \(value)\r\n" }
        if close { text += "Connection: close\r\n" }
        text += "\r\n"
        var bytes = Array(text.utf8)
        if !head { bytes += response.body }
        var limit = timeval(tv_sec: Int(max(1, timeout.components.seconds)), tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if sent < 0, errno == EINTR { continue }
            if sent <= 0 { return }
            offset += sent
        }
    }

    /// Ends the sending side, then reads and drops what the client still sends for a moment
    /// (at most 1 MB, 2 s, or until 200 ms of silence), so that closing does not reset the
    /// connection before the client has read the answer.
    func lingerAndClose() {
        shutdown(socket, Int32(SHUT_WR))
        let deadline = ContinuousClock.now + .seconds(2)
        var drained = 0
        var buffer = [UInt8](repeating: 0, count: 16384)
        while drained < 1_000_000, ContinuousClock.now < deadline {
            var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 200) > 0 else { break }
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            drained += count
        }
    }
}

/// A parsed request head: method, percent-decoded path, and what the headers say about the
/// connection.
struct Request {
    var method: String
    var path: String
    var closes: Bool
    var hasBody: Bool

    init?(_ head: [UInt8]) {
        // Split on LF bytes: as Characters, "\r\n" is one grapheme and would not split on "\n".
        var lines = head.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
        }
        guard !lines.isEmpty else { return nil }
        let parts = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[2].hasPrefix("HTTP/1.") else { return nil }
        method = String(parts[0])
        let target =
            parts[1].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard target.hasPrefix("/"), let decoded = String(target).removingPercentEncoding else { return nil }
        path = decoded
        var connection = parts[2] == "HTTP/1.0" ? "close" : "keep-alive"
        var body = false
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces).lowercased()
            switch name {
            case "connection": connection = value
            case "content-length": body = body || value != "0"
            case "transfer-encoding": body = true
            default: break
            }
        }
        closes = connection.contains("close")
        hasBody = body
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
        "html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "json": "application/json", "png": "image/png", "svg": "image/svg+xml",
        "txt": "text/plain; charset=utf-8",
        "ico": "image/x-icon",
    ]

    public static func contentType(of name: String) -> String {
        let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return types[ext] ?? "application/octet-stream"
    }

    static let notFound = Answer(
        status: 404, contentType: "text/plain; charset=utf-8", body: Data("404 Not Found\n".utf8))

    /// The answer for a request path (percent-decoded, as the server hands it over).
    public func answer(method: String, path: String) -> Answer {
        guard method == "GET" || method == "HEAD" else {
            return Answer(
                status: 405, contentType: "text/plain; charset=utf-8",
                body: Data("405 Method Not Allowed\n".utf8))
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
        guard FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isDirectory) else {
            return Self.notFound
        }
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
            let book = try? PageAssignments.parse(data), let file = try? Site.dataScript("assignments", book)
        else { return nil }
        return Answer(status: 200, contentType: Self.contentType(of: file.path), body: file.contents)
    }
}
