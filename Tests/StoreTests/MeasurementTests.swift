import Foundation
import Testing
import TriageCore

@testable import Store

/// Figures for the report, not timed tests: run with `STORE_MEASURE=1 swift test --filter Measurement`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["STORE_MEASURE"] == "1"))
struct MeasurementTests {
    @Test func insertThroughputAndCompression() throws {
        let workspace = TempWorkspace()
        defer { workspace.cleanUp() }
        let store = try workspace.open()
        let clock = ContinuousClock()

        // 100k jobs as a sync writes them: 1,000 pipelines of 100 jobs, one transaction each.
        let pipelines = (0..<1000).map { pipeline($0 + 1, project: $0 % 50) }
        let jobs = pipelines.map { p in
            (0..<100).map { job(p.id * 1000 + $0, pipeline: p.id, project: p.projectID, name: "job \($0)") }
        }
        let perPipeline = try clock.measure {
            for (p, pipelineJobs) in zip(pipelines, jobs) {
                try store.storePipeline(p, night: "2026-11-28", jobs: pipelineJobs)
            }
        }
        // The same 100k jobs in one pipeline: one transaction.
        let big = pipeline(5_000_000, project: 1)
        let bigJobs = (0..<100_000).map {
            job(10_000_000 + $0, pipeline: big.id, project: 1, name: "j\($0 % 300)")
        }
        let oneTransaction = try clock.measure {
            try store.storePipeline(big, night: "2026-11-29", jobs: bigJobs)
        }
        let query = try clock.measure { _ = try store.failures(nights: ["2026-11-28"]) }
        print("100k jobs in 1,000 storePipeline calls: \(perPipeline)")
        print("100k jobs in one storePipeline call: \(oneTransaction)")
        print("failures(last night) over 100k failed jobs: \(query)")

        let sample = URL(fileURLWithPath: TraceStorageTests.sampleTrace)
        if let data = try? Data(contentsOf: sample) {
            try store.storeTrace(jobID: 1, data: data)
            let summary = try store.summary()
            let ratio = Double(summary.traceBytes) / Double(summary.traceStoredBytes)
            print(
                "sample trace: \(summary.traceBytes) B raw, \(summary.traceStoredBytes) B stored, ratio \(ratio)"
            )
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: workspace.databaseFile.path)
        print("database file: \(attributes[.size] ?? 0) B")
    }
}
