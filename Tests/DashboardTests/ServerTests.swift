import Foundation
import Testing

@testable import Dashboard

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 14, bug 3: `serve` over real sockets on 127.0.0.1. Every client here is bounded in
/// bytes, count and time, and every connection is closed by the test.
@Suite(.serialized) struct ServerLimitsTests {
    /// Starts a server on a free port with a short read timeout; stops it after `body`.
    func withServer(readTimeout: Duration = .milliseconds(500), _ body: (UInt16) async throws -> Void)
        async throws
    {
        let (root, site) = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let server = try DashboardServer(site: site, assignments: nil, port: 0, readTimeout: readTimeout)
        let address = AsyncURL()
        let task = Task { try await server.run { url in address.set(url) } }
        defer { task.cancel() }
        let port = try #require(try await address.wait().port)
        try await body(UInt16(port))
        await server.stop()
    }

    @Test func aLongRequestLineGets414AtOnce() async throws {
        try await withServer { port in
            let started = ContinuousClock.now
            let answer = try await RawClient.exchange(
                port: port,
                send: "GET /" + String(repeating: "a", count: 20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(answer.hasPrefix("HTTP/1.1 414 URI Too Long\r\n"), "\(answer.prefix(200))")
            #expect(ContinuousClock.now - started < .seconds(1))
        }
    }

    @Test func longHeadersGet431AtOnceEvenWhenTheClientKeepsSending() async throws {
        try await withServer { port in
            let started = ContinuousClock.now
            // 1 MB of headers offered; the server answers after 8 KB and hangs up.
            let header = "X-Filler: " + String(repeating: "b", count: 1000) + "\r\n"
            let answer = try await RawClient.exchange(
                port: port,
                send: "GET / HTTP/1.1\r\nHost: x\r\n" + String(repeating: header, count: 1000) + "\r\n")
            #expect(
                answer.hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"), "\(answer.prefix(200))")
            #expect(ContinuousClock.now - started < .seconds(1))
        }
    }

    @Test func aHalfSentRequestIsDroppedAfterTheReadTimeout() async throws {
        try await withServer(readTimeout: .milliseconds(500)) { port in
            let started = ContinuousClock.now
            let answer = try await RawClient.exchange(
                port: port, send: "GET /index.html HTTP/1.1\r\nHost: x\r\n")
            let waited = ContinuousClock.now - started
            #expect(answer.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"), "\(answer)")
            #expect(waited >= .milliseconds(400) && waited < .seconds(3), "\(waited)")
        }
    }

    @Test func slowAndHangingUpClientsDoNotBlockOthers() async throws {
        try await withServer(readTimeout: .seconds(5)) { port in
            // Four clients that send half a request and stall, and four that send a 30 KB
            // request line and hang up at once.
            let stalled = try (0..<4).map { _ in try RawClient.connect(port: port) }
            defer { stalled.forEach { close($0) } }
            for socket in stalled { RawClient.send(socket, "GET /index.html HTTP/1.1\r\nHo") }
            for _ in 0..<4 {
                let socket = try RawClient.connect(port: port)
                RawClient.send(socket, "GET /" + String(repeating: "c", count: 30_000))
                close(socket)
            }
            // Meanwhile 20 ordinary requests, one after the other, are each answered quickly.
            let started = ContinuousClock.now
            for _ in 0..<20 {
                let answer = try await RawClient.exchange(
                    port: port, send: "GET /app.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"))
                #expect(answer.hasSuffix("\r\n\r\nx"))
            }
            #expect(ContinuousClock.now - started < .seconds(2))
        }
    }

    @Test func headCarriesTheRealLengthAnd405SaysWhatIsAllowed() async throws {
        try await withServer { port in
            let head = try await RawClient.exchange(
                port: port, send: "HEAD /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(head.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(head.contains("\r\nContent-Length: 15\r\n"), "\(head)")  // "<!DOCTYPE html>"
            #expect(head.hasSuffix("\r\n\r\n"))
            let post = try await RawClient.exchange(
                port: port,
                send: "POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
            #expect(post.hasPrefix("HTTP/1.1 405 Method Not Allowed\r\n"))
            #expect(post.contains("\r\nAllow: GET, HEAD\r\n"), "\(post)")
        }
    }

    @Test(arguments: ["/data/..", "/data/../index.html", "/%2e%2e/secret.txt", "/./index.html", "/.hidden"])
    func dotSegmentsAre404(_ path: String) async throws {
        try await withServer { port in
            let answer = try await RawClient.exchange(
                port: port, send: "GET \(path) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(answer.hasPrefix("HTTP/1.1 404 Not Found\r\n"), "\(path): \(answer.prefix(100))")
        }
    }

    @Test func aBusyPortIsASentence() async throws {
        try await withServer { port in
            let (root, site) = try makeSite()
            defer { try? FileManager.default.removeItem(at: root) }
            do {
                let second = try DashboardServer(site: site, assignments: nil, port: port)
                try await second.run { _ in }
                Issue.record("a second server on port \(port) started")
            } catch let error as DashboardError {
                #expect(
                    error.description
                        == "cannot serve: port \(port) on 127.0.0.1 is already in use (another serve, or another program)"
                )
            }
        }
    }
}

/// A blocking TCP client for 127.0.0.1, run off Swift's cooperative pool.
enum RawClient {
    struct Failed: Error { var what: String }

    static func connect(port: UInt16) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failed(what: "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(socket)
            throw Failed(what: "connect")
        }
        // Every read in these tests ends: 10 s at most.
        var limit = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        return socket
    }

    /// Sends what it can (a server that hung up ends the sending).
    static func send(_ socket: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if sent <= 0 { return }
            offset += sent
        }
    }

    /// Connects, sends `send` from a thread of its own, and reads until the server closes.
    static func exchange(port: UInt16, send text: String) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                do {
                    let socket = try connect(port: port)
                    let sent = DispatchSemaphore(value: 0)
                    Thread {
                        Self.send(socket, text)
                        sent.signal()
                    }.start()
                    // The sender may still be blocked: end it before the descriptor is reused.
                    defer {
                        shutdown(socket, Int32(SHUT_RDWR))
                        sent.wait()
                        close(socket)
                    }
                    var received: [UInt8] = []
                    var buffer = [UInt8](repeating: 0, count: 65536)
                    while true {
                        let count = recv(socket, &buffer, buffer.count, 0)
                        if count <= 0 { break }
                        received += buffer[..<count]
                        if received.count > 1_000_000 { break }
                    }
                    continuation.resume(returning: String(decoding: received, as: UTF8.self))
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
    }
}
