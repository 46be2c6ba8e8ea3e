import Foundation
import Store
import Testing
import TriageCore

@testable import Dashboard

@Suite struct DashboardAssignmentsTests {
    @Test(arguments: [
        (#"{"version": 2, "assignments": [], "clusters": []}"#, "assignments.json has version 2, this triage reads version 1 — fix it (it is never overwritten by export)"),
        ("not json", "assignments.json does not parse as JSON — fix it (it is never overwritten by export)"),
        (#"{"version": 1, "assignments": [{"job": 1}], "clusters": []}"#, "assignments.json is not an assignments book: missing 'project' at .assignments[0] — fix it (it is never overwritten by export)"),
    ])
    func refused(text: String, message: String) {
        #expect(throws: DashboardError.self) { try AssignmentsFile.parse(Data(text.utf8)) }
        do {
            _ = try AssignmentsFile.parse(Data(text.utf8))
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test func missingFileIsAnEmptyBook() throws {
        #expect(try AssignmentsFile.parse(nil) == AssignmentsFile())
    }
}
