//! Calendar dates and timestamps as they appear in files: `2025-01-27`,
//! RFC 3339 (`2025-01-27T09:30:00Z`), and the local times a case file
//! records (`2025-01-27T09:30`, as an HTML date-and-time field gives them).

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::Visitor;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;

/// A calendar date, written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(time::Date);

impl Date {
    /// From a `time` date, e.g. `time::macros::date!(2025 - 01 - 27)`.
    pub const fn from_time(d: time::Date) -> Date {
        Date(d)
    }

    /// A date from its parts; `None` when the day does not exist.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        let month = time::Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, month, day)
            .ok()
            .map(Date)
    }

    /// The date `days` later (earlier when negative); `None` past year 9999.
    pub fn plus_days(self, days: i64) -> Option<Date> {
        self.0
            .checked_add(time::Duration::days(days))
            .filter(|d| (1..=9999).contains(&d.year()))
            .map(Date)
    }

    /// The same day `months` calendar months later, or the month's last day
    /// when it is shorter (31 August plus six months is 28 or 29 February);
    /// `None` past year 9999.
    pub fn plus_months(self, months: u32) -> Option<Date> {
        let index = i64::from(self.0.year()) * 12 + i64::from(u8::from(self.0.month())) - 1
            + i64::from(months);
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let month = u8::try_from(index.rem_euclid(12) + 1).ok()?;
        let month = time::Month::try_from(month).ok()?;
        let day = self.0.day().min(month.length(year));
        time::Date::from_calendar_date(year, month, day)
            .ok()
            .filter(|d| (1..=9999).contains(&d.year()))
            .map(Date)
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        (later.0 - self.0).whole_days()
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// The date in words, as GOV.UK writes dates: "27 January 2025".
    pub fn long(self) -> String {
        format!("{} {} {}", self.0.day(), self.0.month(), self.0.year())
    }
}

/// Why a text is not a date.
enum NotADate {
    /// Not four, two and two digits between hyphens.
    NotWritten,
    /// Outside the years 1900 to 9999.
    OutsideYears,
    /// Written as it should be, but no day of the calendar: the 30th of
    /// February, the 13th month.
    NoDay,
}

impl Date {
    fn read(s: &str) -> Result<Date, NotADate> {
        // Exactly four, two and two digits between hyphens; the calendar
        // (which days exist) is `time`'s. (Its format-description parser
        // would do the same with 20 KB more in the app, 6.9 KB gzipped.)
        let number = |from: usize, to: usize| {
            s.get(from..to)
                .filter(|part| part.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|part| part.parse::<u16>().ok())
        };
        let hyphens = s.len() == 10 && s.get(4..5) == Some("-") && s.get(7..8) == Some("-");
        let (Some(year), Some(month), Some(day), true) =
            (number(0, 4), number(5, 7), number(8, 10), hyphens)
        else {
            return Err(NotADate::NotWritten);
        };
        if !(1900..=9999).contains(&year) {
            return Err(NotADate::OutsideYears);
        }
        let month = u8::try_from(month).map_err(|_| NotADate::NoDay)?;
        let day = u8::try_from(day).map_err(|_| NotADate::NoDay)?;
        Date::from_ymd(i32::from(year), month, day).ok_or(NotADate::NoDay)
    }
}

impl FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Date::read(s).map_err(|e| match e {
            NotADate::NotWritten => format!("{s:?} is not a date written as YYYY-MM-DD"),
            NotADate::OutsideYears => format!("{s:?} is outside the years 1900 to 9999"),
            NotADate::NoDay => {
                format!("{s:?} is written as YYYY-MM-DD but is no day of the calendar")
            }
        })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            u8::from(self.0.month()),
            self.0.day()
        )
    }
}

/// A time as a case file records it: a date and a local clock time to the
/// minute, written `YYYY-MM-DDTHH:MM`, with no time zone (every time in one
/// case is the force's local time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalTime {
    date: Date,
    /// Minutes since midnight, 0 to 1439.
    minute: u16,
}

impl LocalTime {
    pub fn new(date: Date, hour: u8, minute: u8) -> Option<LocalTime> {
        (hour < 24 && minute < 60).then(|| LocalTime {
            date,
            minute: u16::from(hour) * 60 + u16::from(minute),
        })
    }

    pub fn date(self) -> Date {
        self.date
    }

    /// Minutes from `self` to `later` (negative when `later` is earlier), as
    /// they passed: both read as the time in England and Wales, where every
    /// force this serves is, so an interval across a change of the clocks
    /// is an hour shorter in spring and an hour longer in autumn than the
    /// two times' difference on the clock.
    pub fn minutes_until(self, later: LocalTime) -> i64 {
        self.date.days_until(later.date) * 1440 + i64::from(later.minute)
            - later.summer_time()
            - i64::from(self.minute)
            + self.summer_time()
    }

    /// The minutes this time is ahead of GMT: 60 in British Summer Time,
    /// from 01:00 GMT on the last Sunday of March (the clock going from
    /// 01:00 to 02:00) to 01:00 GMT on the last Sunday of October (02:00
    /// back to 01:00), else 0. A time in the hour the clock skips in spring
    /// is read as the moment of the change, so no interval comes out
    /// negative; the hour it shows twice in autumn, as the first time.
    fn summer_time(self) -> i64 {
        let d = self.date.0;
        let weekday = d.weekday().number_days_from_sunday();
        let sunday = weekday == 0;
        // On or after the month's last Sunday: the Sunday on or before the
        // day falls in the last seven days of a 31-day month.
        let after = i32::from(d.day()) - i32::from(weekday) >= 25;
        let summer = match u8::from(d.month()) {
            4..=9 => true,
            3 if after && sunday && (60..120).contains(&self.minute) => {
                return i64::from(self.minute) - 60;
            }
            3 => after && (!sunday || self.minute >= 120),
            10 => !after || (sunday && self.minute < 120),
            _ => false,
        };
        i64::from(summer) * 60
    }

    /// "27 January 2025 at 09:30".
    pub fn long(self) -> String {
        format!(
            "{} at {:02}:{:02}",
            self.date.long(),
            self.minute / 60,
            self.minute % 60
        )
    }
}

impl FromStr for LocalTime {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid = || format!("{s:?} is not a date and time written as YYYY-MM-DDTHH:MM");
        // A browser's date-and-time field may add seconds (`:00`); they are
        // dropped, as case files record minutes.
        let (date, time) = s.split_once('T').ok_or_else(invalid)?;
        let digits = |part: Option<&str>| {
            part.filter(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|p| p.parse::<u8>().ok())
        };
        let mut parts = time.split(':');
        let (Some(hour), Some(minute)) = (digits(parts.next()), digits(parts.next())) else {
            return Err(invalid());
        };
        match parts.next() {
            None => {}
            Some(seconds)
                if digits(Some(seconds)).is_some_and(|n| n < 60) && parts.next().is_none() => {}
            Some(_) => return Err(invalid()),
        }
        // Written as it should be: what is wrong is the date, or the time.
        let date = Date::read(date).map_err(|e| match e {
            NotADate::NotWritten => invalid(),
            NotADate::OutsideYears => format!("{s:?} is outside the years 1900 to 9999"),
            NotADate::NoDay => {
                format!(
                    "{s:?} is written as YYYY-MM-DDTHH:MM but its date is no day of the calendar"
                )
            }
        })?;
        LocalTime::new(date, hour, minute)
            .ok_or_else(|| format!("{s:?} is not a time of day (hours 00 to 23, minutes 00 to 59)"))
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}T{:02}:{:02}",
            self.date,
            self.minute / 60,
            self.minute % 60
        )
    }
}

impl Serialize for LocalTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LocalTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(Parsed(PhantomData))
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for LocalTime {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "LocalTime".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$",
            "description": "A local date and time to the minute, YYYY-MM-DDTHH:MM, as the case file records it."
        })
    }
}

/// A span of minutes in words: "45 minutes", "5 hours", "2 days 3 hours".
pub fn minutes_in_words(minutes: i64) -> String {
    let plural = |n: i64, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    let m = minutes.unsigned_abs() as i64;
    let (days, hours, mins) = (m / 1440, m % 1440 / 60, m % 60);
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(plural(days, "day"));
    }
    if hours > 0 {
        parts.push(plural(hours, "hour"));
    }
    // Minutes are kept beside days: 72 hours 30 minutes is over a three-day
    // limit, and must not read as "3 days".
    if mins > 0 {
        parts.push(plural(mins, "minute"));
    }
    if parts.is_empty() {
        parts.push("0 minutes".into());
    }
    parts.join(" ")
}

/// Reads a value from text by its `FromStr`, refusing the text as it is
/// read, so a reader that tracks where it is (serde_json) places the
/// problem on the text itself.
struct Parsed<T>(PhantomData<T>);

impl<T: FromStr<Err: fmt::Display>> Visitor<'_> for Parsed<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<T, E> {
        s.parse().map_err(E::custom)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(Parsed(PhantomData))
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "description": "A calendar date, YYYY-MM-DD."
        })
    }
}

/// A moment in time, written in RFC 3339 (`2025-01-27T09:30:00Z`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(time::OffsetDateTime);

impl Timestamp {
    /// 1970-01-01T00:00:00Z.
    pub const EPOCH: Timestamp = Timestamp(time::OffsetDateTime::UNIX_EPOCH);

    /// From milliseconds since 1970-01-01 UTC (what a browser's clock gives).
    pub fn from_unix_millis(ms: i64) -> Option<Timestamp> {
        time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
            .ok()
            .map(Timestamp)
    }

    pub fn unix_millis(self) -> i64 {
        i64::try_from(self.0.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
    }

    /// The calendar date in UTC (a time read is always within the years 0
    /// to 9999 there; one made otherwise, its own date).
    pub fn date(self) -> Date {
        Date(
            self.0
                .checked_to_offset(time::UtcOffset::UTC)
                .map_or(self.0.date(), |t| t.date()),
        )
    }
}

impl FromStr for Timestamp {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = time::OffsetDateTime::parse(s, &Rfc3339).map_err(|_| {
            format!("{s:?} is not a time written as RFC 3339, e.g. 2025-01-27T09:30:00Z")
        })?;
        // Its offset can take it a day past the years written (a minute to
        // midnight on 9999-12-31, at -23:59), where no date can be shown.
        match t.checked_to_offset(time::UtcOffset::UTC) {
            Some(utc) if (0..=9999).contains(&utc.year()) => Ok(Timestamp(t)),
            _ => Err(format!("{s:?} falls outside the years 0 to 9999 in UTC")),
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.format(&Rfc3339) {
            Ok(s) => f.write_str(&s),
            Err(_) => Err(fmt::Error),
        }
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(Parsed(PhantomData))
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for Timestamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timestamp".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date-time",
            "description": "A moment in time, RFC 3339."
        })
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn months_later_keep_the_day_or_take_the_last_of_a_shorter_month() {
        assert_eq!(d("2018-07-01").plus_months(6), Some(d("2019-01-01")));
        assert_eq!(d("2018-07-01").plus_months(3), Some(d("2018-10-01")));
        assert_eq!(d("2025-08-31").plus_months(6), Some(d("2026-02-28")));
        assert_eq!(d("2023-08-31").plus_months(6), Some(d("2024-02-29")));
        assert_eq!(d("2025-01-15").plus_months(0), Some(d("2025-01-15")));
        assert_eq!(d("9999-10-01").plus_months(6), None);
    }

    #[test]
    fn lengths_of_time_read_in_words_to_the_minute() {
        assert_eq!(minutes_in_words(0), "0 minutes");
        assert_eq!(minutes_in_words(61), "1 hour 1 minute");
        assert_eq!(minutes_in_words(2700), "1 day 21 hours");
        // Half an hour over three days is over a three-day limit.
        assert_eq!(minutes_in_words(72 * 60 + 30), "3 days 30 minutes");
        assert_eq!(minutes_in_words(-150), "2 hours 30 minutes");
    }

    #[test]
    fn dates_round_trip_and_refuse_impossible_days() {
        let d: Date = "2024-02-29".parse().unwrap();
        assert_eq!(d.to_string(), "2024-02-29");
        assert!("2023-02-29".parse::<Date>().is_err());
        assert!("2024-2-9".parse::<Date>().is_err());
        assert!("29/02/2024".parse::<Date>().is_err());
        assert!("0024-02-01".parse::<Date>().is_err());
    }

    #[test]
    fn only_four_two_and_two_ascii_digits_between_hyphens_are_a_date() {
        // Written right, but no day: said so, not "not written as".
        for s in ["2024-13-01", "2024-00-10", "2024-01-32", "2025-02-29"] {
            let err = s.parse::<Date>().unwrap_err();
            assert_eq!(
                err,
                format!("{s:?} is written as YYYY-MM-DD but is no day of the calendar")
            );
        }
        assert!("2024-02-29".parse::<Date>().is_ok());
        for s in [
            "+024-01-01",
            "2024-+1-01",
            "2024-01- 1",
            "2024_01_01",
            "20é-01-01",
            "2024-é-01x",
            "２０２４-01-01",
            "",
        ] {
            let err = s.parse::<Date>().unwrap_err();
            assert!(
                err.contains("is not a date written as YYYY-MM-DD"),
                "{s}: {err}"
            );
        }
        assert_eq!("1900-01-01".parse::<Date>().unwrap().year(), 1900);
        assert!("1899-12-31"
            .parse::<Date>()
            .unwrap_err()
            .contains("1900 to 9999"));
    }

    /// A date and time says which of its parts is wrong, as a date does.
    #[test]
    fn a_date_and_time_says_whether_its_date_is_no_day_or_badly_written() {
        let err = |s: &str| s.parse::<LocalTime>().unwrap_err();
        assert_eq!(
            err("2025-02-30T09:00"),
            "\"2025-02-30T09:00\" is written as YYYY-MM-DDTHH:MM but its date is no day of the calendar"
        );
        assert_eq!(
            err("1899-12-31T09:00"),
            "\"1899-12-31T09:00\" is outside the years 1900 to 9999"
        );
        assert_eq!(
            err("2025-2-3T09:00"),
            "\"2025-2-3T09:00\" is not a date and time written as YYYY-MM-DDTHH:MM"
        );
        // A time written wrongly is said first: the date's day is only
        // judged in text written as it should be.
        for s in [
            "2025-02-30T9",
            "2025-02-30Tnoon",
            "2025-02-30T09:00:99",
            "1899-01-01Tx",
        ] {
            assert_eq!(
                err(s),
                format!("{s:?} is not a date and time written as YYYY-MM-DDTHH:MM")
            );
        }
        assert_eq!(
            err("2025-02-03T24:00"),
            "\"2025-02-03T24:00\" is not a time of day (hours 00 to 23, minutes 00 to 59)"
        );
        assert_eq!(
            "2024-02-29T23:59:00"
                .parse::<LocalTime>()
                .unwrap()
                .to_string(),
            "2024-02-29T23:59"
        );
    }

    #[test]
    fn dates_read_in_words() {
        assert_eq!(Date::from_ymd(2025, 1, 7).unwrap().long(), "7 January 2025");
    }

    #[test]
    fn date_arithmetic_counts_whole_days() {
        let d = Date::from_ymd(2025, 8, 1).unwrap();
        assert_eq!(d.plus_days(56).unwrap().to_string(), "2025-09-26");
        assert_eq!(d.days_until(d.plus_days(-3).unwrap()), -3);
    }

    /// A time's offset can take it outside the years it is written in: it
    /// is taken only when its moment in UTC has a date to show.
    #[test]
    fn a_time_is_taken_only_within_the_years_0_to_9999_in_utc() {
        for (text, taken) in [
            ("9999-12-31T23:59:59+23:59", true),
            ("9999-12-31T23:59:59-23:59", false),
            ("0000-01-01T00:00:00Z", true),
            ("0000-01-01T00:00:00+00:01", false),
        ] {
            let read = text.parse::<Timestamp>();
            assert_eq!(read.is_ok(), taken, "{text}: {read:?}");
            if let Ok(t) = read {
                assert!((0..=9999).contains(&t.date().year()), "{text}");
            }
        }
    }

    #[test]
    fn timestamps_round_trip_through_rfc3339_and_millis() {
        let t: Timestamp = "2025-01-27T09:30:00Z".parse().unwrap();
        assert_eq!(t.to_string(), "2025-01-27T09:30:00Z");
        assert_eq!(Timestamp::from_unix_millis(t.unix_millis()), Some(t));
        assert_eq!(t.date().to_string(), "2025-01-27");
        assert!("yesterday".parse::<Timestamp>().is_err());
    }
}
