import Testing
import TriageCore

@Test func attemptsAreNumberedPerPipelineAndName() {
    func job(_ id: Int, _ pipeline: Int, _ name: String) -> Job {
        Job(
            id: id, pipelineID: pipeline, projectID: 1, name: name, stage: "test", status: .failed, webURL: ""
        )
    }
    let numbered = Job.numberingAttempts([
        job(30, 1, "test"), job(10, 1, "test"), job(20, 1, "docs"), job(40, 2, "test"), job(50, 1, "test"),
    ])
    #expect(numbered.map(\.id) == [10, 20, 30, 40, 50])
    #expect(numbered.map(\.attempt) == [1, 1, 2, 1, 3])
    #expect(numbered.map(\.retried) == [true, false, true, false, false])
}
