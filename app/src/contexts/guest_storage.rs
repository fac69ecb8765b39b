//! A guest's favourites and recently viewed products, kept in the browser's localStorage until
//! they sign in (then merged into the account and cleared). Does nothing on the server.

use crate::domain::account::GuestState;

const FAVOURITES_KEY: &str = "jishi.favourites";
const HISTORY_KEY: &str = "jishi.history";

#[cfg(not(feature = "ssr"))]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads a JSON value kept under `key` (the default when missing, unreadable or on the server).
pub fn read_json<T: serde::de::DeserializeOwned + Default>(key: &str) -> T {
    #[cfg(not(feature = "ssr"))]
    {
        read(key)
    }
    #[cfg(feature = "ssr")]
    {
        let _ = key;
        T::default()
    }
}

pub fn write_json<T: serde::Serialize>(key: &str, value: &T) {
    #[cfg(not(feature = "ssr"))]
    write(key, value);
    #[cfg(feature = "ssr")]
    let _ = (key, value);
}

#[cfg(not(feature = "ssr"))]
fn read<T: serde::de::DeserializeOwned + Default>(key: &str) -> T {
    storage()
        .and_then(|s| s.get_item(key).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

#[cfg(not(feature = "ssr"))]
fn write<T: serde::Serialize>(key: &str, value: &T) {
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(value)) {
        let _ = storage.set_item(key, &text);
    }
}

/// A random id made in the browser (a UUID); empty on the server.
pub fn random_id() -> String {
    #[cfg(not(feature = "ssr"))]
    {
        web_sys::window()
            .and_then(|w| w.crypto().ok())
            .map(|crypto| crypto.random_uuid())
            .unwrap_or_default()
    }
    #[cfg(feature = "ssr")]
    String::new()
}

pub fn load() -> GuestState {
    #[cfg(not(feature = "ssr"))]
    {
        GuestState {
            favourites: read(FAVOURITES_KEY),
            history: read(HISTORY_KEY),
        }
    }
    #[cfg(feature = "ssr")]
    {
        let _ = (FAVOURITES_KEY, HISTORY_KEY);
        GuestState::default()
    }
}

pub fn save_favourites(ids: &[i64]) {
    #[cfg(not(feature = "ssr"))]
    write(FAVOURITES_KEY, &ids);
    #[cfg(feature = "ssr")]
    let _ = ids;
}

/// Remembers a view, newest first, without duplicates, at most `GuestState::MAX_ITEMS`.
pub fn record_view(product_id: i64) {
    #[cfg(not(feature = "ssr"))]
    {
        let mut history: Vec<(i64, i64)> = read(HISTORY_KEY);
        history.retain(|(id, _)| *id != product_id);
        let now = (js_sys_now() / 1000.0) as i64;
        history.insert(0, (product_id, now));
        history.truncate(GuestState::MAX_ITEMS);
        write(HISTORY_KEY, &history);
    }
    #[cfg(feature = "ssr")]
    let _ = product_id;
}

#[cfg(not(feature = "ssr"))]
fn js_sys_now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.time_origin() + p.now())
        .unwrap_or(0.0)
}

pub fn clear() {
    #[cfg(not(feature = "ssr"))]
    if let Some(storage) = storage() {
        let _ = storage.remove_item(FAVOURITES_KEY);
        let _ = storage.remove_item(HISTORY_KEY);
    }
}
