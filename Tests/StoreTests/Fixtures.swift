import Basics
import Foundation
import Store
import TriageCore

/// A fresh `.triage/` directory under a unique temp folder, removed by `cleanUp()`.
struct TempWorkspace {
    let root: URL
    var cacheDirectory: URL { root.appendingPathComponent(".triage") }
    var databaseFile: URL { cacheDirectory.appendingPathComponent("cache.sqlite") }

    init() {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("store-tests-\(UUID().uuidString)")
    }

    func open() throws -> SQLiteCacheStore { try SQLiteCacheStore(directory: cacheDirectory) }

    func cleanUp() { try? FileManager.default.removeItem(at: root) }
}

/// Dates with sub-millisecond digits, so that a lossy date column would show.
func date(_ seconds: Double) -> Date { Date(timeIntervalSinceReferenceDate: 786_000_000.123_456_7 + seconds) }

func project(_ id: Int, _ path: String) -> Project {
    Project(
        id: id, path: path, name: String(path.split(separator: "/").last ?? ""),
        webURL: "https://gitlab.example.com/\(path)", defaultBranch: "main")
}

func pipeline(_ id: Int, project projectID: Int, status: Status = .failed, updated: Double = 0) -> Pipeline {
    Pipeline(
        id: id, iid: id % 1000, projectID: projectID, sha: String(repeating: "a", count: 40), ref: "main",
        status: status, source: "schedule", createdAt: date(Double(id)),
        updatedAt: date(Double(id) + updated),
        webURL: "https://gitlab.example.com/p/-/pipelines/\(id)")
}

func job(
    _ id: Int, pipeline pipelineID: Int, project projectID: Int, name: String, status: Status = .failed,
    allowFailure: Bool = false, attempt: Int = 1, retried: Bool = false
) -> Job {
    Job(
        id: id, pipelineID: pipelineID, projectID: projectID, name: name, stage: "test", status: status,
        failureReason: status == .failed ? "script_failure" : nil, allowFailure: allowFailure,
        createdAt: date(Double(id)), startedAt: date(Double(id) + 1), finishedAt: date(Double(id) + 61),
        duration: 60.25, webURL: "https://gitlab.example.com/p/-/jobs/\(id)", commitSHA: "abc",
        commitTitle: "Fix things", attempt: attempt, retried: retried)
}

func issue(_ id: Int, project projectID: Int, iid: Int, labels: [String] = ["ci", "flaky ✓"]) -> Issue {
    Issue(
        id: id, iid: iid, projectID: projectID, title: "Nightly fails #\(iid)", description: "see job",
        state: "opened", labels: labels, webURL: "https://gitlab.example.com/p/-/issues/\(iid)",
        createdAt: date(1), updatedAt: date(2), closedAt: nil)
}

/// About `size` bytes of log-like text: repeated words, numbers and hashes that vary.
func logLikeText(size: Int, seed: UInt64 = 42) -> Data {
    var random = SplitMix64(seed: seed)  // deterministic: a failing test reruns on the same bytes
    let words = [
        "Compiling", "module", "test", "passed", "error:", "warning:", "Downloading", "[OK]",
        "src/main.swift", "\u{1B}[32;1m", "\u{1B}[0m", "section_start", "✓", "Pkg", "resolving",
    ]
    var text = Data()
    text.reserveCapacity(size + 200)
    while text.count < size {
        var line = ""
        for _ in 0..<(Int(random.next() % 8) + 3) {
            line += words[Int(random.next() % UInt64(words.count))] + " "
        }
        line += String(random.next() % 100_000, radix: 16) + "\n"
        text.append(contentsOf: line.utf8)
    }
    return text.prefix(size)
}

/// What a cache of v11 had instead of v12's: every job's commit title stored whole, the status
/// indexes whole. Simulating an older cache undoes v12 first, then v11.
let undoV12 = """
    UPDATE jobs SET commit_title = coalesce((SELECT p.commit_title FROM pipelines p WHERE p.id = jobs.pipeline_id), '')
        WHERE commit_title = '';
    ALTER TABLE pipelines DROP COLUMN commit_title;
    DROP INDEX jobs_pipeline; CREATE INDEX jobs_pipeline_status ON jobs(pipeline_id, status, retried, allow_failure);
    DROP INDEX jobs_failed_latest;
    CREATE INDEX jobs_failed_latest ON jobs(pipeline_id, allow_failure) WHERE status = 'failed' AND retried = 0;
    DROP INDEX pipelines_failed_project_night; DROP INDEX pipelines_unsuccessful; DROP INDEX jobs_retried;
    CREATE INDEX pipelines_status_project_night ON pipelines(status, project_id, night);
    """

/// What a cache of v10 had instead of v11's indexes: simulating an older cache undoes v11 first.
let undoV11 = """
    DROP INDEX analyses_night_listing; DROP INDEX analyses_job_listing; DROP INDEX clusters_first_night;
    DROP INDEX jobs_failed_latest; CREATE INDEX analyses_night ON analyses(night);
    """
