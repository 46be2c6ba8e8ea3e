/// A package ecosystem whose dependency listings we read from traces (`julia`, `pip`, …).
///
/// A struct with static members rather than an enum so that a new ecosystem needs no edit here:
/// `extension Ecosystem { static let conda: Ecosystem = "conda" }` plus one `DependencyLineParser`.
/// The raw value is the prefix of `Dependency.key` and is what gets persisted.
public struct Ecosystem: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public static let julia: Ecosystem = "julia"
    public static let pip: Ecosystem = "pip"
    public static let npm: Ecosystem = "npm"
    public static let go: Ecosystem = "go"
    public static let cargo: Ecosystem = "cargo"
    public static let maven: Ecosystem = "maven"

    public var description: String { rawValue }

    public static func < (a: Ecosystem, b: Ecosystem) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The spelling of `name` used in keys, so that two spellings of one package meet.
    ///
    /// pip: PEP 503 normalisation — lower case, runs of `-`, `_`, `.` become one `-`
    /// (`typing_extensions` and `Typing.Extensions` are both `typing-extensions`).
    /// Every other ecosystem: the name as printed (Julia, Go, npm and Maven names are case-sensitive).
    public func normalizedName(_ name: String) -> String {
        guard self == .pip else { return name }
        var out = ""
        var pendingDash = false
        for c in name.lowercased() {
            if c == "-" || c == "_" || c == "." {
                pendingDash = !out.isEmpty
            } else {
                if pendingDash { out.append("-") }
                pendingDash = false
                out.append(c)
            }
        }
        return out
    }

    /// `ecosystem:normalized-name`, the identity of a dependency across listings.
    public func key(_ name: String) -> String { rawValue + ":" + normalizedName(name) }
}

/// One resolved dependency seen in a trace: `julia:DataFrames 1.6.1 [a93c6f00]`.
public struct Dependency: Hashable, Sendable, Codable, CustomStringConvertible {
    public var ecosystem: Ecosystem
    /// The name as the tool printed it (Julia `DataFrames`, Go `golang.org/x/net`,
    /// Maven `org.apache.commons:commons-lang3`, npm `@scope/pkg`).
    public var name: String
    /// The version as printed, without the decorative `v` that Julia and Cargo add
    /// (`1.6.1`); Go keeps its `v` because it is part of Go's version syntax (`v0.23.0`).
    public var version: String
    /// A registry identity when the listing shows one: the Julia UUID prefix (`a93c6f00`).
    public var id: String?

    public init(ecosystem: Ecosystem, name: String, version: String, id: String? = nil) {
        self.ecosystem = ecosystem
        self.name = name
        self.version = version
        self.id = id
    }

    /// `ecosystem:normalized-name` (see `Ecosystem.normalizedName`); a listing holds one
    /// dependency per key.
    public var key: String { ecosystem.key(name) }

    public var description: String {
        "\(ecosystem.rawValue):\(name) \(version)" + (id.map { " [\($0)]" } ?? "")
    }
}

/// What one line of a trace says about a dependency.
public enum DependencyEvent: Hashable, Sendable {
    /// The dependency is installed at this version (a later line may say otherwise).
    case present(Dependency)
    /// The dependency was removed from the environment (Julia `[uuid] - Foo v1.0`, uv `- foo==1.0`,
    /// `go: removed …`, cargo `Removing …`).
    case removed(ecosystem: Ecosystem, name: String)
}

/// The dependencies one trace shows, one per key (`Dependency.key`).
public struct DependencyListing: Hashable, Sendable, Codable {
    /// Key `ecosystem:normalized-name` → the dependency as last seen in the trace.
    public var dependencies: [String: Dependency]
    /// Key → number of the cleaned line (`CleanLine.number`) that gave the version; absent for
    /// dependencies added by hand.
    public var lines: [String: Int]

    public init(_ dependencies: [Dependency] = []) {
        self.dependencies = [:]
        self.lines = [:]
        for d in dependencies { self.dependencies[d.key] = d }
    }

    /// Applies one event: `.present` replaces whatever the key held (the last occurrence wins,
    /// so an upgrade during a run leaves the newer version), `.removed` deletes the key.
    public mutating func apply(_ event: DependencyEvent, line: Int? = nil) {
        switch event {
        case .present(let d):
            dependencies[d.key] = d
            lines[d.key] = line
        case .removed(let ecosystem, let name):
            let key = ecosystem.key(name)
            dependencies[key] = nil
            lines[key] = nil
        }
    }

    public var isEmpty: Bool { dependencies.isEmpty }
    public var count: Int { dependencies.count }

    public subscript(key: String) -> Dependency? { dependencies[key] }
    public subscript(ecosystem: Ecosystem, name name: String) -> Dependency? {
        dependencies[ecosystem.key(name)]
    }

    /// The dependencies sorted by (ecosystem, key).
    public var sorted: [Dependency] {
        dependencies.sorted { $0.key < $1.key }.map(\.value)
    }

    /// The ecosystems with at least one dependency.
    public var ecosystems: Set<Ecosystem> { Set(dependencies.values.map(\.ecosystem)) }

    /// The listing restricted to the given ecosystems.
    public func filtered(to ecosystems: Set<Ecosystem>) -> DependencyListing {
        var out = self
        out.dependencies = dependencies.filter { ecosystems.contains($0.value.ecosystem) }
        out.lines = lines.filter { out.dependencies[$0.key] != nil }
        return out
    }
}

/// How one dependency differs between two listings.
public struct DependencyChange: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// Only the newer listing has it.
        case added
        /// Only the older listing has it.
        case removed
        /// Newer version compares higher (`VersionComparator`).
        case upgraded
        /// Newer version compares lower.
        case downgraded
        /// The version strings differ but do not compare (`1.0-jre` → `1.0-android`, or two
        /// spellings of one version such as `1.0` → `1.0.0`).
        case changed
    }

    public var ecosystem: Ecosystem
    /// The name as printed by the newer listing (by the older one for `.removed`).
    public var name: String
    /// Version in the older listing; nil for `.added`.
    public var from: String?
    /// Version in the newer listing; nil for `.removed`.
    public var to: String?
    public var kind: Kind

    public init(ecosystem: Ecosystem, name: String, from: String?, to: String?, kind: Kind) {
        self.ecosystem = ecosystem
        self.name = name
        self.from = from
        self.to = to
        self.kind = kind
    }

    /// Builds the change between two versions of one dependency, or nil when the strings are equal.
    public init?(ecosystem: Ecosystem, name: String, from: String?, to: String?) {
        let kind: Kind
        switch (from, to) {
        case (nil, nil): return nil
        case (nil, .some): kind = .added
        case (.some, nil): kind = .removed
        case (.some(let a), .some(let b)):
            if a == b { return nil }
            switch VersionComparator.compare(a, b) {
            case .ascending: kind = .upgraded
            case .descending: kind = .downgraded
            case .same, nil: kind = .changed
            }
        }
        self.init(ecosystem: ecosystem, name: name, from: from, to: to, kind: kind)
    }

    /// `ecosystem:normalized-name`, as `Dependency.key`.
    public var key: String { ecosystem.key(name) }

    /// `julia:DataFrames 1.6.0 → 1.7.0 (upgraded)`; `∅` stands for a missing side.
    public var description: String {
        "\(ecosystem.rawValue):\(name) \(from ?? "∅") → \(to ?? "∅") (\(kind.rawValue))"
    }
}

extension DependencyListing {
    /// What changed from `older` to this listing, one change per key whose version differs,
    /// sorted by (ecosystem, normalized name).
    ///
    /// Keys only in `self` are `.added`, keys only in `older` are `.removed`; equal version strings
    /// are no change. The caller decides whether a missing ecosystem means "removed" or "not
    /// listed" — `DependencyDiff.between` leaves such ecosystems out.
    public func changes(from older: DependencyListing) -> [DependencyChange] {
        var out: [(key: String, change: DependencyChange)] = []
        for (key, new) in dependencies {
            let old = older.dependencies[key]
            if let c = DependencyChange(
                ecosystem: new.ecosystem, name: new.name, from: old?.version, to: new.version)
            {
                out.append((key, c))
            }
        }
        for (key, old) in older.dependencies where dependencies[key] == nil {
            out.append(
                (
                    key,
                    DependencyChange(
                        ecosystem: old.ecosystem, name: old.name, from: old.version, to: nil, kind: .removed)
                ))
        }
        return out.sorted {
            ($0.change.ecosystem, $0.key) < ($1.change.ecosystem, $1.key)
        }.map(\.change)
    }
}
