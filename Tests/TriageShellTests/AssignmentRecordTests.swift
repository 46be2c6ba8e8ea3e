import Testing
import TriageCore

@testable import TriageShell

/// The typed assignment records (`TriageCore.JobAssignmentRecord`, `ClusterAssignmentRecord`) as
/// `assign`, `unassign` and `assignments` answer them: every key, `null` kept, and what `assign`
/// adds only when it assigned.
@Suite struct AssignmentRecordTests {
    static let issue = IssueRef(project: "julia/Foo.jl", iid: 45)
    static let issueJSON: JSONValue = .object([
        "project": .string("julia/Foo.jl"), "iid": .int(45), "url": .null,
    ])

    @Test func aJobsRecordWithAndWithoutWhatAssignAdds() throws {
        var entry = JobAssignment(
            job: 48213, project: "julia/Foo.jl", pipeline: 9120, night: "2026-11-28", cluster: nil,
            issue: Self.issue, by: "alice", at: "2026-11-29T08:14:03Z", note: nil)
        // A field of a newer triage, kept in the file, is not in the answer.
        entry.unknown = ["reviewed": .bool(true)]
        let fields: [String: JSONValue] = [
            "job": .int(48213), "project": .string("julia/Foo.jl"), "pipeline": .int(9120),
            "night": .string("2026-11-28"), "cluster": .null, "issue": Self.issueJSON, "by": .string("alice"),
            "at": .string("2026-11-29T08:14:03Z"), "note": .null,
        ]
        #expect(assignmentRecord(entry) == .object(fields))
        var assigned = fields
        assigned["verified"] = .bool(false)
        assigned["commented"] = .null
        #expect(assignmentRecord(entry, outcome: .init(verified: false, commented: nil)) == .object(assigned))
        assigned["verified"] = .bool(true)
        assigned["commented"] = .bool(true)
        #expect(assignmentRecord(entry, outcome: .init(verified: true, commented: true)) == .object(assigned))
    }

    @Test func aClustersRecordWithAndWithoutWhatAssignAdds() throws {
        let entry = ClusterAssignment(
            cluster: "c-3f9a2b1c", issue: Self.issue, by: "bob", at: "2026-11-29T08:14:03Z", note: "upstream")
        let fields: [String: JSONValue] = [
            "cluster": .string("c-3f9a2b1c"), "issue": Self.issueJSON, "by": .string("bob"),
            "at": .string("2026-11-29T08:14:03Z"), "note": .string("upstream"),
        ]
        #expect(clusterAssignmentRecord(entry) == .object(fields))
        var assigned = fields
        assigned["verified"] = .bool(true)
        assigned["members"] = .int(12)
        #expect(
            clusterAssignmentRecord(entry, outcome: .init(verified: true, members: 12)) == .object(assigned))
    }
}
