import Foundation
import LogAnalysis

/// A night on which a failed attempt of a job, in a nightly pipeline, was analysed into a cluster.
public struct ClusteredNight: Hashable, Sendable {
    public var cluster: ClusterID
    public var projectID: Int
    public var jobName: String
    public var night: String

    public init(cluster: ClusterID, projectID: Int, jobName: String, night: String) {
        self.cluster = cluster
        self.projectID = projectID
        self.jobName = jobName
        self.night = night
    }
}

/// A night on which a job's latest attempt in a nightly pipeline succeeded.
public struct GreenNight: Hashable, Sendable {
    public var projectID: Int
    public var jobName: String
    public var night: String

    public init(projectID: Int, jobName: String, night: String) {
        self.projectID = projectID
        self.jobName = jobName
        self.night = night
    }
}

/// The second kind of flaky cluster (DESIGN §5): one that alternates with green nights for the same job.
///
/// For each job (project and name) a cluster hits, its nights from the first to the last night the
/// job failed in the cluster are, in order: `true` when the job failed in the cluster that night,
/// `false` when it was green (its latest attempt in a nightly pipeline succeeded), and left out
/// otherwise (no run, canceled, failed in another cluster). The cluster alternates when that
/// sequence does (`Recurrence.alternates`): the job failed in it on two nights with a green night
/// between them. Trimming to the first and last failing night keeps green nights before a failure
/// that started, or after one that was fixed, from counting.
///
/// | job's nights (R failed in the cluster, G green, x failed otherwise, . no run) | alternates |
/// |---|---|
/// | `R G R` | yes |
/// | `G R G G R G` | yes |
/// | `G G R R R R G G` (an episode, fixed) | no |
/// | `R x R` / `R . R` | no |
/// | `G R G` (once) | no |
public enum Alternation {
    struct JobKey: Hashable {
        var projectID: Int
        var name: String
    }

    /// The clusters that alternate with green nights for at least one of their jobs.
    public static func alternatingClusters(red: [ClusteredNight], green: [GreenNight]) -> Set<ClusterID> {
        var redNights: [JobKey: [ClusterID: Set<String>]] = [:]
        for r in red {
            redNights[JobKey(projectID: r.projectID, name: r.jobName), default: [:]][r.cluster, default: []]
                .insert(r.night)
        }
        var greenNights: [JobKey: Set<String>] = [:]
        for g in green {
            greenNights[JobKey(projectID: g.projectID, name: g.jobName), default: []].insert(g.night)
        }
        var result = Set<ClusterID>()
        for (job, clusters) in redNights {
            guard let greens = greenNights[job] else { continue }
            for (cluster, nights) in clusters where nights.count >= 2 && !result.contains(cluster) {
                guard let first = nights.min(), let last = nights.max() else { continue }
                let between = greens.filter { $0 > first && $0 < last }
                let sequence = nights.union(between).sorted().map(nights.contains)
                if Recurrence.alternates(sequence) { result.insert(cluster) }
            }
        }
        return result
    }
}
