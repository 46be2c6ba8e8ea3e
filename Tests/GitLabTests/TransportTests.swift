import Foundation
import Testing
import TriageCore

@testable import GitLab

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A TCP port on 127.0.0.1 that nothing listens on: bound, read, closed.
private func closedPort() throws -> Int {
    #if os(Linux)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    try #require(fd >= 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
        }
    }
    try #require(bound)
    return Int(UInt16(bigEndian: address.sin_port))
}

/// A one-shot HTTP server on 127.0.0.1: answers the first request with `response` and hands
/// back the raw request text.
private final class OneShotServer: @unchecked Sendable {
    let port: Int
    private let fd: Int32
    private let received = Locked<String?>(nil)

    init(response: String) throws {
        #if os(Linux)
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let fd = self.fd
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 && listen(fd, 4) == 0
            }
        }
        try #require(ok)
        port = Int(UInt16(bigEndian: address.sin_port))
        let received = self.received
        Thread.detachNewThread {
            let client = accept(fd, nil, nil)
            guard client >= 0 else { return }
            var text = ""
            var buffer = [UInt8](repeating: 0, count: 65536)
            while !text.contains("\r\n\r\n") {
                let count = read(client, &buffer, buffer.count)
                if count <= 0 { break }
                text += String(decoding: buffer[..<count], as: UTF8.self)
            }
            received.withLock { $0 = text }
            let bytes = Array(response.utf8)
            _ = bytes.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            close(client)
        }
    }

    var request: String? { received.value }

    deinit { close(fd) }
}

struct TransportTests {
    @Test func urlSessionTransportSendsHeadersAndReadsTheResponse() async throws {
        let body = #"[{"id":1}]"#
        let server = try OneShotServer(
            response: "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Next-Page: \r\nx-total: 1\r\n"
                + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)")
        let transport = URLSessionTransport.make(maxConnections: 4)
        let url = try #require(URL(string: "http://127.0.0.1:\(server.port)/api/v4/projects?per_page=100"))
        let response = try await transport(
            HTTPRequest(
                method: "GET", url: url, headers: ["PRIVATE-TOKEN": testToken, "Accept": "application/json"]))
        #expect(response.status == 200)
        #expect(response.body == Data(body.utf8))
        #expect(response.header("x-next-page") == "")
        #expect(response.header("X-Total") == "1")
        let request = try #require(server.request)
        #expect(request.hasPrefix("GET /api/v4/projects?per_page=100 HTTP/1.1\r\n"))
        #expect(request.lowercased().contains("private-token: \(testToken.lowercased())\r\n"))
    }

    @Test func connectionRefusedIsUnreachableQuickly() async throws {
        let port = try closedPort()
        let client = GitLabClient(
            baseURL: try #require(URL(string: "http://127.0.0.1:\(port)")), token: testToken,
            transport: URLSessionTransport.make())
        let started = ContinuousClock.now
        await #expect(
            throws: RemoteError(
                kind: .unreachable, method: "GET", url: "http://127.0.0.1:\(port)/api/v4/user",
                message: "could not connect to 127.0.0.1:\(port): connection refused")
        ) {
            _ = try await client.currentUser()
        }
        #expect(ContinuousClock.now - started < .seconds(3))
        #expect(client.requestCount == 1)
    }

    @Test(arguments: [
        (
            URLError.Code.cannotConnectToHost, TransportError.Kind.unreachable,
            "could not connect to h:8080: connection refused"
        ),
        (.cannotFindHost, .unreachable, "could not connect to h:8080: host not found"),
        (.networkConnectionLost, .unreachable, "connection to h:8080 lost"),
        (.timedOut, .timeout, "h:8080 did not answer after 5 s"),
    ])
    func urlErrorsAreClassified(code: URLError.Code, kind: TransportError.Kind, message: String) throws {
        let url = try #require(URL(string: "http://h:8080/api/v4/user"))
        #expect(
            TransportError.from(URLError(code), url: url, timeout: 5)
                == TransportError(kind: kind, message: message))
    }

    @Test func cancelledURLErrorIsNotATransportError() throws {
        let url = try #require(URL(string: "https://h/api/v4/user"))
        #expect(TransportError.from(URLError(.cancelled), url: url) == nil)
    }

    @Test func requestDescriptionsHideTheToken() throws {
        let request = HTTPRequest(
            method: "GET", url: try #require(URL(string: "https://h/api/v4/user")),
            headers: ["PRIVATE-TOKEN": testToken, "Accept": "application/json"])
        #expect(request.description == "GET https://h/api/v4/user")
        #expect(
            request.debugDescription
                == "GET https://h/api/v4/user [Accept: application/json, PRIVATE-TOKEN: [MASKED]]")
        #expect(request.header("private-token") == testToken)
    }
}
