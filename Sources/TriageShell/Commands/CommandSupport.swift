import Foundation
import LogAnalysis
import TriageCore

// What the listing commands share: ranges, project names, the empty-cache check, times in the
// workspace's zone, status cells, excerpts.

/// Failure reasons GitLab reports, for completion of `--reason`.
let failureReasons = [
    "script_failure", "runner_system_failure", "stuck_or_timeout_failure", "job_execution_timeout",
    "unknown_failure", "api_failure", "scheduler_failure", "data_integrity_failure",
    "missing_dependency_failure",
]

extension Context {
    /// The nights of a range (oldest first), `fallback` when no range was given.
    func nights(_ text: String?, default fallback: String = "last-night") throws -> [String] {
        let range = try TimeRange.parse(text ?? fallback)
        if case .lastNights(let count) = range, count > Self.maxNights {
            throw ShellError(
                "'\(text ?? fallback)' is too long a range", hint: "at most \(Self.maxNights) nights")
        }
        return range.nights(calendar: try calendar(), now: now)
    }

    /// Ten years of nights: longer ranges are a typo, and would only make a long list.
    static let maxNights = 3660

    /// The store, refusing an empty cache with what to do next.
    func filledStore() throws -> (store: any CacheStore, bounds: (first: String, last: String)) {
        let store = try store()
        guard let bounds = try store.nightBounds() else {
            throw ShellFailure.emptyCache
        }
        return (store, bounds)
    }

    /// Notes the asked nights the cache does not reach. Nights after the cache's last one are
    /// "no data": the command's answer is then written as such and the line ends with
    /// `.noData`, never as an empty, green-looking answer. Nights before its first one, when
    /// nothing was found, get a hint on stderr (an empty answer is still an answer there: the
    /// cache keeps a window of nights).
    func noteIfUncached(_ nights: [String], bounds: (first: String, last: String), found: Bool) {
        let missing = nights.filter { $0 > bounds.last }
        if !missing.isEmpty {
            let lastFetch = (try? store().lastSync()) ?? nil
            if let calendar = try? calendar() {
                noData = NoData(
                    missing: missing, asked: nights.count, cacheLastNight: bounds.last, lastFetch: lastFetch,
                    calendar: calendar)
            }
            return
        }
        guard !found, let first = nights.first, let last = nights.last else { return }
        let label = first == last ? "night \(first)" : "nights \(first)..\(last)"
        if first < bounds.first {
            sink.writeError(
                "hint: the cache holds nights \(bounds.first)..\(bounds.last), not all of \(label) — run 'fetch'\n"
            )
        }
    }

    /// Whether a pipeline counts as nightly under the workspace's `source` (nil: every source).
    func isNightly(_ pipeline: Pipeline) throws -> Bool { pipeline.isNightly(try config().source) }

    /// A project by path: exact, then case-insensitive, then a unique last component
    /// (`Foo.jl` for `julia/Foo.jl`).
    func project(named text: String, in store: any CacheStore) throws -> Project {
        // An exact path is one index seek; only the looser matches read every project.
        if let exact = try store.projects(path: text).first { return exact }
        let projects = try store.projects()
        let lower = text.lowercased()
        if let folded = projects.first(where: { $0.path.lowercased() == lower }) { return folded }
        let byName = projects.filter {
            ($0.path.split(separator: "/").last.map(String.init) ?? "").lowercased() == lower
        }
        if byName.count == 1 { return byName[0] }
        if byName.count > 1 {
            throw ShellError(
                "'\(text)' names several projects",
                hint: "give the full path: " + byName.map(\.path).joined(separator: ", "))
        }
        let byLastPart = Dictionary(
            projects.map { (String($0.path.split(separator: "/").last ?? ""), $0.path) },
            uniquingKeysWith: { a, _ in a })
        let guess =
            suggestion(for: text, among: projects.map(\.path))
            ?? suggestion(for: text, among: Array(byLastPart.keys).sorted()).flatMap { byLastPart[$0] }
        throw ShellFailure.projectNotCached(text, guess: guess)
    }

    /// Times as the workspace shows them.
    func times() throws -> TimeFormat { TimeFormat(timeZone: try calendar().timeZone) }
}

/// Dates in one time zone: `2026-11-29 00:14` for tables, ISO-8601 with offset for JSON.
///
/// The calendar and the formatter are made once per `TimeFormat`, not once per date: a listing
/// formats thousands of dates, and each new ICU formatter or zoned calendar cost more than the
/// query behind the listing.
struct TimeFormat {
    let timeZone: TimeZone
    private let calendar: Calendar
    private let formatter: ISO8601DateFormatter

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
        formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
    }

    func display(_ date: Date?) -> String {
        guard let date else { return "-" }
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0,
            c.minute ?? 0)
    }

    /// `display` with the zone, for a time read on its own (`show job`): `2026-11-29 00:14 CST`,
    /// or the UTC offset (`2026-11-29 05:44 +05:30`) where the zone has no letter abbreviation.
    func zoned(_ date: Date?) -> String {
        guard let date else { return "-" }
        return display(date) + " " + zoneName(at: date)
    }

    func zoneName(at date: Date) -> String {
        if let short = timeZone.abbreviation(for: date), short.allSatisfy(\.isLetter) { return short }
        let seconds = timeZone.secondsFromGMT(for: date)
        let minutes = abs(seconds) / 60
        return (seconds < 0 ? "-" : "+") + String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    func json(_ date: Date?) -> JSONValue { iso(date).map(JSONValue.string) ?? .null }

    /// The time as JSON answers write it; nil for none.
    func iso(_ date: Date?) -> String? { date.map { formatter.string(from: $0) } }
}

/// Nights asked for that the cache does not reach (after its last night), and why: never
/// fetched, or GitLab had no nightly pipeline for them when the cache was last fetched.
struct NoData {
    enum Reason: String {
        /// The last fetch began before the first missing night did: run `fetch`.
        case notFetched = "not_fetched"
        /// A fetch that completed after the first missing night began found no pipeline for it.
        case noPipeline = "no_pipeline"
    }

    var missing: [String]
    /// Whether every asked night is missing (the answer then is only the sentence).
    var allMissing: Bool
    var cacheLastNight: String
    var lastFetch: Date?
    var reason: Reason
    var message: String

    init(
        missing: [String], asked: Int, cacheLastNight: String, lastFetch: SyncRecord?, calendar: NightCalendar
    ) {
        self.missing = missing
        allMissing = missing.count == asked
        self.cacheLastNight = cacheLastNight
        self.lastFetch = lastFetch?.startedAt
        let first = missing.first ?? ""
        let label = missing.count == 1 ? "night \(first)" : "nights \(first)..\(missing.last ?? "")"
        let times = TimeFormat(timeZone: calendar.timeZone)
        if let fetch = lastFetch, fetch.outcome == "completed", let begun = calendar.start(of: first),
            fetch.startedAt >= begun
        {
            reason = .noPipeline
            message =
                "no data for \(label): GitLab had no nightly pipeline for \(missing.count == 1 ? "it" : "them") "
                + "at the last fetch (\(times.display(fetch.startedAt))); the cache ends at \(cacheLastNight)"
        } else {
            reason = .notFetched
            let fetched = lastFetch.map { "last fetch \(times.display($0.startedAt))" } ?? "no fetch recorded"
            message = "no data for \(label): the cache ends at \(cacheLastNight) (\(fetched)) — run 'fetch'"
        }
        self.times = times
    }

    private let times: TimeFormat

    /// The JSON answer: an object, not the command's usual array or object, so that a script
    /// cannot take the missing nights for a green one. `records` holds what the cache had.
    func json(records: JSONValue) -> JSONValue {
        .object([
            "no_data": .bool(true), "missing_nights": .array(missing.map(JSONValue.string)),
            "reason": .string(reason.rawValue), "message": .string(message),
            "cache_last_night": .string(cacheLastNight), "last_fetch": times.json(lastFetch),
            "records": records,
        ])
    }
}

/// An integer operand, or a usage error naming what it should be.
func integer(_ text: String?, _ what: String, command: String) throws -> Int {
    guard let text else { throw UsageError.missingOperand(command: command, operand: what, usage: nil) }
    guard let n = Int(text), n > 0 else {
        throw UsageError.notAPositiveNumber(command: command, what: what, text: text)
    }
    return n
}

/// Seconds as `1h02m`, `4m05s` or `12s`.
func shortDuration(_ seconds: Double?) -> String {
    guard let seconds, seconds.isFinite, seconds >= 0 else { return "-" }
    let s = Int(seconds.rounded())
    if s >= 3600 { return "\(s / 3600)h\(String(format: "%02d", (s % 3600) / 60))m" }
    if s >= 60 { return "\(s / 60)m\(String(format: "%02d", s % 60))s" }
    return "\(s)s"
}

/// A status as a table cell: symbol and word, so meaning survives without colour.
func statusCell(_ status: Status, allowedFailures: Bool = false) -> Cell {
    switch status {
    case .success: allowedFailures ? Cell("! warnings", .warn) : Cell("✓ success", .good)
    case .failed: Cell("✗ failed", .bad)
    case .canceled: Cell("○ canceled", .dim)
    case .skipped: Cell("○ skipped", .dim)
    default: Cell("… \(status.rawValue)", .dim)
    }
}

/// One character of a history strip (oldest to newest, left to right).
///
/// `.` passed · `!` passed with allowed failures · `x` failed · `o` canceled, skipped or
/// unfinished · `-` the pipeline had no such job · `_` no nightly pipeline that night.
func stripSymbol(_ status: Status?, warning: Bool = false) -> Character {
    switch status {
    case nil: "_"
    case .success?: warning ? "!" : "."
    case .failed?: warning ? "!" : "x"
    default: "o"
    }
}

/// At most `width` characters, with an ellipsis when cut.
func truncated(_ s: String, _ width: Int) -> String {
    // No more bytes than `width`, so no more characters: nothing to count.
    if s.utf8.count <= width { return s }
    return s.count <= width ? s : String(s.prefix(max(0, width - 1))) + "…"
}

/// `s.trimmingCharacters(in: .whitespaces)`, without a trip through Foundation for the usual line
/// (a listing trims thousands): spaces and tabs are the only ASCII characters in `.whitespaces`
/// (Unicode's `Zs` and tab), so they are trimmed as bytes, and Foundation trims only a line that
/// would then begin or end with a non-ASCII character (which may be a wider space).
func trimmedOfWhitespace(_ s: String) -> String {
    let utf8 = s.utf8
    func blank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
    var start = utf8.startIndex
    var end = utf8.endIndex
    while start < end, blank(utf8[start]) { start = utf8.index(after: start) }
    while end > start, blank(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
    guard start < end else { return "" }
    guard utf8[start] < 0x80, utf8[utf8.index(before: end)] < 0x80 else {
        return s.trimmingCharacters(in: .whitespaces)
    }
    return start == utf8.startIndex && end == utf8.endIndex ? s : String(Substring(utf8[start..<end]))
}
