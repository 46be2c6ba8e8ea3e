import Basics
import Testing

@Suite struct CivilDateTests {
    /// Days since 1970-01-01 ↔ date, with the weekday (0 = Sunday).
    @Test(arguments: [
        (0, 1970, 1, 1, 4), (-1, 1969, 12, 31, 3), (19_782, 2024, 2, 29, 4), (-135_080, 1600, 3, 1, 3),
        (20_786, 2026, 11, 29, 0),
    ])
    func convertsBothWays(days: Int, year: Int, month: Int, day: Int, weekday: Int) {
        let date = CivilDate(year: year, month: month, day: day)
        #expect(CivilDate(days: days) == date)
        #expect(date.daysSinceEpoch == days)
        #expect(date.weekday == weekday)
    }

    @Test func roundTripsEveryDayOfFourCenturies() {
        let wrong = (-150_000...150_000).filter { CivilDate(days: $0).daysSinceEpoch != $0 }
        #expect(wrong.isEmpty)
        #expect(
            CivilDate(year: 2026, month: 2, day: 28).adding(days: 1)
                == CivilDate(year: 2026, month: 3, day: 1))
        // Not validated: February 31st counts as March 3rd.
        #expect(
            CivilDate(year: 2026, month: 2, day: 31).daysSinceEpoch
                == CivilDate(year: 2026, month: 3, day: 3).daysSinceEpoch)
    }
}
