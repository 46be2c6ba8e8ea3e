import Foundation
import Testing
import TriageCore

// swift-format-ignore: NeverForceUnwrap
// A zone of the tz database every machine with Foundation has.
let chicago = NightCalendar(timeZone: TimeZone(identifier: "America/Chicago")!)

func utc(_ text: String) -> Date {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    guard let date = f.date(from: text) ?? ISO8601DateFormatter().date(from: text) else {
        preconditionFailure("\(text) is not an ISO 8601 date")
    }
    return date
}

@Test(arguments: [
    // A nightly at 00:00 Chicago belongs to the evening before, winter (06:00Z) and summer (05:00Z).
    ("2026-11-29T06:00:12.000Z", "2026-11-28"),
    ("2026-07-15T05:00:03.000Z", "2026-07-14"),
    // DST ends 2026-11-01 02:00 local: the 00:00 nightly of Nov 1 is still at 05:00Z.
    ("2026-11-01T05:00:00.000Z", "2026-10-31"),
    ("2026-11-02T06:00:00.000Z", "2026-11-01"),
    // Noon local is where one night hands over to the next.
    ("2026-11-28T17:59:59.000Z", "2026-11-27"),
    ("2026-11-28T18:00:00.000Z", "2026-11-28"),
])
func nightOfAPipeline(created: String, night: String) {
    #expect(chicago.night(of: utc(created)) == night)
}

@Test(arguments: [
    ("2026-11-29T14:00:00Z", "2026-11-28"),  // 08:00 Chicago, the morning after
    ("2026-11-30T05:30:00Z", "2026-11-28"),  // 23:30 Chicago on the 29th: tonight's has not run
    ("2026-11-30T06:30:00Z", "2026-11-29"),  // 00:30 Chicago on the 30th
])
func lastNight(now: String, expected: String) {
    #expect(chicago.lastNight(now: utc(now)) == expected)
}

@Test func nightsEndingAtCrossMonthsAndDST() {
    #expect(
        chicago.nights(endingAt: "2026-11-02", count: 4) == [
            "2026-10-30", "2026-10-31", "2026-11-01", "2026-11-02",
        ])
    #expect(chicago.nights(endingAt: "2026-11-02", count: 0) == [])
    #expect(chicago.nights(endingAt: "not-a-date", count: 3) == [])
}

@Test func startOfNightIsLocalNoon() {
    #expect(chicago.start(of: "2026-11-28") == utc("2026-11-28T18:00:00Z"))
    #expect(chicago.start(of: "2026-07-14") == utc("2026-07-14T17:00:00Z"))
}
