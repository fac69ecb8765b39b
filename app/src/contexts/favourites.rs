//! The products the shopper has favourited, for every heart on the page. Signed in: the
//! account's list; guest: the browser's. At sign-in the guest's list (and history) is merged
//! into the account.

use super::guest_storage;
use super::session::{use_session, SessionContext};
use crate::api::account::favourites::{favourite_ids, merge_guest_state, set_favourite};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashSet;

#[derive(Clone, Copy)]
pub struct Favourites {
    ids: RwSignal<HashSet<i64>>,
    session: SessionContext,
}

impl Favourites {
    pub fn contains(&self, product_id: i64) -> bool {
        self.ids.with(|ids| ids.contains(&product_id))
    }

    pub fn toggle(&self, product_id: i64) {
        let on = !self.ids.with_untracked(|ids| ids.contains(&product_id));
        self.ids.update(|ids| {
            if on {
                ids.insert(product_id);
            } else {
                ids.remove(&product_id);
            }
        });
        if self.session.signed_in().is_some() {
            let ids = self.ids;
            spawn_local(async move {
                // On failure, show the truth again rather than a heart that lies.
                if set_favourite(product_id, on).await.is_err() {
                    ids.update(|ids| {
                        if on {
                            ids.remove(&product_id);
                        } else {
                            ids.insert(product_id);
                        }
                    });
                }
            });
        } else {
            let ids: Vec<i64> = self.ids.with_untracked(|ids| ids.iter().copied().collect());
            guest_storage::save_favourites(&ids);
        }
    }
}

/// Sets up favourites once the page is interactive (they are not part of the server render).
pub fn provide_favourites() {
    let session = use_session();
    let favourites = Favourites {
        ids: RwSignal::new(HashSet::new()),
        session,
    };
    provide_context(favourites);
    Effect::new(move |_| {
        if !super::hydration::hydrated() {
            return;
        }
        let Some(signed_in) = session.user.get().map(|r| r.ok().flatten().is_some()) else {
            return;
        };
        let guest = guest_storage::load();
        if !signed_in {
            favourites.ids.set(guest.favourites.into_iter().collect());
            return;
        }
        spawn_local(async move {
            let has_guest_state = !guest.favourites.is_empty() || !guest.history.is_empty();
            if has_guest_state && merge_guest_state(guest).await.is_ok() {
                guest_storage::clear();
            }
            if let Ok(ids) = favourite_ids().await {
                favourites.ids.set(ids.into_iter().collect());
            }
        });
    });
}

pub fn use_favourites() -> Favourites {
    expect_context::<Favourites>()
}
