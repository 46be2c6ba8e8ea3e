import Foundation

/// A range of nights as the shell accepts it: `last-night`, `yesterday` (the night before
/// last), `today` (tonight), `YYYY-MM-DD`, `YYYY-MM-DD..YYYY-MM-DD`, or `Nd` (the last N nights).
public enum TimeRange: Hashable, Sendable {
    case lastNight
    case yesterday
    case today
    case night(String)
    case between(String, String)
    case lastNights(Int)

    public struct ParseError: Error, Hashable, Sendable {
        public var text: String
        public init(text: String) { self.text = text }
        public var message: String {
            "'\(text)' is not a time range (try last-night, 7d, 2026-11-28 or 2026-11-01..2026-11-28)"
        }
    }

    public static func parse(_ text: String) throws(ParseError) -> TimeRange {
        switch text {
        case "last-night", "lastnight": return .lastNight
        case "yesterday": return .yesterday
        case "today", "tonight": return .today
        default: break
        }
        if text.hasSuffix("d"), let n = Int(text.dropLast()), n > 0 { return .lastNights(n) }
        if let dots = text.range(of: "..") {
            let a = String(text[..<dots.lowerBound])
            let b = String(text[dots.upperBound...])
            guard isDate(a), isDate(b), a <= b else { throw ParseError(text: text) }
            return .between(a, b)
        }
        guard isDate(text) else { throw ParseError(text: text) }
        return .night(text)
    }

    /// The nights this range covers, oldest first.
    public func nights(calendar: NightCalendar, now: Date) -> [String] {
        let last = calendar.lastNight(now: now)
        switch self {
        case .lastNight: return [last]
        case .yesterday: return Array(calendar.nights(endingAt: last, count: 2).prefix(1))
        case .today: return [next(after: last, calendar)]
        case .night(let n): return [n]
        case .lastNights(let count): return calendar.nights(endingAt: last, count: count)
        case .between(let a, let b):
            guard let start = calendar.start(of: a), let end = calendar.start(of: b) else { return [] }
            let days = Int(((end.timeIntervalSince(start)) / 86400).rounded()) + 1
            return calendar.nights(endingAt: b, count: min(max(days, 1), 3660))
        }
    }

    private func next(after night: String, _ calendar: NightCalendar) -> String {
        guard let start = calendar.start(of: night) else { return night }
        return calendar.night(of: start.addingTimeInterval(36 * 3600))
    }

    private static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let m = Int(parts[1]), let d = Int(parts[2]), Int(parts[0]) != nil
        else { return false }
        return (1...12).contains(m) && (1...31).contains(d)
    }
}
