// triage-bench store: how fast the cache takes a sync's writes, and how well it keeps a trace.
//
// 100k failed jobs written as a sync writes them (1,000 pipelines of 100 jobs, one transaction
// each) against the same 100k jobs in one pipeline (one transaction: the floor), the failures
// query over them, and a real trace's stored size. Medians over `--rounds` fresh caches.
import Foundation
import Store
import TriageCore

struct StoreBenchOptions {
    var rounds = 3
}

func parseStoreBench(_ args: [String]) -> StoreBenchOptions? {
    var options = StoreBenchOptions()
    var i = 0
    while i < args.count {
        guard args[i] == "--rounds", i + 1 < args.count, let rounds = Int(args[i + 1]), rounds > 0 else {
            FileHandle.standardError.write(Data("triage-bench store: unknown option \(args[i])\n".utf8))
            return nil
        }
        options.rounds = rounds
        i += 2
    }
    return options
}

func benchStore(_ options: StoreBenchOptions) throws {
    let clock = ContinuousClock()
    func ms(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }
    func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
    let date = { (x: Double) in Date(timeIntervalSince1970: 1_764_000_000 + x) }
    func pipeline(_ id: Int, project: Int) -> Pipeline {
        Pipeline(
            id: id, iid: id % 1000, projectID: project, sha: String(repeating: "a", count: 40), ref: "main",
            status: .failed, source: "schedule", createdAt: date(Double(id)), updatedAt: date(Double(id)),
            webURL: "https://gitlab.example.com/p/-/pipelines/\(id)")
    }
    func job(_ id: Int, pipeline: Int, project: Int, name: String) -> Job {
        Job(
            id: id, pipelineID: pipeline, projectID: project, name: name, stage: "test", status: .failed,
            failureReason: "script_failure", allowFailure: false, createdAt: date(Double(id)),
            startedAt: date(Double(id) + 1), finishedAt: date(Double(id) + 61), duration: 60.25,
            webURL: "https://gitlab.example.com/p/-/jobs/\(id)", commitSHA: "abc", commitTitle: "Fix things",
            attempt: 1, retried: false)
    }
    let pipelines = (0..<1000).map { pipeline($0 + 1, project: $0 % 50) }
    let jobs = pipelines.map { p in
        (0..<100).map { job(p.id * 1000 + $0, pipeline: p.id, project: p.projectID, name: "job \($0)") }
    }
    let big = pipeline(5_000_000, project: 1)
    let bigJobs = (0..<100_000).map {
        job(10_000_000 + $0, pipeline: big.id, project: 1, name: "j\($0 % 300)")
    }
    let sample = packageRoot.appendingPathComponent(
        "Tests/Fixtures/gitlab-samples/trace_gitlabcom_openwrt_success_raw_CR.log")

    var perPipeline: [Double] = []
    var oneCall: [Double] = []
    var query: [Double] = []
    var stored = (raw: 0, kept: 0, file: 0)
    for _ in 0..<options.rounds {
        let workspace = try temporary()
        defer { try? FileManager.default.removeItem(at: workspace) }
        let store = try SQLiteCacheStore(directory: workspace.appendingPathComponent(".triage"))
        perPipeline.append(
            ms(
                try clock.measure {
                    for (p, pipelineJobs) in zip(pipelines, jobs) {
                        try store.storePipeline(p, night: "2026-11-28", jobs: pipelineJobs)
                    }
                }))
        oneCall.append(
            ms(try clock.measure { try store.storePipeline(big, night: "2026-11-29", jobs: bigJobs) }))
        query.append(ms(try clock.measure { _ = try store.failures(nights: ["2026-11-28"]) }))
        try store.storeTrace(jobID: 1001, data: try Data(contentsOf: sample))
        let summary = try store.summary()
        let file = workspace.appendingPathComponent(".triage").appendingPathComponent("cache.sqlite")
        let size = ((try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? Int) ?? 0
        stored = (summary.traceBytes, summary.traceStoredBytes, size)
    }
    let batched = median(oneCall)
    print("store: 100k failed jobs, medians of \(options.rounds) fresh caches")
    print("| write | ms | vs one transaction |")
    print("|---|--:|--:|")
    print(
        "| 1,000 storePipeline calls of 100 jobs (as a sync writes) | \(f(median(perPipeline), 0)) | \(f(median(perPipeline) / batched))× |"
    )
    print("| one storePipeline call of 100k jobs (baseline) | \(f(batched, 0)) | 1.00× |")
    print("failures(last night) over 100k failed jobs: \(f(median(query), 1)) ms")
    print(
        "real trace (openwrt, gitlab.com): \(stored.raw) B raw, \(stored.kept) B stored "
            + "(\(f(Double(stored.raw) / Double(max(1, stored.kept)), 1))× smaller); cache file \(stored.file) B"
    )
}
