// triage-bench org2: the independent organisation (IndependentOrganisation.swift) written into a
// real cache the way `fetch` leaves it (projects, pipelines, jobs, failed traces and the last green
// trace before each failure), analysed by the real Analyzer, and its clusters scored pairwise
// against the organisation's root causes, overall and per kind, with the worst splits and merges.
@preconcurrency import Foundation
import GitLabSimulator
import Store
import TriageCore

struct Org2Options {
    var seeds: [UInt64] = [1]
    var projects = 40
    var nights = 30
    var top = 10
    var dump: String?
    var logs: String?
}

func parseOrg2(_ args: [String]) -> Org2Options? {
    var o = Org2Options()
    var i = 0
    while i < args.count {
        let value = i + 1 < args.count ? args[i + 1] : nil
        switch args[i] {
        case "--seed", "--seeds":
            let seeds = (value ?? "").split(separator: ",").compactMap { UInt64($0) }
            guard !seeds.isEmpty else { return nil }
            o.seeds = seeds
        case "--projects": o.projects = value.flatMap { Int($0) } ?? o.projects
        case "--nights": o.nights = value.flatMap { Int($0) } ?? o.nights
        case "--top": o.top = value.flatMap { Int($0) } ?? o.top
        case "--dump": o.dump = value
        case "--logs": o.logs = value
        default:
            FileHandle.standardError.write(Data("triage-bench org2: unknown option \(args[i])\n".utf8))
            return nil
        }
        i += 2
    }
    return o
}

/// One scored failed job: its cause, where it ran, and what the analysis made of it.
struct Org2Scored {
    var jobID: Int
    /// The root cause's id and kind (`infrastructure` is the kind whose per-ecosystem row is printed).
    var cause: String
    var kind: String
    var project: String
    /// The project's ecosystem, and the family an infrastructure cause's phrasing follows.
    var ecosystem: String
    var family: String
    var night: String
    var job: String
    var cluster: String
    var keyLine: String
    var signature: [String]
}

let org2Calendar = NightCalendar(timeZone: .gmt)

/// Writes `org` into a new cache in `directory` and analyses it; returns the scored failures.
func writeAndAnalyse(_ org: IndependentOrganisation, directory: URL, logs: URL? = nil) throws -> [Org2Scored]
{
    let store = try SQLiteCacheStore(directory: directory)
    try store.upsertProjects(
        org.projects.map {
            Project(id: $0.id, path: $0.path, name: $0.name, webURL: $0.webURL, defaultBranch: "main")
        })
    var jobID = 5_000_000
    var pipelineID = 900_000
    var byJob: [Int: (Org2Failure, String)] = [:]
    // project|job → the last green job before the current night, with what its trace needs.
    var lastGreen: [String: (id: Int, night: Int)] = [:]
    var wantedGreen: [Int: (project: Int, night: Int, job: String)] = [:]
    var traced = 0
    var texts: [Int: String] = [:]
    for (ni, night) in org.nights.enumerated() {
        guard let noon = org2Calendar.start(of: night) else { continue }
        for (pi, p) in org.projects.enumerated() {
            pipelineID += 1
            var d = Dice(org.seed, "times", p.path, night)
            let created = noon.addingTimeInterval(8 * 3600 + Double(d.int(0...3600)))
            var jobs: [Job] = []
            var anyFailed = false
            for spec in p.jobs {
                jobID += 1
                let cause = org.failures[IndependentOrganisation.key(pi, ni, spec.name)]
                let started = created.addingTimeInterval(Double(d.int(5...600)))
                var context = Org2Context(
                    seed: org.seed, project: p, job: spec, night: night, nightIndex: ni,
                    start: started.timeIntervalSince1970)
                var reason: String?
                if let cause {
                    anyFailed = true
                    let fail = Org2Phrasing.fail(org.causes[cause], seed: org.seed, &context)
                    reason = fail.reason
                    let log = Org2Runner.log(&context, fail: fail)
                    try store.storeTrace(jobID: jobID, data: Data(log.utf8))
                    if logs != nil { texts[jobID] = log }
                    traced += 1
                    byJob[jobID] = (Org2Failure(cause: cause, project: pi, night: ni, job: spec.name), night)
                    if let green = lastGreen["\(pi)|\(spec.name)"] {
                        wantedGreen[green.id] = (pi, green.night, spec.name)
                    }
                } else {
                    lastGreen["\(pi)|\(spec.name)"] = (jobID, ni)
                }
                let finished = Date(
                    timeIntervalSince1970: max(context.clock, started.timeIntervalSince1970 + 30))
                jobs.append(
                    Job(
                        id: jobID, pipelineID: pipelineID, projectID: p.id, name: spec.name,
                        stage: spec.stage,
                        status: cause == nil ? .success : .failed, failureReason: reason, createdAt: created,
                        startedAt: started, finishedAt: finished,
                        duration: finished.timeIntervalSince(started),
                        webURL: "\(p.webURL)/-/jobs/\(jobID)",
                        commitSHA: Dice(0, "sha", p.path, night).draw { $0.hex(40) },
                        commitTitle: "Merge branch '\(p.words[ni % p.words.count])-fixes' into 'main'"))
            }
            try store.storePipeline(
                Pipeline(
                    id: pipelineID, iid: ni + 1, projectID: p.id,
                    sha: Dice(0, "sha", p.path, night).draw { $0.hex(40) },
                    ref: "main", status: anyFailed ? .failed : .success, source: "schedule",
                    createdAt: created,
                    updatedAt: created.addingTimeInterval(3000),
                    webURL: "\(p.webURL)/-/pipelines/\(pipelineID)"),
                night: night, jobs: jobs)
        }
    }
    // The green traces fetch keeps: each failing job's last green run.
    for (id, g) in wantedGreen {
        let p = org.projects[g.project]
        guard let spec = p.jobs.first(where: { $0.name == g.job }),
            let noon = org2Calendar.start(of: org.nights[g.night])
        else { continue }
        var context = Org2Context(
            seed: org.seed, project: p, job: spec, night: org.nights[g.night], nightIndex: g.night,
            start: noon.addingTimeInterval(8 * 3600).timeIntervalSince1970)
        try store.storeTrace(jobID: id, data: Data(Org2Runner.log(&context, fail: nil).utf8))
    }
    print(
        "org2: \(org.projects.count) projects × \(org.nights.count) nights, \(jobID - 5_000_000) jobs, \(traced) failed (\(wantedGreen.count) green traces kept)"
    )
    _ = try Analyzer(cache: store, store: store).analyseNew()
    var scored: [Org2Scored] = []
    for a in try store.analyses(nights: nil) {
        guard let (f, night) = byJob[a.jobID] else { continue }
        scored.append(
            Org2Scored(
                jobID: a.jobID, cause: org.causes[f.cause].id, kind: org.causes[f.cause].kind.rawValue,
                project: org.projects[f.project].path, ecosystem: org.projects[f.project].ecosystem.rawValue,
                family: org.projects[f.project].ecosystem.family, night: night, job: f.job,
                cluster: a.cluster?.rawValue ?? "none", keyLine: a.keyLine ?? "<no key line>",
                signature: a.signatureLines))
    }
    if let logs {
        // One log per (cause, cluster): what a reader compares when a cause is split.
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        var seen = Set<String>()
        for s in scored.sorted(by: { $0.jobID < $1.jobID }) where seen.insert(s.cause + s.cluster).inserted {
            let name = "\(s.cause)--\(s.cluster)".replacingOccurrences(of: "/", with: "_")
            try Data((texts[s.jobID] ?? "").utf8).write(to: logs.appendingPathComponent(name + ".log"))
        }
        print("org2: \(seen.count) logs written to \(logs.path)")
    }
    return scored
}

struct Org2Row {
    var name: String
    var failures: Int
    var causes: Int
    var clusters: Int
    var precision: Double
    var recall: Double
}

func org2Row(_ name: String, _ xs: [Org2Scored], truth: (Org2Scored) -> String = { $0.cause }) -> Org2Row {
    var predicted: [Int: String] = [:]
    var t: [Int: String] = [:]
    for x in xs {
        predicted[x.jobID] = x.cluster
        t[x.jobID] = truth(x)
    }
    let s = PairwiseScore(predicted: predicted, truth: t)
    return Org2Row(
        name: name, failures: s.failures, causes: s.causes, clusters: s.clusters, precision: s.precision,
        recall: s.recall)
}

func short(_ s: String, _ n: Int = 150) -> String {
    let clean = s.replacingOccurrences(of: "\u{1B}", with: "␛")
    return clean.count > n ? String(clean.prefix(n)) + "…" : clean
}

func benchOrg2(_ o: Org2Options) throws {
    let nights = org2Calendar.nights(endingAt: "2026-11-28", count: o.nights)
    for seed in o.seeds {
        let org = IndependentOrganisation(seed: seed, projects: o.projects, nights: nights)
        let directory = try temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let start = DispatchTime.now().uptimeNanoseconds
        let scored = try writeAndAnalyse(
            org, directory: directory.appendingPathComponent(".triage"),
            logs: o.logs.map { URL(fileURLWithPath: "\($0)/seed\(seed)") })
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if let dump = o.dump {
            try dumpOrg2(scored, to: URL(fileURLWithPath: "\(dump)-seed\(seed)"))
        }
        print("")
        print("### Independent organisation, seed \(seed) (\(f(seconds, 1)) s to write and analyse)")
        reportClusters(scored, kinds: Org2Kind.allCases.map(\.rawValue), top: o.top)
    }
}

/// The clusters of `scored` against its causes: pairwise P/R overall, per kind (in `kinds`' order)
/// and for infrastructure per cause × ecosystem family; NEW on each cause's first night; the worst
/// splits and the merges.
func reportClusters(_ scored: [Org2Scored], kinds: [String], top: Int) {
    print("")
    print("| scope | failures | causes | clusters | pairwise precision | pairwise recall |")
    print("|---|--:|--:|--:|--:|--:|")
    var rows = [org2Row("**all**", scored)]
    for kind in kinds {
        rows.append(org2Row(kind, scored.filter { $0.kind == kind }))
    }
    rows.append(
        org2Row(
            "infrastructure, truth per cause × ecosystem",
            scored.filter { $0.kind == "infrastructure" },
            truth: { "\($0.cause)/\($0.family)" }))
    for r in rows {
        print(
            "| \(r.name) | \(r.failures) | \(r.causes) | \(r.clusters) | \(String(format: "%.3f", r.precision)) | \(String(format: "%.3f", r.recall)) |"
        )
    }
    // NEW as `failures --new` shows it, scored as on the simulator's truth (`ClusterScore`).
    let novelty = ClusterScore(
        predicted: Dictionary(scored.map { ($0.jobID, $0.cluster) }, uniquingKeysWith: { a, _ in a }),
        truth: Dictionary(scored.map { ($0.jobID, $0.cause) }, uniquingKeysWith: { a, _ in a }),
        nightOf: Dictionary(scored.map { ($0.jobID, $0.night) }, uniquingKeysWith: { a, _ in a }))
    print("")
    print(
        "New on their first night (after the window's first): \(novelty.newCausesRight) of \(novelty.newCauses) causes "
            + "(\(f(Double(novelty.newCausesRight) / Double(max(novelty.newCauses, 1)), 3))); "
            + "failures of a known cause shown NEW: \(novelty.falselyNew)")
    printSplits(scored, top: top)
    printMerges(scored)
}

/// Causes split into several clusters, worst (most same-cause pairs kept apart) first.
func printSplits(_ scored: [Org2Scored], top: Int) {
    let byCause = Dictionary(grouping: scored, by: \.cause)
    var splits: [(cause: String, lost: Int, clusters: [(String, [Org2Scored])])] = []
    for (cause, xs) in byCause {
        let byCluster = Dictionary(grouping: xs, by: \.cluster).sorted {
            $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key
        }
        guard byCluster.count > 1 else { continue }
        let total = xs.count * (xs.count - 1) / 2
        let kept = byCluster.map { $0.value.count * ($0.value.count - 1) / 2 }.reduce(0, +)
        splits.append((cause, total - kept, byCluster.map { ($0.key, $0.value) }))
    }
    splits.sort { $0.lost != $1.lost ? $0.lost > $1.lost : $0.cause < $1.cause }
    print("")
    print(
        "#### Splits: \(splits.count) causes in more than one cluster (top \(min(top, splits.count)) by pairs lost)"
    )
    for s in splits.prefix(top) {
        let n = s.clusters.map(\.1.count).reduce(0, +)
        print("")
        print("- **\(s.cause)**: \(n) failures in \(s.clusters.count) clusters, \(s.lost) pairs lost")
        for (cluster, members) in s.clusters.prefix(6) {
            let e = members[0]
            let ecos = Set(members.map(\.ecosystem)).sorted().joined(separator: ",")
            print(
                "  - cluster \(cluster.prefix(10)) (\(members.count); \(ecos); e.g. \(e.project) `\(e.job)` \(e.night))"
            )
            print("    - key line: `\(short(e.keyLine))`")
            if let sig = e.signature.first {
                print("    - signature[0/\(e.signature.count)]: `\(short(sig))`")
            }
        }
        if s.clusters.count > 6 { print("  - … \(s.clusters.count - 6) more clusters") }
    }
}

/// Clusters holding failures of several causes.
func printMerges(_ scored: [Org2Scored]) {
    let byCluster = Dictionary(grouping: scored, by: \.cluster)
    var merges: [(String, [(String, [Org2Scored])])] = []
    for (cluster, xs) in byCluster {
        let causes = Dictionary(grouping: xs, by: \.cause).sorted {
            $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key
        }
        if causes.count > 1 { merges.append((cluster, causes.map { ($0.key, $0.value) })) }
    }
    merges.sort {
        let (a, b) = ($0.1.map(\.1.count).reduce(0, +), $1.1.map(\.1.count).reduce(0, +))
        return a != b ? a > b : $0.0 < $1.0
    }
    print("")
    print("#### Merges: \(merges.count) clusters holding more than one cause")
    for (cluster, causes) in merges {
        print("")
        print(
            "- cluster \(cluster.prefix(10)): \(causes.map { "\($0.0) ×\($0.1.count)" }.joined(separator: ", "))"
        )
        for (cause, members) in causes.prefix(5) {
            let e = members[0]
            print("  - \(cause) e.g. \(e.project) `\(e.job)` \(e.night)")
            print("    - key line: `\(short(e.keyLine))`")
            if let sig = e.signature.first {
                print("    - signature[0/\(e.signature.count)]: `\(short(sig))`")
            }
        }
    }
}

/// One line per scored failure (tab-separated), for reading the results beside the logs.
func dumpOrg2(_ scored: [Org2Scored], to url: URL) throws {
    var out = "job\tcause\tkind\tproject\tjob name\tnight\tcluster\tkey line\tsignature\n"
    for s in scored.sorted(by: { ($0.cause, $0.jobID) < ($1.cause, $1.jobID) }) {
        out +=
            "\(s.jobID)\t\(s.cause)\t\(s.kind)\t\(s.project)\t\(s.job)\t\(s.night)\t\(s.cluster)\t\(short(s.keyLine, 300))\t\(s.signature.map { short($0, 200) }.joined(separator: " ⏎ "))\n"
    }
    try Data(out.utf8).write(to: url)
    print("org2: per-failure table written to \(url.path)")
}
