import Foundation
import Testing

@testable import SimCore

/// The civil calendar, and Go's `time.Date` built on it.
@Suite("Civil calendar and Go's time.Date")
struct CivilDateTimeTests {
    // Go's src/time/time_test.go TestDate (dateTests), which Go runs with Local set to
    // America/Los_Angeles. The row "Nov 18 7:56:34 + 10⁹ns" is left out: there are no nanoseconds here.
    @Test(
        "time.Date normalises fields and resolves gaps and repeats as Go does",
        .enabled(if: ZoneFiles.exists("America/Los_Angeles"), "needs America/Los_Angeles in /usr/share/zoneinfo"),
        arguments: [
            (2011, 11, 6, 1, 0, 0, 1_320_566_400), (2011, 11, 6, 1, 59, 59, 1_320_569_999), (2011, 11, 6, 2, 0, 0, 1_320_573_600),
            (2011, 3, 13, 1, 0, 0, 1_300_006_800), (2011, 3, 13, 1, 59, 59, 1_300_010_399), (2011, 3, 13, 3, 0, 0, 1_300_010_400),
            (2011, 3, 13, 2, 30, 0, 1_300_008_600), (2012, 12, 24, 0, 0, 0, 1_356_336_000),
            // Many names for Fri Nov 18 7:56:35 PST 2011
            (2011, 11, 18, 7, 56, 35, 1_321_631_795), (2011, 11, 19, -17, 56, 35, 1_321_631_795), (2011, 11, 17, 31, 56, 35, 1_321_631_795),
            (2011, 11, 18, 6, 116, 35, 1_321_631_795), (2011, 10, 49, 7, 56, 35, 1_321_631_795), (2011, 11, 18, 7, 55, 95, 1_321_631_795),
            (2011, 12, -12, 7, 56, 35, 1_321_631_795), (2012, 1, -43, 7, 56, 35, 1_321_631_795), (2012, 1 - 2, 18, 7, 56, 35, 1_321_631_795),
            (2010, 12 + 11, 18, 7, 56, 35, 1_321_631_795), (1970, 1, 15_297, 7, 56, 35, 1_321_631_795),
            (1970, 1, -25_508, 0, 0, 0, -2_203_948_800),
        ] as [(Int, Int, Int, Int, Int, Int, Int64)])
    func goDate(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, unix: Int64) throws {
        let clock = GoWallClock(zone: try ZoneFiles.load("America/Los_Angeles"))
        #expect(clock.date(CivilDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)) == unix)
    }

    @Test(
        "east of Greenwich a skipped time moves forward and a repeated one is the second",
        .enabled(if: ZoneFiles.exists("Europe/Berlin"), "needs Europe/Berlin"))
    func goDateEast() throws {
        let clock = GoWallClock(zone: try ZoneFiles.load("Europe/Berlin"))
        // 2024-03-31 02:30 does not exist; Go gives 03:30 CEST. 2024-10-27 02:30 happens twice; Go gives the CET one.
        #expect(clock.date(CivilDateTime(year: 2024, month: 3, day: 31, hour: 2, minute: 30)) == TestTime.utc("2024-03-31T01:30:00Z"))
        #expect(clock.date(CivilDateTime(year: 2024, month: 10, day: 27, hour: 2, minute: 30)) == TestTime.utc("2024-10-27T01:30:00Z"))
    }

    /// From 1582-10-15, where Foundation's Gregorian calendar stops being Julian, to year 4160.
    @Test("days and fields agree with Foundation's Gregorian calendar")
    func agreesWithFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var day: Int64 = -141_427
        while day < 800_000 {
            let seconds = day * 86_400 + (day & 0xFFFF)
            let civil = CivilDateTime(secondsSinceEpoch: seconds)
            let parts = calendar.dateComponents(
                [.year, .month, .day, .hour, .minute, .second, .weekday], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            #expect(
                [civil.year, civil.month, civil.day, civil.hour, civil.minute, civil.second] == [
                    parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second,
                ])
            #expect(civil.weekday + 1 == parts.weekday)
            #expect(civil.secondsSinceEpoch == seconds)
            day += 9_973
        }
    }

    @Test("known dates")
    func known() {
        #expect(CivilDateTime.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilDateTime(year: 2016, month: 5, day: 19, hour: 10).secondsSinceEpoch == 1_463_652_000)
        #expect(CivilDateTime(year: 2016, month: 5, day: 19).weekday == 4)
        #expect(CivilDateTime(secondsSinceEpoch: CronSchedule.goZeroTime) == CivilDateTime(year: 1, month: 1, day: 1))
        #expect(CivilDateTime(secondsSinceEpoch: -1).description == "1969-12-31T23:59:59")
        #expect(CivilDateTime(year: 2012, month: 3, day: 11, hour: 2, minute: 30).description == "2012-03-11T02:30:00")
        #expect(CivilDateTime.isLeapYear(2000) && !CivilDateTime.isLeapYear(2100) && CivilDateTime.isLeapYear(2024))
        #expect(CivilDateTime.daysInMonth(year: 2024, month: 2) == 29 && CivilDateTime.daysInMonth(year: 2023, month: 2) == 28)
    }
}
