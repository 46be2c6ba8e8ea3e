/// A dependency that the package index does not hold (a version yanked, never published, a package
/// removed), in the words of the tool that looked it up. The cause is the package, whichever tool
/// met it: pip's `Could not find a version that satisfies the requirement initech-metrics==4.2.0`
/// and Poetry's `Because feature-store depends on initech-metrics (4.2.0) which doesn't match any
/// versions` are one; another package is another.
///
/// Each phrasing is a marker and where the package's name stands after it, up to the first byte
/// that ends a name in that tool's syntax (a version specifier, a quote, a space).
enum MissingDependency {
    struct Phrasing {
        /// Text that precedes the name.
        var marker: String
        /// The name is quoted by this character right after the marker (`` ` ``, `'`, `"`), or
        /// bare when nil.
        var quote: Character?
        /// Bytes that end a bare name.
        var stops: String
        /// Text the line must also hold after the name (the tool's "not found" words), if any.
        var then: String?
        /// The name must be coordinates, `group:artifact:version` (Gradle's bare `Could not find`).
        var coordinates = false
        /// The name may hold a slash: a Go module's path, a Composer package's `vendor/name`.
        var slashed = false
        /// The name is npm's registry URL for the package or its tarball.
        var registryURL = false
    }

    static let phrasings: [Phrasing] = [
        // pip
        Phrasing(
            marker: "Could not find a version that satisfies the requirement ", quote: nil,
            stops: " =<>!~[;(", then: nil),
        Phrasing(marker: "No matching distribution found for ", quote: nil, stops: " =<>!~[;(", then: nil),
        // Poetry, uv
        Phrasing(marker: " depends on ", quote: nil, stops: " (", then: "which doesn't match any versions"),
        Phrasing(marker: "Because ", quote: nil, stops: " (", then: "doesn't match any versions"),
        // npm, yarn, pnpm
        Phrasing(marker: "No matching version found for ", quote: nil, stops: " ", then: nil),
        Phrasing(marker: "Couldn't find any versions for ", quote: "\"", stops: "", then: nil),
        Phrasing(marker: "404 Not Found - GET ", quote: nil, stops: " ", then: nil, registryURL: true),
        Phrasing(marker: "", quote: "'", stops: "", then: "' is not in this registry"),
        // Maven, Gradle, sbt, Ivy
        Phrasing(marker: "Could not find artifact ", quote: nil, stops: " ", then: nil),
        Phrasing(
            marker: "The following artifacts could not be resolved: ", quote: nil, stops: " ,", then: nil),
        // cargo
        Phrasing(marker: "no matching package named ", quote: "`", stops: "", then: nil),
        Phrasing(marker: "failed to select a version for the requirement ", quote: "`", stops: "", then: nil),
        // Bundler
        Phrasing(marker: "Could not find gem ", quote: "'", stops: "", then: nil),
        // Composer
        Phrasing(
            marker: "requires ", quote: nil, stops: " ", then: "could not be found in any version",
            slashed: true),
        Phrasing(
            marker: "The requested package ", quote: nil, stops: " ", then: "could not be found",
            slashed: true),
        // NuGet
        Phrasing(marker: "Unable to find package ", quote: nil, stops: " ", then: nil),
        // Go modules
        Phrasing(marker: "go: ", quote: nil, stops: "@", then: ": unknown revision ", slashed: true),
        Phrasing(marker: "go: ", quote: nil, stops: "@", then: ": 404 Not Found", slashed: true),
        // Gradle's, last: any `Could not find` that names coordinates.
        Phrasing(marker: "Could not find ", quote: nil, stops: " ", then: nil, coordinates: true),
    ]

    /// The missing package's name in `line`, lowercased, without its version; nil when the line
    /// says no such thing.
    ///
    /// | line | name |
    /// |---|---|
    /// | `ERROR: Could not find a version that satisfies the requirement initech-metrics==4.2.0 (from versions: 3.9.0)` | `initech-metrics` |
    /// | `Because feature-store depends on initech-metrics (4.2.0) which doesn't match any versions, version solving failed.` | `initech-metrics` |
    /// | `npm error 404  '@acme/ui-kit@4.2.1' is not in this registry.` | `@acme/ui-kit` |
    /// | `> Could not find com.acme.platform:http-client:3.4.0.` | `com.acme.platform:http-client` |
    /// | `… could not be resolved: com.acme.platform:http-client:jar:3.4.0 (absent)` | `com.acme.platform:http-client` |
    static func name(in line: String) -> String? {
        for p in phrasings {
            guard let m = p.marker.isEmpty ? line.range(of: String(p.quote ?? " ")) : line.range(of: p.marker)
            else { continue }
            var rest = line[p.marker.isEmpty ? m.lowerBound... : m.upperBound...]
            var raw: Substring
            if let q = p.quote {
                guard rest.first == q, let close = rest.dropFirst().firstIndex(of: q) else { continue }
                raw = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[close...]
            } else {
                raw = rest.prefix { !p.stops.contains($0) }
                rest = rest[raw.endIndex...]
            }
            if let then = p.then, !rest.contains(then) { continue }
            if p.coordinates, raw.filter({ $0 == ":" }).count < 2 { continue }
            if let n = normalised(raw, p), n.count >= 2 { return n }
        }
        return nil
    }

    /// A tool's spelling of a package as its name alone: versions, specifiers, Maven's type and
    /// Gradle's trailing dot off, a URL's last component, lowercase.
    static func normalised(_ raw: Substring, _ p: Phrasing) -> String? {
        let trim: Set<Character> = [" ", ".", ",", ":", ";", "\"", "'"]
        var s = String(raw.drop { trim.contains($0) }.reversed().drop { trim.contains($0) }.reversed())
        // cargo's `serde = "^1"`, Bundler's `rails (= 7.1)`, pip's `foo[extra]`.
        if let cut = s.firstIndex(where: { " =([".contains($0) }) { s = String(s[..<cut]) }
        if p.registryURL {
            // npm's registry URL: the package is its last part (`%2f` its scope's slash), or, for a
            // tarball (`…/@acme/ui-kit/-/ui-kit-4.2.1.tgz`), the part before `/-/`.
            if let tarball = s.range(of: "/-/") { s = String(s[..<tarball.lowerBound]) }
            let parts = s.replacingOccurrences(of: "%2f", with: "/").replacingOccurrences(
                of: "%2F", with: "/"
            )
            .replacingOccurrences(of: "%40", with: "@").split(separator: "/")
            guard let last = parts.last else { return nil }
            s =
                parts.count >= 2 && parts[parts.count - 2].hasPrefix("@")
                ? parts[parts.count - 2] + "/" + last : String(last)
        }
        // npm's `name@version` (a scope's `@` first).
        if let at = s.lastIndex(of: "@"), at > s.startIndex { s = String(s[..<at]) }
        // Maven's `group:artifact[:type]:version`, Gradle's `group:artifact:version`.
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count >= 3 { s = parts[0] + ":" + parts[1] }
        guard !s.isEmpty, s.contains(where: { $0.isLetter }),
            !s.contains("/") || s.hasPrefix("@") || p.slashed
        else { return nil }
        return s.lowercased()
    }
}
