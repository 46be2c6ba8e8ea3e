import Foundation
import LogAnalysis

/// What "what changed" reads in one trace: its dependency listing, whether GitLab cut it, and
/// the packages Julia's resolver could not install.
public struct TraceFacts: Hashable, Sendable {
    public var listing: DependencyListing
    public var truncated: Bool
    /// From `Unsatisfiable requirements detected for package NAME`: the package, at the newest
    /// version the resolver saw (the upper bound of "possible versions are: A-B", else the version
    /// a package restricted it to). A job that fails to resolve prints no listing; this is the
    /// change that broke it.
    public var unresolved: [Dependency]

    public init(listing: DependencyListing, truncated: Bool = false, unresolved: [Dependency] = []) {
        self.listing = listing
        self.truncated = truncated
        self.unresolved = unresolved
    }

    /// Reads a cleaned trace.
    public init(log: CleanedLog) {
        self.init(
            listing: DependencyParser.parse(log), truncated: DependencyDiff.isTruncated(log),
            unresolved: Self.unresolved(log))
    }

    /// Packages of Julia's "Unsatisfiable requirements" errors, in log order.
    public static func unresolved(_ log: CleanedLog) -> [Dependency] {
        var found: [Dependency] = []
        var current: String?
        var version: String?
        func flush() {
            if let name = current, let v = version {
                found.append(Dependency(ecosystem: .julia, name: name, version: v))
            }
            current = nil
            version = nil
        }
        let marker = "Unsatisfiable requirements detected for package "
        for line in log.lines {
            let text = line.text
            if let range = text.range(of: marker) {
                flush()
                let rest = text[range.upperBound...]
                let name = rest.prefix { !$0.isWhitespace && $0 != "[" && $0 != ":" }
                current = name.isEmpty ? nil : String(name)
                continue
            }
            guard current != nil else { continue }
            if let range = text.range(of: "possible versions are: ") {
                // "0.1.0-0.19.0 or uninstalled" → 0.19.0 (the newest); a single version as is.
                let spec = text[range.upperBound...].prefix { !$0.isWhitespace }
                if let upper = spec.split(separator: "-").last, Self.isVersion(upper) {
                    version = String(upper)
                }
            } else if version == nil, let range = text.range(of: "restricted to versions ") {
                let spec = text[range.upperBound...].prefix { !$0.isWhitespace && $0 != "," }
                if Self.isVersion(spec) { version = String(spec) }
            } else if text.hasPrefix("Stacktrace:") || text.trimmingCharacters(in: .whitespaces).isEmpty {
                flush()
            }
        }
        flush()
        return found
    }

    static func isVersion(_ s: Substring) -> Bool {
        guard let first = s.first, first.isNumber else { return false }
        return s.allSatisfy { $0.isNumber || $0 == "." }
    }

    /// The dependency changes from an earlier (green) trace to this one: `DependencyDiff`, plus an
    /// upgrade (or addition) for each package this trace could not resolve at a version the green
    /// trace does not list.
    public func diff(since green: TraceFacts) -> DependencyDiff {
        var diff = DependencyDiff.between(
            green: green.listing, red: listing, greenTruncated: green.truncated, redTruncated: truncated)
        var added = false
        for dependency in unresolved {
            let old = green.listing[dependency.key]
            guard old?.version != dependency.version,
                !diff.changes.contains(where: { $0.key == dependency.key && $0.to == dependency.version }),
                let change = DependencyChange(
                    ecosystem: dependency.ecosystem, name: dependency.name, from: old?.version,
                    to: dependency.version)
            else { continue }
            diff.changes.removeAll { $0.key == dependency.key }
            diff.changes.append(change)
            added = true
            diff.notes.append(
                "\(dependency.name) \(dependency.version) could not be resolved (Unsatisfiable requirements): "
                    + "the newest version the resolver saw")
        }
        if added {
            diff.changes.sort { ($0.ecosystem, $0.name) < ($1.ecosystem, $1.name) }
        }
        return diff
    }
}
