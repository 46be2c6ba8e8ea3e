import Foundation
import Testing
import TriageCore

@testable import TriageShell

/// The typed failure record (`TriageCore.FailureRecord`) through `JSONValue(encoding:)`: the keys of
/// DESIGN §6 on every command that answers failures, `null` kept, nothing extra.
@Suite struct FailureRecordTests {
    static let base: Set<String> = [
        "job", "project", "pipeline", "night", "name", "stage", "status", "failure_reason", "allow_failure",
        "web_url", "attempt",
    ]
    static let findings: Set<String> = ["key_line", "cluster", "new", "flaky", "excerpt", "issue"]

    static func json(_ f: ShellFixture) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(f.sink.stdout.utf8))
    }

    @Test func everyCommandAnswersTheContractsKeys() async throws {
        let f = try ShellFixture()
        defer { f.cleanUp() }
        f.context.format = .json
        #expect(await f.run("failures 3d --with-warnings") == .success)
        let failures = try #require(try Self.json(f) as? [[String: Any]])
        #expect(failures.count > 3)
        // `failures` also answers what changed of the range's newest night (`changes`, null for an
        // allowed failure), and only of that night.
        let newest = try #require(failures.compactMap { $0["night"] as? String }.max())
        #expect(failures.contains { $0["night"] as? String != newest })
        for record in failures {
            let keys = Self.base.union(Self.findings).union(
                record["night"] as? String == newest ? ["changes"] : [])
            #expect(Set(record.keys) == keys, "\(record["job"] ?? "?")")
        }
        #expect(failures.contains { $0["changes"] is [String: Any] })
        #expect(failures.contains { $0["allow_failure"] as? Bool == true && $0["changes"] is NSNull })
        // A job without a failure reason or an issue says so with null, not by a missing key.
        #expect(failures.contains { $0["issue"] is NSNull })

        f.sink.clear()
        #expect(await f.run("warnings 3d") == .success)
        let warnings = try #require(try Self.json(f) as? [[String: Any]])
        let jobs = warnings.flatMap { $0["jobs"] as? [[String: Any]] ?? [] }
        #expect(!jobs.isEmpty && jobs.allSatisfy { Set($0.keys) == Self.base })

        f.sink.clear()
        #expect(await f.run("summary last-night") == .success)
        let summary = try #require(try Self.json(f) as? [String: Any])
        let summaryJobs = try #require(summary["failures"] as? [[String: Any]])
        #expect(!summaryJobs.isEmpty && summaryJobs.allSatisfy { Set($0.keys) == Self.base })

        f.sink.clear()
        #expect(await f.run("show job 1051") == .success)
        let shown = try #require(try Self.json(f) as? [String: Any])
        let only: Set<String> = [
            "ref", "sha", "commit_title", "created_at", "started_at", "finished_at", "duration",
            "pipeline_status", "excerpt_lines", "attempts", "previous_nights",
        ]
        #expect(Set(shown.keys) == Self.base.union(Self.findings).union(only).union(["changes"]))
        // The same values as `failures` gives the job, but the key line: without an analysis (as
        // here) `show job` reads it from the cached trace, the listing says it has none.
        let listed = try #require(failures.first { $0["job"] as? Int == 1051 })
        #expect(listed["excerpt"] is NSNull && listed["key_line"] is NSNull)
        #expect(shown["key_line"] as? String == "ERROR: LoadError: Some tests did not pass")
        for key in Self.base.union(Self.findings).union(["changes"]).subtracting(["key_line"]) {
            #expect(
                try JSONSerialization.data(withJSONObject: [shown[key] ?? NSNull()])
                    == JSONSerialization.data(withJSONObject: [listed[key] ?? NSNull()]), "\(key)")
        }
    }

    @Test func anIssueRecordKeepsANullURLAndLeavesOutWhatItDoesNotKnow() throws {
        let bare = try JSONValue(encoding: IssueRecord(IssueRef(project: "julia/Foo.jl", iid: 45)))
        #expect(bare == .object(["project": .string("julia/Foo.jl"), "iid": .int(45), "url": .null]))
        let full = try JSONValue(
            encoding: IssueRecord(
                IssueRef(project: "julia/Foo.jl", iid: 45, url: "https://g/i/45", title: "Broken"),
                inherited: true))
        #expect(
            full
                == .object([
                    "project": .string("julia/Foo.jl"), "iid": .int(45), "url": .string("https://g/i/45"),
                    "title": .string("Broken"), "inherited": .bool(true),
                ]))
    }

    /// Nested records, arrays, optionals (present and absent), numbers and flags, as `JSONValue`s.
    @Test func theEncoderBuildsEveryKindOfValue() throws {
        struct Inner: Encodable {
            var tags: [String]
            var score: Double
        }
        struct Outer: Encodable {
            var id: Int
            var ok: Bool
            var note: String?
            var inner: Inner
            var items: [Inner]
            var nested: [[Int]]
            var missing: Int?
            enum CodingKeys: String, CodingKey { case id, ok, note, inner, items, nested, missing }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(id, forKey: .id)
                try c.encode(ok, forKey: .ok)
                try c.encode(note, forKey: .note)
                try c.encode(inner, forKey: .inner)
                try c.encode(items, forKey: .items)
                try c.encode(nested, forKey: .nested)
                try c.encodeIfPresent(missing, forKey: .missing)
            }
        }
        let value = try JSONValue(
            encoding: Outer(
                id: 7, ok: false, note: nil, inner: Inner(tags: ["a", "b"], score: 0.5),
                items: [Inner(tags: [], score: 2)], nested: [[1, 2], []], missing: nil))
        #expect(
            value
                == .object([
                    "id": .int(7), "ok": .bool(false), "note": .null,
                    "inner": .object(["tags": .array([.string("a"), .string("b")]), "score": .double(0.5)]),
                    "items": .array([.object(["tags": .array([]), "score": .double(2)])]),
                    "nested": .array([.array([.int(1), .int(2)]), .array([])]),
                ]))
        #expect(try JSONValue(encoding: [3, 4]) == .array([.int(3), .int(4)]))
        #expect(try JSONValue(encoding: "x") == .string("x"))
    }
}
