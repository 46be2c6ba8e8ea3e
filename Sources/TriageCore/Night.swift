import Foundation

/// Nights: the unit of a nightly CI. A night is named by the local date of its evening
/// (`YYYY-MM-DD`) in the nightly's time zone: anything created from noon of that date to
/// noon of the next belongs to it, so a pipeline scheduled at 00:00 on the 29th is the
/// night of the 28th, and the morning after, "last night" is the 28th.
public struct NightCalendar: Sendable, Hashable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The night a moment belongs to.
    public func night(of date: Date) -> String {
        format(date.addingTimeInterval(-12 * 3600))
    }

    /// The night that ended on the morning of `now`'s local date.
    public func lastNight(now: Date) -> String {
        let cal = calendar
        let startOfToday = cal.startOfDay(for: now)
        let yesterday = cal.date(byAdding: .day, value: -1, to: startOfToday) ?? startOfToday
        return format(yesterday.addingTimeInterval(12 * 3600))
    }

    /// The `count` nights up to and including `last`, oldest first.
    public func nights(endingAt last: String, count: Int) -> [String] {
        guard let end = noon(of: last), count > 0 else { return [] }
        let cal = calendar
        return (0..<count).reversed().compactMap { back in
            cal.date(byAdding: .day, value: -back, to: end).map(format)
        }
    }

    /// The moment a night begins (noon of its date, local time).
    public func start(of night: String) -> Date? { noon(of: night) }

    private func noon(of night: String) -> Date? {
        let parts = night.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var components = DateComponents()
        components.year = parts[0]
        components.month = parts[1]
        components.day = parts[2]
        components.hour = 12
        return calendar.date(from: components)
    }

    private func format(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}
