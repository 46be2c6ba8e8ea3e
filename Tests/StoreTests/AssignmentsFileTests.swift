import Foundation
import Store
import Testing
import TriageCore

struct AssignmentsFileTests {
    func temp() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("assign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func writesSortedPrettyJSONAndReadsItBack() throws {
        let dir = try temp()
        let file = AssignmentsFile(url: dir.appendingPathComponent("assignments.json"), scratch: dir.appendingPathComponent(".triage"))
        #expect(try file.read() == Assignments())
        try file.update { book in
            book.assign(ClusterAssignment(cluster: "c-0000000b", issue: IssueRef(project: "g/p", iid: 2, url: "https://h/g/p/-/issues/2"), by: "a", at: "t", note: nil))
            book.assign(ClusterAssignment(cluster: "c-0000000a", issue: IssueRef(project: "g/p", iid: 1, url: nil), by: "a", at: "t", note: "n"))
        }
        let text = try String(contentsOf: file.url, encoding: .utf8)
        #expect(text == """
            {
              "assignments": [],
              "clusters": [
                {
                  "at": "t",
                  "by": "a",
                  "cluster": "c-0000000a",
                  "issue": {
                    "iid": 1,
                    "project": "g/p",
                    "url": null
                  },
                  "note": "n"
                },
                {
                  "at": "t",
                  "by": "a",
                  "cluster": "c-0000000b",
                  "issue": {
                    "iid": 2,
                    "project": "g/p",
                    "url": "https://h/g/p/-/issues/2"
                  },
                  "note": null
                }
              ],
              "comments": [],
              "version": 1
            }

            """)
        #expect(try file.read().clusters.map(\.cluster) == ["c-0000000a", "c-0000000b"])
    }

    @Test func aThrowingChangeWritesNothing() throws {
        let dir = try temp()
        let file = AssignmentsFile(url: dir.appendingPathComponent("assignments.json"), scratch: dir)
        struct Refused: Error {}
        #expect(throws: Refused.self) { try file.update { _ in throw Refused() } }
        #expect(!FileManager.default.fileExists(atPath: file.url.path))
    }
}
