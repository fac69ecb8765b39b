//! Carriers (server only). Shipping talks to a carrier only through this trait; the built-in
//! sandbox carrier reports a parcel's steps over time like a real carrier's tracking feed.

use crate::db::order::lifecycle::Parcel;
use crate::db::unix_now;
use crate::domain::shipping::{sandbox_events, TrackingEvent};
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CarrierError {
    #[error("the carrier does not know this tracking number")]
    UnknownParcel,
    #[error("the carrier could not be reached: {0}")]
    Unavailable(String),
}

#[async_trait::async_trait]
pub trait Carrier: Send + Sync {
    /// Stored on the order ("sandbox").
    fn code(&self) -> &'static str;
    /// What shoppers and operators read.
    fn name(&self) -> &'static str;
    /// Everything the carrier has reported about the parcel so far, oldest first.
    async fn track(&self, parcel: &Parcel) -> Result<Vec<TrackingEvent>, CarrierError>;
}

/// The carriers the shop ships with, as server functions and jobs find them.
#[derive(Clone)]
pub struct Carriers(pub Vec<Arc<dyn Carrier>>);

impl Carriers {
    pub fn find(&self, code: &str) -> Option<&Arc<dyn Carrier>> {
        self.0.iter().find(|c| c.code() == code)
    }
}

/// Moves each parcel one step every `step_seconds` after it was shipped.
pub struct SandboxCarrier {
    pub step_seconds: i64,
}

#[async_trait::async_trait]
impl Carrier for SandboxCarrier {
    fn code(&self) -> &'static str {
        "sandbox"
    }

    fn name(&self) -> &'static str {
        "Sandbox Express"
    }

    async fn track(&self, parcel: &Parcel) -> Result<Vec<TrackingEvent>, CarrierError> {
        Ok(sandbox_events(
            parcel.shipped_at,
            unix_now(),
            self.step_seconds,
            &parcel.city,
        ))
    }
}
