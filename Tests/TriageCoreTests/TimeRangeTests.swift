import Foundation
import Testing
@testable import TriageCore

@Test(arguments: [
    ("last-night", TimeRange.lastNight),
    ("yesterday", .yesterday),
    ("today", .today),
    ("7d", .lastNights(7)),
    ("2026-11-28", .night("2026-11-28")),
    ("2026-11-01..2026-11-28", .between("2026-11-01", "2026-11-28")),
])
func parsesRanges(text: String, expected: TimeRange) throws {
    #expect(try TimeRange.parse(text) == expected)
}

@Test(arguments: ["", "0d", "-3d", "2026-13-01", "2026-11-28..2026-11-01", "last", "28-11-2026"])
func rejectsNonRanges(text: String) {
    #expect(throws: TimeRange.ParseError(text: text)) { try TimeRange.parse(text) }
}

@Test func rangesResolveToNights() throws {
    let now = utc("2026-11-29T14:00:00Z")
    #expect(TimeRange.lastNight.nights(calendar: chicago, now: now) == ["2026-11-28"])
    #expect(TimeRange.yesterday.nights(calendar: chicago, now: now) == ["2026-11-27"])
    #expect(TimeRange.today.nights(calendar: chicago, now: now) == ["2026-11-29"])
    #expect(
        TimeRange.lastNights(3).nights(calendar: chicago, now: now) == [
            "2026-11-26", "2026-11-27", "2026-11-28",
        ])
    #expect(
        TimeRange.between("2026-10-30", "2026-11-02").nights(calendar: chicago, now: now)
            == ["2026-10-30", "2026-10-31", "2026-11-01", "2026-11-02"])
}
