import Basics
import Foundation

/// One GitLab API call as a value: method, path below `/api/v4`, query.
///
/// Path segments are given unencoded and each is percent-encoded whole, so a project path
/// `julia/Foo.jl` becomes the single segment `julia%2FFoo.jl`, as GitLab's `:id` expects.
/// Query items keep their order; names may use Rails' array syntax (`scope[]`), sent as
/// `scope%5B%5D` (Foundation refuses raw brackets in a query; Rails decodes both).
struct Endpoint: Hashable, Sendable {
    var method: String
    var path: [String]
    var query: [(name: String, value: String)]

    init(_ method: String = "GET", _ path: [String], query: [(name: String, value: String)] = []) {
        self.method = method
        self.path = path
        self.query = query
    }

    static func == (lhs: Endpoint, rhs: Endpoint) -> Bool {
        lhs.method == rhs.method && lhs.path == rhs.path
            && lhs.query.map { [$0.name, $0.value] } == rhs.query.map { [$0.name, $0.value] }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(path)
        for item in query {
            hasher.combine(item.name)
            hasher.combine(item.value)
        }
    }

    /// A copy with one more query item.
    func adding(_ name: String, _ value: String) -> Endpoint {
        var copy = self
        copy.query.append((name, value))
        return copy
    }

    /// `/projects/julia%2FFoo.jl/issues?state=all` — the part after `/api/v4`.
    var pathAndQuery: String {
        var result = path.map { "/" + Endpoint.encode($0, allowed: Endpoint.segmentAllowed) }.joined()
        if !query.isEmpty {
            result += "?" + Endpoint.encodeQuery(query)
        }
        return result
    }

    /// The absolute URL below an API root such as `https://gitlab.example.com/api/v4`.
    func url(apiRoot: String) -> URL? {
        URL(string: apiRoot + pathAndQuery)
    }

    static func encodeQuery(_ items: [(name: String, value: String)]) -> String {
        items.map { encode($0.name, allowed: queryAllowed) + "=" + encode($0.value, allowed: queryAllowed) }
            .joined(separator: "&")
    }

    /// RFC 3986 unreserved characters: everything else in a path segment is escaped, `/` included.
    static let segmentAllowed: Set<UInt8> = Set(
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))
    /// Unreserved plus `:` `/` `@` `,`, which are literal in a query; `+` (an offset in a date)
    /// becomes `%2B`, as GitLab requires, and `[` `]` become `%5B` `%5D`.
    static let queryAllowed: Set<UInt8> = segmentAllowed.union(Array(":/@,".utf8))

    static func encode(_ text: String, allowed: Set<UInt8>) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            if allowed.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0x0F)]))
            }
        }
        return out
    }
}

extension Endpoint {
    static func projectID(_ id: Int) -> String { String(id) }

    /// `GET /projects/:id/repository/compare?from=…&to=…`: the commits between two revisions
    /// (merge-base comparison, GitLab's default `straight=false`).
    static func compare(projectID: Int, from: String, to: String) -> Endpoint {
        Endpoint(
            "GET", ["projects", String(projectID), "repository", "compare"],
            query: [("from", from), ("to", to)])
    }

    /// `2024-03-07T11:06:20Z`, or with milliseconds when the date has a fraction of a second
    /// (`2024-03-07T11:06:20.295Z`), always in UTC: a watermark taken from GitLab's
    /// millisecond timestamps is sent back without loss.
    static func isoString(_ date: Date) -> String {
        let totalMillis = (date.timeIntervalSince1970 * 1000).rounded()
        let millis = Int64(totalMillis)
        var seconds = millis / 1000
        var fraction = millis % 1000
        if fraction < 0 {
            fraction += 1000
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let date = CivilDate(days: Int(days))
        func pad(_ value: some BinaryInteger, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var result =
            "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))T"
            + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay % 3600 / 60, 2)):\(pad(secondOfDay % 60, 2))"
        if fraction != 0 { result += "." + pad(fraction, 3) }
        return result + "Z"
    }

}
