//! Parcels in pure Rust: the steps a carrier reports, the sandbox carrier's timetable, tracking
//! numbers, and when a delivered order completes by itself.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TrackingCode {
    PickedUp,
    InTransit,
    OutForDelivery,
    Delivered,
}

impl TrackingCode {
    pub const ALL: [TrackingCode; 4] = [
        TrackingCode::PickedUp,
        TrackingCode::InTransit,
        TrackingCode::OutForDelivery,
        TrackingCode::Delivered,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TrackingCode::PickedUp => "picked_up",
            TrackingCode::InTransit => "in_transit",
            TrackingCode::OutForDelivery => "out_for_delivery",
            TrackingCode::Delivered => "delivered",
        }
    }

    pub fn parse(value: &str) -> Option<TrackingCode> {
        TrackingCode::ALL.into_iter().find(|c| c.as_str() == value)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackingEvent {
    pub code: TrackingCode,
    pub location: String,
    pub happened_at: i64,
}

/// The sandbox carrier moves a parcel one step every `step_seconds` after pick-up, through these
/// places, like a real carrier's feed does over days.
pub fn sandbox_events(
    shipped_at: i64,
    now: i64,
    step_seconds: i64,
    destination: &str,
) -> Vec<TrackingEvent> {
    let places = ["Shenzhen hub", "Sorting centre", destination, destination];
    TrackingCode::ALL
        .into_iter()
        .zip(places)
        .enumerate()
        .map(|(step, (code, place))| TrackingEvent {
            code,
            location: place.to_string(),
            happened_at: shipped_at + step as i64 * step_seconds.max(1),
        })
        .take_while(|event| event.happened_at <= now)
        .collect()
}

/// A carrier's tracking number: 6–30 letters, digits or dashes.
pub fn parse_tracking_no(raw: &str) -> Option<String> {
    let value = raw.trim().to_ascii_uppercase();
    ((6..=30).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    .then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sandbox_parcel_moves_one_step_at_a_time() {
        let shipped = 1_000;
        assert_eq!(sandbox_events(shipped, 999, 60, "Taipei").len(), 0);
        assert_eq!(sandbox_events(shipped, 1_000, 60, "Taipei").len(), 1);
        assert_eq!(sandbox_events(shipped, 1_119, 60, "Taipei").len(), 2);
        let all = sandbox_events(shipped, 10_000, 60, "Taipei");
        assert_eq!(
            all.iter().map(|e| e.code).collect::<Vec<_>>(),
            TrackingCode::ALL.to_vec()
        );
        assert_eq!(all.last().map(|e| e.happened_at), Some(1_180));
        assert_eq!(all[3].location, "Taipei");
    }

    #[test]
    fn tracking_numbers() {
        assert_eq!(parse_tracking_no(" sf1234567 "), Some("SF1234567".into()));
        assert_eq!(parse_tracking_no("12345"), None);
        assert_eq!(parse_tracking_no("SF 1234567"), None);
        assert_eq!(parse_tracking_no(&"9".repeat(31)), None);
    }
}
