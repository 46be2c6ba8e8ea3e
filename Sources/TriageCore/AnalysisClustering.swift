import LogAnalysis

/// A `Clusterer` per scope: failures of project-local kinds (tests, crashes, builds) are only ever
/// compared with failures of the same project, cross-project kinds with each other (see
/// `Analyzer.signature(of:project:)`, which writes the scope into the signature as an `@scope` line).
///
/// Without the partition a token set that differs only in its project token (a testset named
/// `internals` failing in twenty packages) stays above any useful threshold.
public struct ScopedClusterer: Sendable {
    public var threshold: Double
    var parts: [String: Clusterer] = [:]
    /// Ids in creation order across scopes, to keep results deterministic.
    var order: [ClusterID] = []
    var scopeOf: [ClusterID: String] = [:]

    public init(threshold: Double, existing: [ClusterState] = []) {
        self.threshold = threshold
        var grouped: [String: [ClusterState]] = [:]
        for cluster in existing {
            let scope = Self.scope(of: cluster.representative)
            grouped[scope, default: []].append(cluster)
            order.append(cluster.id)
            scopeOf[cluster.id] = scope
        }
        for (scope, clusters) in grouped { parts[scope] = Clusterer(threshold: threshold, existing: clusters) }
    }

    /// The `@scope` line of a signature; "" for cross-project failures.
    static func scope(of signature: FailureSignature) -> String {
        signature.maskedLines.last { $0.hasPrefix("@scope ") } ?? ""
    }

    public var clusters: [ClusterState] {
        var byID: [ClusterID: ClusterState] = [:]
        for part in parts.values {
            for cluster in part.clusters { byID[cluster.id] = cluster }
        }
        return order.compactMap { byID[$0] }
    }

    public mutating func assign(_ signature: FailureSignature, member: Int, night: String, project: String)
        -> ClusterID
    {
        let scope = Self.scope(of: signature)
        var part = parts[scope] ?? Clusterer(threshold: threshold)
        parts[scope] = nil  // keep the clusterer uniquely referenced while it changes
        let id = part.assign(signature, member: member, night: night, project: project)
        parts[scope] = part
        if scopeOf[id] == nil {
            scopeOf[id] = scope
            order.append(id)
        }
        return id
    }
}
