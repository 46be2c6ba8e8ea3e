import LogAnalysis

/// A `Clusterer` per scope, where a signature's scope is its `@scope` line. Signatures built by
/// `SignatureBuilder` carry none (the cause, not the project, names a failure), so today every
/// failure is compared with every other; a signature that names a scope is only compared within it.
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
        for (scope, clusters) in grouped {
            parts[scope] = Clusterer(threshold: threshold, existing: clusters)
        }
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
