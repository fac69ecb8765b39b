//! Times as the shop shows them. The shop keeps China Standard Time (UTC+8, no daylight saving)
//! for every reader, so a receipt, a mail and the order page always name the same minute.

use super::account::Date;

/// A time as the shop shows it: China Standard Time (UTC+8), "2026-11-22 12:30".
pub fn shop_time(unix_seconds: i64) -> String {
    let local = unix_seconds + 8 * 3600;
    let date = Date::from_unix(local);
    let seconds_of_day = local.rem_euclid(86_400);
    format!(
        "{date} {:02}:{:02}",
        seconds_of_day / 3600,
        (seconds_of_day % 3600) / 60
    )
}

/// The day as the shop shows it (UTC+8): "2026-12-31".
pub fn shop_date(unix_seconds: i64) -> String {
    Date::from_unix(unix_seconds + 8 * 3600).to_string()
}

/// The shop's offset from UTC, in seconds.
const SHOP_OFFSET: i64 = 8 * 3600;

/// A minute typed as shop time (a `datetime-local` input's "2026-12-01T09:00", or with a space
/// for the T) as unix seconds; None when it is not a real date and time.
pub fn parse_shop_time(text: &str) -> Option<i64> {
    let text = text.trim();
    let (date, time) = text.split_once(['T', ' '])?;
    let days = Date::parse(date)?.to_days();
    let (hours, minutes) = time.split_once(':')?;
    let (hours, minutes) = (hours.parse::<i64>().ok()?, minutes.parse::<i64>().ok()?);
    if !(0..24).contains(&hours) || !(0..60).contains(&minutes) {
        return None;
    }
    Some(days * 86_400 + hours * 3600 + minutes * 60 - SHOP_OFFSET)
}

/// Unix seconds as a `datetime-local` input's value in shop time: "2026-12-01T09:00".
pub fn shop_time_input(unix_seconds: i64) -> String {
    shop_time(unix_seconds).replacen(' ', "T", 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_shop_times_read_back_as_typed() {
        let at = parse_shop_time("2026-11-22T12:30").unwrap();
        assert_eq!(at, 1_795_321_800);
        assert_eq!(shop_time_input(at), "2026-11-22T12:30");
        assert_eq!(parse_shop_time("2026-11-22 12:30"), Some(at));
        for bad in [
            "",
            "2026-11-22",
            "2026-02-30T10:00",
            "2026-11-22T24:00",
            "12:30",
        ] {
            assert_eq!(parse_shop_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn shop_time_is_china_standard_time() {
        // 2026-11-22 04:30 UTC is 12:30 in Shanghai.
        assert_eq!(shop_time(1_795_321_800), "2026-11-22 12:30");
        assert_eq!(shop_time(0), "1970-01-01 08:00");
        assert_eq!(shop_date(1_795_321_800), "2026-11-22");
    }
}
