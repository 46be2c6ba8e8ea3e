// `triage-bench issues`: the per-issue view over the year-sized cache of
// `triage-bench shell`, in process; target: `issues --ranked 365d` under 200 ms.
import Foundation
import Store
import TriageCore
import TriageShell

/// Assignments held in memory: the bench measures the view, not the file lock.
final class MemoryAssignmentBook: AssignmentBook, @unchecked Sendable {
    private let lock = NSLock()
    private var contents = Assignments()

    func read() throws -> Assignments { lock.withLock { contents } }

    func update<T>(_ change: (inout Assignments) throws -> T) throws -> T {
        try lock.withLock {
            var copy = contents
            let result = try change(&copy)
            contents = copy
            return result
        }
    }
}

func benchIssues(_ o: ShellOptions) async throws {
    let (directory, benchNow, lastNight) = try benchWorkspace(o)
    try yearCache(o, at: directory, lastNight: lastNight, name: "issues")
    // Half of the clusters (the largest first) assigned to issues, so both kinds of rows exist.
    let store = try SQLiteCacheStore(directory: directory.appendingPathComponent(".triage"))
    let book = MemoryAssignmentBook()
    let states = try store.clusterStates()
    try book.update { a in
        for (k, state) in states.enumerated() where k % 2 == 0 {
            a.assign(
                ClusterAssignment(
                    cluster: state.id.rawValue, issue: IssueRef(project: "group1/Package1.jl", iid: k + 1),
                    by: "bench",
                    at: "2026-11-28T00:00:00Z", note: nil))
        }
    }
    print("  \(states.count) clusters, \((states.count + 1) / 2) assigned")
    let sink = DiscardSink()
    let environment = ShellEnvironment(
        workspace: directory, variables: [:], now: { benchNow },
        openCache: { CachePorts(try SQLiteCacheStore(directory: $0)) },
        makeGitLab: { _, _, _ in fatalError("the issues benchmark never talks to GitLab") },
        sink: sink, stdoutIsTerminal: false, makeAssignmentBook: { _, _ in book })
    let session = Session(context: Context(environment: environment, format: .table, color: false))
    _ = await session.run(words: ["status"])
    var failed = false
    for (line, target) in [
        ("issues --ranked 365d", 200.0), ("issues --ranked 30d", 200.0),
        ("issue group1/Package1.jl#1 365d", 200.0),
    ] {
        guard let times = await timeCommand(line, runs: o.runs, session: session, sink: sink) else {
            failed = true
            continue
        }
        let m = median(times) * 1000
        let over = m < target ? "" : "  (over the \(Int(target)) ms target)"
        print(
            "  \(line.padding(toLength: 44, withPad: " ", startingAt: 0)) median \(f(m, 1)) ms over \(times.count) runs\(over)"
        )
    }
    if failed { exit(1) }
}
