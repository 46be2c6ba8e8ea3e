import Foundation
import Store
import Testing
import TriageCore

@testable import Dashboard

@Suite struct DashboardAssignmentsTests {
    static let refusedFiles = [
        #"{"version": 2, "assignments": [], "clusters": []}"#,
        "not json",
        #"{"version": 1, "assignments": [{"job": 1}], "clusters": []}"#,
        "{\n<<<<<<< HEAD\n  \"version\": 1\n}\n",
    ]

    @Test(
        arguments: zip(
            refusedFiles,
            [
                "assignments.json has version 2; this triage reads and writes version 1 only — it was left untouched; upgrade triage",
                "assignments.json cannot be read as assignments (line 1, column 2: not valid JSON); it was left untouched — fix it, or restore it from git",
                "assignments.json cannot be read as assignments ('project' is missing at .assignments[0]); it was left untouched — fix it, or restore it from git",
                "assignments.json cannot be read as assignments (line 2, column 1: a merge conflict marker (<<<<<<<)); it was left untouched — resolve the conflict, or restore the file from git",
            ]))
    func refused(text: String, message: String) {
        #expect(throws: DashboardError.self) { try PageAssignments.parse(Data(text.utf8)) }
        do {
            _ = try PageAssignments.parse(Data(text.utf8))
        } catch {
            #expect("\(error)" == message)
        }
    }

    /// One decoder: the export refuses a file exactly when the shell's book does, with its words.
    @Test(arguments: refusedFiles)
    func theShellRefusesTheSameFileTheSameWay(text: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dash-book-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("assignments.json")
        try Data(text.utf8).write(to: url)
        var shell = ""
        do { _ = try Store.AssignmentsFile(url: url, scratch: dir).read() } catch { shell = "\(error)" }
        var dashboard = ""
        do { _ = try PageAssignments.parse(Data(text.utf8), path: url.path) } catch {
            dashboard = "\(error)"
        }
        #expect(!shell.isEmpty)
        #expect(dashboard == shell)
    }

    /// Both sides of a merge kept: the newest entry per job and per cluster, as the shell reads it.
    @Test func severalEntriesForOneJobKeepTheNewest() throws {
        let text = """
            {"version": 1, "clusters": [], "assignments": [
              {"job": 7, "project": "g/p", "pipeline": 3, "night": "2026-11-28",
               "issue": {"project": "g/p", "iid": 1, "url": null}, "by": "a", "at": "2026-11-29T08:00:00Z"},
              {"job": 7, "project": "g/p", "pipeline": 3, "night": "2026-11-28", "extra": true,
               "issue": {"project": "g/p", "iid": 2, "url": "https://g/p/-/issues/2", "title": "t"},
               "by": "b", "at": "2026-11-29T09:00:00Z"}]}
            """
        let file = try PageAssignments.parse(Data(text.utf8))
        #expect(file.book.assignments.count == 1)
        #expect(file.book.assignments.first?.by == "b")
        // Written as the shell's `assignments --format json` records, without the unknown field.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(
            String(decoding: try encoder.encode(file), as: UTF8.self)
                == #"{"assignments":[{"at":"2026-11-29T09:00:00Z","by":"b","cluster":null,"issue":{"iid":2,"project":"g/p","title":"t","url":"https://g/p/-/issues/2"},"job":7,"night":"2026-11-28","note":null,"pipeline":3,"project":"g/p"}],"clusters":[],"version":1}"#
        )
    }

    @Test func missingFileIsAnEmptyBook() throws {
        #expect(try PageAssignments.parse(nil) == PageAssignments())
    }
}
