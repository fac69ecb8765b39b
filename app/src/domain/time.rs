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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shop_time_is_china_standard_time() {
        // 2026-11-22 04:30 UTC is 12:30 in Shanghai.
        assert_eq!(shop_time(1_795_321_800), "2026-11-22 12:30");
        assert_eq!(shop_time(0), "1970-01-01 08:00");
    }
}
