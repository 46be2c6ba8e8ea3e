// triage-bench org-dir DIR…: an organisation that another program generated, read from a directory
// (`organisation.json` and its traces), written into a real cache the way `fetch` leaves it, analysed
// by the real Analyzer and scored as org2 is (`reportClusters`). It lets anyone check the clustering
// on failures nobody here wrote, in this layout:
//
//   organisation.json  {"nights": ["2026-10-30", …],
//                       "projects": [{"id", "path", "name", "web_url", "ecosystem"}],
//                       "causes": [{"id", "kind", "description"}],
//                       "jobs": [{"id", "project", "night", "name", "stage", "status": "failed"|"success",
//                                 "failure_reason", "cause", "trace": "traces/ID.log" | null}]}
//   traces/ID.log      the raw trace of every failed job and of the last green run before each
//
// Jobs are listed in time order (ids increasing); one nightly pipeline per project and night holds them.
@preconcurrency import Foundation
import Store
import TriageCore

struct OrgDirectory: Decodable {
    struct Project: Decodable {
        var id: Int
        var path: String
        var name: String
        var webURL: String
        var ecosystem: String

        enum CodingKeys: String, CodingKey {
            case id, path, name, ecosystem
            case webURL = "web_url"
        }
    }

    struct Cause: Decodable {
        var id: String
        var kind: String
    }

    struct Job: Decodable {
        var id: Int
        var project: Int
        var night: String
        var name: String
        var stage: String?
        var status: String
        var failureReason: String?
        var cause: String?
        var trace: String?

        enum CodingKeys: String, CodingKey {
            case id, project, night, name, stage, status, cause, trace
            case failureReason = "failure_reason"
        }
    }

    var nights: [String]
    var projects: [Project]
    var causes: [Cause]
    var jobs: [Job]
}

func benchOrgDirectory(_ args: [String]) throws {
    var top = 10
    var dump: String?
    var directories: [String] = []
    var i = 0
    while i < args.count {
        switch args[i] {
        case "--top":
            top = i + 1 < args.count ? Int(args[i + 1]) ?? top : top
            i += 1
        case "--dump":
            dump = i + 1 < args.count ? args[i + 1] : nil
            i += 1
        default: directories.append(args[i])
        }
        i += 1
    }
    for path in directories {
        let root = URL(fileURLWithPath: path)
        let org = try JSONDecoder().decode(
            OrgDirectory.self, from: Data(contentsOf: root.appendingPathComponent("organisation.json")))
        let cache = try temporary()
        defer { try? FileManager.default.removeItem(at: cache) }
        let start = DispatchTime.now().uptimeNanoseconds
        let scored = try writeAndAnalyse(org, root: root, directory: cache.appendingPathComponent(".triage"))
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if let dump { try dumpOrg2(scored, to: URL(fileURLWithPath: dump + "-" + root.lastPathComponent)) }
        print("")
        print("### \(path) (\(f(seconds, 1)) s to write and analyse)")
        var kinds: [String] = []
        for c in org.causes where !kinds.contains(c.kind) { kinds.append(c.kind) }
        reportClusters(scored, kinds: kinds, top: top)
    }
}

/// Writes the directory's organisation into a new cache in `directory` and analyses it.
func writeAndAnalyse(_ org: OrgDirectory, root: URL, directory: URL) throws -> [Org2Scored] {
    let store = try SQLiteCacheStore(directory: directory)
    let projects = Dictionary(org.projects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let causes = Dictionary(org.causes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    try store.upsertProjects(
        org.projects.map {
            TriageCore.Project(
                id: $0.id, path: $0.path, name: $0.name, webURL: $0.webURL, defaultBranch: "main")
        })
    var pipelines: [String: [OrgDirectory.Job]] = [:]
    var order: [String] = []
    for job in org.jobs {
        let key = "\(job.night)|\(job.project)"
        if pipelines[key] == nil { order.append(key) }
        pipelines[key, default: []].append(job)
    }
    var traced = 0
    for (n, key) in order.enumerated() {
        guard let jobs = pipelines[key], let first = jobs.first, let project = projects[first.project],
            let noon = org2Calendar.start(of: first.night)
        else { continue }
        let created = noon.addingTimeInterval(8 * 3600 + Double(n % 3600))
        var rows: [TriageCore.Job] = []
        for (k, job) in jobs.enumerated() {
            if let trace = job.trace {
                try store.storeTrace(
                    jobID: job.id, data: Data(contentsOf: root.appendingPathComponent(trace)))
                traced += 1
            }
            let started = created.addingTimeInterval(Double(10 * k))
            let finished = started.addingTimeInterval(300)
            rows.append(
                TriageCore.Job(
                    id: job.id, pipelineID: 900_000 + n, projectID: project.id, name: job.name,
                    stage: job.stage ?? "test", status: job.status == "failed" ? .failed : .success,
                    failureReason: job.status == "failed" ? job.failureReason ?? "script_failure" : nil,
                    createdAt: created, startedAt: started, finishedAt: finished, duration: 300,
                    webURL: "\(project.webURL)/-/jobs/\(job.id)",
                    commitSHA: String(repeating: "0", count: 40),
                    commitTitle: "Nightly"))
        }
        let failed = jobs.contains { $0.status == "failed" }
        try store.storePipeline(
            Pipeline(
                id: 900_000 + n, iid: n + 1, projectID: project.id, sha: String(repeating: "0", count: 40),
                ref: "main", status: failed ? .failed : .success, source: "schedule", createdAt: created,
                updatedAt: created.addingTimeInterval(3000),
                webURL: "\(project.webURL)/-/pipelines/\(900_000 + n)"),
            night: first.night, jobs: rows)
    }
    print(
        "org-dir: \(org.projects.count) projects × \(org.nights.count) nights, \(org.jobs.count) jobs, \(traced) traces"
    )
    _ = try Analyzer(cache: store, store: store).analyseNew()
    let byJob = Dictionary(org.jobs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var scored: [Org2Scored] = []
    for a in try store.analyses(nights: nil) {
        guard let job = byJob[a.jobID], let cause = job.cause, let project = projects[job.project] else {
            continue
        }
        scored.append(
            Org2Scored(
                jobID: a.jobID, cause: cause, kind: causes[cause]?.kind ?? "unknown", project: project.path,
                ecosystem: project.ecosystem, family: project.ecosystem, night: job.night, job: job.name,
                cluster: a.cluster?.rawValue ?? "none", keyLine: a.keyLine ?? "<no key line>",
                signature: a.signatureLines))
    }
    return scored
}
