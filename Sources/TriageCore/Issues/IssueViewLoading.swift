import Foundation

extension IssueView {
    /// The view of a window as the cache and the assignments know it: the one reading behind
    /// `issue REF`, `issues --ranked` and the dashboard's ranking, so the three agree.
    ///
    /// - Parameters:
    ///   - nights: the window, oldest first.
    ///   - cache: the failures of the window are its analysed failures (`viewedFailures`); a job
    ///     assigned directly but never analysed (no trace) still counts for its issue. The cached
    ///     issues (`issues`) give titles, URLs and states.
    ///   - calendar: names the night an issue was closed on (for closed-but-still-failing).
    public static func load(
        nights: [String], cache ports: CachePorts, book: Assignments, calendar: NightCalendar
    ) throws -> IssueView {
        let window = Set(nights)
        let cache = ports.store
        var failures = try ports.viewedFailures.viewedFailures(nights: window)
        let analysed = Set(failures.map(\.jobID))
        for a in book.assignments where window.contains(a.night) && !analysed.contains(a.job) {
            let name = try cache.job(id: a.job)?.name ?? "?"
            failures.append(
                ViewedFailure(
                    jobID: a.job, projectPath: a.project, night: a.night, jobName: name, cluster: a.cluster))
        }
        var states: [String: ViewedIssueState] = [:]
        var refs: [String: IssueRef] = [:]
        let paths = Dictionary(try cache.projects().map { ($0.id, $0.path) }, uniquingKeysWith: { a, _ in a })
        for issue in try ports.issues.issues() {
            let path = paths[issue.projectID] ?? String(issue.projectID)
            let ref = IssueRef(project: path, iid: issue.iid, url: issue.webURL, title: issue.title)
            states[ref.key] = ViewedIssueState(
                state: issue.state, closedNight: issue.closedAt.map { calendar.night(of: $0) })
            refs[ref.key] = ref
        }
        return IssueView(nights: nights, failures: failures, book: book, states: states, cachedRefs: refs)
    }
}
