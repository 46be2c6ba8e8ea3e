/// The dependency changes between a job's last green trace and its first red one, with notes on
/// what could not be compared — what `diff job` shows.
public struct DependencyDiff: Hashable, Sendable, Codable {
    /// Sorted by (ecosystem, name); only ecosystems listed by both traces.
    public var changes: [DependencyChange]
    /// Sentences for a person, in a fixed order: truncation, missing listings, ecosystems left out,
    /// "no change". Empty when the changes need no caveat.
    public var notes: [String]
    /// Dependencies found in each trace.
    public var greenCount: Int
    public var redCount: Int

    public init(changes: [DependencyChange], notes: [String], greenCount: Int, redCount: Int) {
        self.changes = changes
        self.notes = notes
        self.greenCount = greenCount
        self.redCount = redCount
    }

    /// Parses both traces (`DependencyParser.parse`) and compares them.
    public static func between(
        green: CleanedLog, red: CleanedLog, parsers: [DependencyLineParser] = DependencyParser.defaultParsers
    ) -> DependencyDiff {
        between(
            green: DependencyParser.parse(green, parsers: parsers),
            red: DependencyParser.parse(red, parsers: parsers),
            greenTruncated: isTruncated(green), redTruncated: isTruncated(red))
    }

    /// Compares two listings.
    ///
    /// What the caller may rely on:
    /// - An ecosystem listed by only one trace is left out of `changes` (its dependencies would all
    ///   read as added or removed, which says more about the trace than the job) and named in a note.
    /// - When one trace lists nothing at all, `changes` is empty and a note says which trace.
    /// - A truncated trace (GitLab's "Job's log exceeded limit") gets a note: its listing may miss
    ///   lines, so `.removed` changes in particular are doubtful.
    public static func between(
        green: DependencyListing, red: DependencyListing, greenTruncated: Bool = false,
        redTruncated: Bool = false
    ) -> DependencyDiff {
        var notes: [String] = []
        if greenTruncated {
            notes.append(
                "the green trace was truncated by GitLab (log size limit); its listing may be incomplete")
        }
        if redTruncated {
            notes.append(
                "the red trace was truncated by GitLab (log size limit); its listing may be incomplete")
        }
        let result = { (changes: [DependencyChange]) in
            DependencyDiff(changes: changes, notes: notes, greenCount: green.count, redCount: red.count)
        }
        switch (green.isEmpty, red.isEmpty) {
        case (true, true):
            notes.append("neither trace has a dependency listing; nothing to compare")
            return result([])
        case (true, false):
            notes.append(
                "the green trace has no dependency listing (truncated, or the job did not print one then); "
                    + "the red trace lists \(red.count)")
            return result([])
        case (false, true):
            notes.append(
                "the red trace has no dependency listing (truncated, or it failed before installing?); "
                    + "the green trace lists \(green.count)")
            return result([])
        case (false, false):
            break
        }
        let shared = green.ecosystems.intersection(red.ecosystems)
        for e in green.ecosystems.subtracting(shared).sorted() {
            let n = green.dependencies.values.filter { $0.ecosystem == e }.count
            notes.append(
                "only the green trace lists \(e.rawValue) dependencies (\(n)); \(e.rawValue) is left out")
        }
        for e in red.ecosystems.subtracting(shared).sorted() {
            let n = red.dependencies.values.filter { $0.ecosystem == e }.count
            notes.append(
                "only the red trace lists \(e.rawValue) dependencies (\(n)); \(e.rawValue) is left out")
        }
        let newer = red.filtered(to: shared)
        let changes = newer.changes(from: green.filtered(to: shared))
        if changes.isEmpty {
            notes.append("no dependency changed (\(newer.count) compared)")
        }
        return result(changes)
    }

    /// True when GitLab cut the trace (its "Job's log exceeded limit of N bytes." line).
    public static func isTruncated(_ log: CleanedLog) -> Bool {
        log.lines.suffix(20).contains { $0.text.contains("Job's log exceeded limit") }
    }
}
