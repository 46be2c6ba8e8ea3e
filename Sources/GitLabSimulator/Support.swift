import Basics
import Foundation

/// SplitMix64 (`Basics`) is the simulator's only source of randomness, so that every value is a
/// pure function of the seed and of the keys mixed into it.
extension SplitMix64 {
    init(_ seed: UInt64) { self.init(seed: seed) }

    /// Seeds from a hash of `keys`, so independent facts never share a random stream.
    init(_ keys: UInt64...) { self.init(seed: mixKeys(keys)) }

    /// Uniform in `range` (which must not be empty).
    mutating func int(_ range: Range<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// Uniform in [0, 1).
    mutating func double() -> Double { Double(next() >> 11) / Double(1 << 53) }

    mutating func chance(_ probability: Double) -> Bool { double() < probability }

    mutating func pick<T>(_ values: [T]) -> T { values[int(0..<values.count)] }

    mutating func hex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef")
        var out = ""
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(digits[Int(next() & 15)]) }
        return out
    }
}

/// Combines keys into one 64-bit hash (order-sensitive).
func mixKeys(_ keys: [UInt64]) -> UInt64 {
    var h: UInt64 = 0x243F_6A88_85A3_08D3
    for key in keys {
        h ^= key &+ 0x9E37_79B9_7F4A_7C15 &+ (h << 6) &+ (h >> 2)
        h = (h ^ (h >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        h = (h ^ (h >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
    }
    return h
}

/// A stable 64-bit hash of a string (FNV-1a), for mixing names into seeds.
func stableHash(_ text: String) -> UInt64 { FNV1a.hash64(text.utf8) }

// MARK: - Calendar arithmetic (proleptic Gregorian, UTC), no Foundation calendars: fast and deterministic.

/// `YYYY-MM-DD` dates on `Basics`' civil-date arithmetic.
extension CivilDate {
    /// Parses `YYYY-MM-DD`; nil for anything else.
    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        self.init(year: y, month: m, day: d)
        guard CivilDate(days: daysSinceEpoch) == self else { return nil }
    }

    /// `YYYY-MM-DD` (years 1000–9999).
    var text: String { "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)" }

    /// The `n`-th (1-based) Sunday of a month.
    static func nthSunday(_ n: Int, year: Int, month: Int) -> CivilDate {
        let first = CivilDate(year: year, month: month, day: 1)
        let offset = (7 - first.weekday) % 7
        return first.adding(days: offset + 7 * (n - 1))
    }
}

/// America/Chicago's UTC offset in hours at 00:00 local time on `date` (US rules since 2007:
/// CDT from the second Sunday of March 02:00 to the first Sunday of November 02:00).
/// Midnight of the March switch day is still CST; midnight of the November switch day is still CDT.
func chicagoOffsetHoursAtMidnight(_ date: CivilDate) -> Int {
    let start = CivilDate.nthSunday(2, year: date.year, month: 3)
    let end = CivilDate.nthSunday(1, year: date.year, month: 11)
    return (date > start && date <= end) ? -5 : -6
}

/// Epoch milliseconds of 00:00 America/Chicago on `date`.
func chicagoMidnightMillis(_ date: CivilDate) -> Int64 {
    Int64(date.daysSinceEpoch) * 86_400_000 - Int64(chicagoOffsetHoursAtMidnight(date)) * 3_600_000
}

private func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

/// `2026-11-29T06:00:12.345Z` — GitLab's body timestamp format.
func isoMillis(_ ms: Int64) -> String {
    let days = Int((ms >= 0 ? ms : ms - 86_399_999) / 86_400_000)
    let rem = Int(ms - Int64(days) * 86_400_000)
    let date = CivilDate(days: days)
    let millis = rem % 1000
    let secs = rem / 1000
    let frac = millis < 10 ? "00\(millis)" : (millis < 100 ? "0\(millis)" : "\(millis)")
    return "\(date.text)T\(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60)).\(frac)Z"
}

/// `2026-01-21T09:47:05.094219Z` — the runner's per-line timestamp format (27 characters).
func isoMicros(_ us: Int64) -> String {
    let days = Int(us / 86_400_000_000)
    let rem = us - Int64(days) * 86_400_000_000
    let date = CivilDate(days: days)
    let secs = Int(rem / 1_000_000)
    let micros = String(Int(rem % 1_000_000))
    let padded = String(repeating: "0", count: 6 - micros.count) + micros
    return "\(date.text)T\(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60)).\(padded)Z"
}

/// `Tue, 05 Jan 2021 11:00:00 GMT` (IMF-fixdate).
func httpDate(epochSeconds: Int64) -> String {
    let days = Int(epochSeconds / 86_400)
    let secs = Int(epochSeconds % 86_400)
    let date = CivilDate(days: days)
    let names = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return "\(names[date.weekday]), \(two(date.day)) \(months[date.month - 1]) \(date.year) "
        + "\(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60)) GMT"
}

/// Parses the ISO-8601 forms GitLab accepts in filters (`2026-11-29`, `2026-11-29T06:00:00Z`,
/// `…T06:00:00.123Z`, `…T00:00:00-06:00`, `…+02:00`) into epoch milliseconds; nil when malformed.
func parseISO8601Millis(_ text: String) -> Int64? {
    let chars = Array(text)
    guard chars.count >= 10, let date = CivilDate(String(chars[0..<10])) else { return nil }
    var ms = Int64(date.daysSinceEpoch) * 86_400_000
    if chars.count == 10 { return ms }
    guard chars.count >= 19, chars[10] == "T" || chars[10] == " ",
        let h = Int(String(chars[11..<13])), let m = Int(String(chars[14..<16])),
        let s = Int(String(chars[17..<19]))
    else { return nil }
    ms += Int64(h * 3_600_000 + m * 60_000 + s * 1000)
    var i = 19
    if i < chars.count, chars[i] == "." {
        i += 1
        var digits = ""
        while i < chars.count, chars[i].isNumber {
            digits.append(chars[i])
            i += 1
        }
        let padded = (digits + "000").prefix(3)
        ms += Int64(padded) ?? 0
    }
    if i == chars.count { return ms }
    if chars[i] == "Z", i == chars.count - 1 { return ms }
    guard chars[i] == "+" || chars[i] == "-", chars.count - i >= 6,
        let oh = Int(String(chars[(i + 1)..<(i + 3)])), let om = Int(String(chars[(i + 4)..<(i + 6)]))
    else { return nil }
    let offset = Int64(oh * 3_600_000 + om * 60_000)
    return chars[i] == "+" ? ms - offset : ms + offset
}

/// `count` hex digits derived only from `keys` (stable identifiers such as runner tokens and UUIDs).
func stableHex(_ count: Int, _ keys: UInt64...) -> String {
    var rng = SplitMix64(mixKeys(keys))
    return rng.hex(count)
}
