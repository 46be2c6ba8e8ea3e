import Foundation
import Testing
import TriageCore

@testable import TriageShell

/// The typed cluster record (`TriageCore.ClusterRecord`) as `clusters` and `cluster` answer it:
/// the same keys for both, `issue` only in the listing (`null` when unassigned), members and the
/// sample excerpt only for one cluster.
@Suite struct ClusterRecordTests {
    static let keys: Set<String> = [
        "id", "count", "projects", "first_night", "last_night", "new", "flaky", "template", "title",
        "key_line",
        "patterns",
    ]

    static func json(_ f: ShellFixture) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(f.sink.stdout.utf8))
    }

    @Test func clustersAndClusterAnswerOneRecord() async throws {
        let f = try ShellFixture()
        defer { f.cleanUp() }
        #expect(await f.run("recluster") == .success)
        let (_, analyses) = try f.context.analysisStore()
        let cluster = try #require(try analyses.analysis(jobID: 1051)?.cluster?.rawValue)
        f.context.format = .json
        f.sink.clear()
        #expect(await f.run("clusters 3d") == .success)
        let listed = try #require(try Self.json(f) as? [[String: Any]])
        #expect(!listed.isEmpty && listed.allSatisfy { Set($0.keys) == Self.keys.union(["issue"]) })
        // (This fixture has no assignments store: no cluster is assigned.)
        #expect(listed.allSatisfy { $0["issue"] is NSNull })
        let assigned = try #require(listed.first { $0["id"] as? String == cluster })
        // An assigned cluster's issue, as the listing writes it.
        let summary = try #require(
            ClusterSummary.summarise(
                try analyses.analyses(nights: nil), states: try analyses.clusterStates()
            ).first { $0.state.id.rawValue == cluster })
        let record = try JSONValue(
            encoding: ClusterRecord(
                summary, lastNight: "2026-11-28",
                issue: .some(IssueRecord(IssueRef(project: "julia/Foo.jl", iid: 45)))))
        guard case .object(let fields) = record else {
            Issue.record("a cluster's record is an object, not \(record)")
            return
        }
        #expect(
            fields["issue"] == .object(["project": .string("julia/Foo.jl"), "iid": .int(45), "url": .null]))
        #expect(Set(fields.keys) == Self.keys.union(["issue"]))
        f.sink.clear()
        #expect(await f.run("cluster \(cluster)") == .success)
        let one = try #require(try Self.json(f) as? [String: Any])
        #expect(Set(one.keys) == Self.keys.union(["members", "sample_excerpt"]))
        let members = try #require(one["members"] as? [[String: Any]])
        #expect(members.contains { $0["job"] as? Int == 1051 })
        #expect(members.allSatisfy { Set($0.keys) == ["job", "project", "night", "name"] })
        let sample = try #require(one["sample_excerpt"] as? [[String: Any]])
        #expect(
            !sample.isEmpty
                && sample.allSatisfy { Set($0.keys) == ["line", "text", "reason", "pattern", "repeats"] })
        // Over the cluster's whole life, `cluster` counts at least what the 3-night listing does.
        #expect(
            one["id"] as? String == cluster && one["template"] as? String == assigned["template"] as? String)
        #expect((one["count"] as? Int ?? 0) >= (assigned["count"] as? Int ?? .max))
    }
}
