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
        let file = AssignmentsFile(
            url: dir.appendingPathComponent("assignments.json"),
            scratch: dir.appendingPathComponent(".triage"))
        #expect(try file.read() == Assignments())
        try file.update { book in
            book.assign(
                ClusterAssignment(
                    cluster: "c-0000000b",
                    issue: IssueRef(project: "g/p", iid: 2, url: "https://h/g/p/-/issues/2"), by: "a",
                    at: "t", note: nil))
            book.assign(
                ClusterAssignment(
                    cluster: "c-0000000a", issue: IssueRef(project: "g/p", iid: 1, url: nil), by: "a",
                    at: "t", note: "n"))
        }
        let text = try String(contentsOf: file.url, encoding: .utf8)
        #expect(
            text == """
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

/// Issue 14, bug 6: fields this triage does not know (a newer triage's, a tool's, a hand edit's)
/// survive a write, at every level of the file.
@Suite struct UnknownFieldsTests {
    static let original = """
        {
          "assignments": [
            {
              "at": "2026-11-29T08:00:00Z",
              "by": "alice",
              "cluster": null,
              "issue": {
                "iid": 1,
                "milestone": "v2",
                "project": "g/p",
                "url": "https://h/g/p/-/issues/1"
              },
              "job": 10,
              "night": "2026-11-28",
              "note": null,
              "pipeline": 5,
              "project": "g/p",
              "reviewed": {
                "by": "bob",
                "scores": [
                  1,
                  2.5,
                  null,
                  true
                ]
              }
            }
          ],
          "clusters": [
            {
              "at": "2026-11-29T08:00:00Z",
              "by": "alice",
              "cluster": "c-0000000a",
              "issue": {
                "iid": 2,
                "project": "g/p",
                "url": null
              },
              "note": null,
              "priority": 3
            }
          ],
          "comments": [
            {
              "at": "2026-11-29T08:00:00Z",
              "issue": "g/p#1",
              "job": 10,
              "note_id": 991
            }
          ],
          "generator": "triage-bot 2",
          "version": 1
        }

        """

    @Test func unknownFieldsSurviveTheNextWrite() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("assign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = AssignmentsFile(
            url: dir.appendingPathComponent("assignments.json"),
            scratch: dir.appendingPathComponent(".triage"))
        try Data(Self.original.utf8).write(to: file.url)
        try file.update { book in
            book.assign(
                JobAssignment(
                    job: 11, project: "g/p", pipeline: 5, night: "2026-11-28", cluster: nil,
                    issue: IssueRef(project: "g/p", iid: 1, url: "https://h/g/p/-/issues/1"), by: "carol",
                    at: "2026-11-29T09:00:00Z", note: nil))
        }
        let expected = """
            {
              "assignments": [
                {
                  "at": "2026-11-29T08:00:00Z",
                  "by": "alice",
                  "cluster": null,
                  "issue": {
                    "iid": 1,
                    "milestone": "v2",
                    "project": "g/p",
                    "url": "https://h/g/p/-/issues/1"
                  },
                  "job": 10,
                  "night": "2026-11-28",
                  "note": null,
                  "pipeline": 5,
                  "project": "g/p",
                  "reviewed": {
                    "by": "bob",
                    "scores": [
                      1,
                      2.5,
                      null,
                      true
                    ]
                  }
                },
                {
                  "at": "2026-11-29T09:00:00Z",
                  "by": "carol",
                  "cluster": null,
                  "issue": {
                    "iid": 1,
                    "project": "g/p",
                    "url": "https://h/g/p/-/issues/1"
                  },
                  "job": 11,
                  "night": "2026-11-28",
                  "note": null,
                  "pipeline": 5,
                  "project": "g/p"
                }
              ],
              "clusters": [
                {
                  "at": "2026-11-29T08:00:00Z",
                  "by": "alice",
                  "cluster": "c-0000000a",
                  "issue": {
                    "iid": 2,
                    "project": "g/p",
                    "url": null
                  },
                  "note": null,
                  "priority": 3
                }
              ],
              "comments": [
                {
                  "at": "2026-11-29T08:00:00Z",
                  "issue": "g/p#1",
                  "job": 10,
                  "note_id": 991
                }
              ],
              "generator": "triage-bot 2",
              "version": 1
            }

            """
        let written = try String(contentsOf: file.url, encoding: .utf8)
        #expect(written == expected, "\(written)")
        // A write that changes nothing leaves even the unknown fields' file as it was.
        let before = try Data(contentsOf: file.url)
        try file.update { _ in }
        #expect(try Data(contentsOf: file.url) == before)
    }
}
