import Foundation
import TriageCore

extension Context {
    /// What `triage demo` suggests on a terminal before it hands over the prompt: three first
    /// commands, with a real job of last night's listing (its first NEW cluster's newest job) so
    /// that the first one can be typed as it is.
    public func demoSuggestions() -> [String] {
        var job: Int?
        if let nights = try? nights(nil), let store = try? store(), let config = try? config(),
            let answer = try? Failures.rows(
                nights: Set(nights), source: config.source, filter: FailureFilter(), listings: store,
                flaky: { FlakyClusters() }, assignments: Assignments())
        {
            job = FailureGroup.grouping(answer.rows).first?.rows.first?.listing.jobID
        }
        let suggestions = [
            job.map {
                ("show job \($0)", "the first failure above: its excerpt, cluster, issue and what changed")
            },
            ("clusters 7d", "the week's kinds of failure, NEW first, with the nights each was seen"),
            ("streaks last-night", "what started failing last night, what recovered, what flaps"),
            job == nil ? ("failures 7d", "the week's failed jobs, grouped by kind") : nil,
        ].compactMap { $0 }
        let width = (suggestions.map(\.0.count).max() ?? 0) + 2
        return ["try:"] + suggestions.prefix(3).map { "  " + $0.0.padding(width) + $0.1 }
    }
}
