//! The cart as every page sees it (the header's count, the cart page, "Add to cart"). A guest's
//! lines live in localStorage; a member's on the server. Loaded once the page is interactive.

use super::session::{use_session, SessionContext};
use crate::api::cart::{add_to_cart, get_cart, merge_guest_cart, set_cart_quantity};
use crate::domain::cart::{self, CartLine, CartView};
use crate::error::{AppError, Refusal};
use leptos::prelude::*;
use leptos::task::spawn_local;

const GUEST_CART_KEY: &str = "jishi.cart";
/// Made with a guest cart and kept beside it: the server merges one guest cart once, however
/// many tabs send it at sign-in.
const MERGE_ID_KEY: &str = "jishi.cart.merge_id";

#[derive(Clone, Copy)]
pub struct Cart {
    pub view: RwSignal<Option<CartView>>,
    pub error: RwSignal<Option<AppError>>,
    session: SessionContext,
    /// Counts refreshes. Answers can arrive out of order (a quantity change, then a removal):
    /// only the newest request's answer is shown, so an older one never brings a line back.
    generation: StoredValue<u64>,
}

/// The guest's lines as stored in this browser, repaired when someone edited them into
/// impossible quantities (true then, so the page can say so).
fn stored_guest_lines() -> (Vec<CartLine>, bool) {
    let mut lines: Vec<CartLine> = super::guest_storage::read_json(GUEST_CART_KEY);
    let repaired = cart::repair_stored(&mut lines);
    if repaired {
        save_guest_lines(&lines);
    }
    (lines, repaired)
}

fn guest_lines() -> Vec<CartLine> {
    stored_guest_lines().0
}

fn save_guest_lines(lines: &[CartLine]) {
    if lines.is_empty() {
        super::guest_storage::write_json(MERGE_ID_KEY, &"");
    } else {
        merge_id();
    }
    super::guest_storage::write_json(GUEST_CART_KEY, &lines);
}

/// This guest cart's merge id, made the first time it is needed.
fn merge_id() -> String {
    let id: String = super::guest_storage::read_json(MERGE_ID_KEY);
    if !id.is_empty() {
        return id;
    }
    let id = super::guest_storage::random_id();
    super::guest_storage::write_json(MERGE_ID_KEY, &id);
    id
}

impl Cart {
    pub fn count(&self) -> i64 {
        self.view.with(|v| v.as_ref().map_or(0, |v| v.count))
    }

    fn signed_in(&self) -> bool {
        self.session.signed_in().is_some()
    }

    /// After a guest's order is placed its lines are bought: the cart starts empty.
    pub fn forget_guest_lines(&self) {
        save_guest_lines(&[]);
        self.refresh();
    }

    /// Asks the server for the current prices and stock of the cart. A guest's lines reduced to
    /// the stock left are stored reduced, so the checkout orders what the cart showed.
    pub fn refresh(&self) {
        let cart = *self;
        let generation = {
            cart.generation.update_value(|g| *g += 1);
            cart.generation.get_value()
        };
        // A repair notice stays until the page changes; other notices end with the answer.
        let notice = AppError::Refused(Refusal::StoredCartRepaired);
        let lines = if cart.signed_in() {
            Vec::new()
        } else {
            let (lines, repaired) = stored_guest_lines();
            if repaired {
                cart.error.set(Some(notice.clone()));
            }
            lines
        };
        spawn_local(async move {
            match get_cart(lines).await {
                _ if cart.generation.get_value() != generation => {}
                Ok(view) => {
                    let reduced: Vec<_> = view
                        .items
                        .iter()
                        .filter(|i| i.reduced_from.is_some())
                        .collect();
                    if !cart.signed_in() && !reduced.is_empty() {
                        // Applied to the lines as stored now, never by writing back the lines
                        // this request was sent with.
                        let mut kept = guest_lines();
                        for item in reduced {
                            cart::set_quantity(&mut kept, item.sku_id, item.quantity);
                        }
                        save_guest_lines(&kept);
                    }
                    cart.view.set(Some(view));
                    if cart.error.with_untracked(|e| e.as_ref() != Some(&notice)) {
                        cart.error.set(None);
                    }
                }
                Err(e) => cart.error.set(Some(e)),
            }
        });
    }

    pub fn add(
        &self,
        sku_id: i64,
        quantity: i64,
        done: impl FnOnce(Result<(), AppError>) + 'static,
    ) {
        let cart = *self;
        if let Err(refused) = cart::parse_quantity(quantity) {
            done(Err(refused.into()));
            return;
        }
        if !cart.signed_in() {
            let mut lines = guest_lines();
            cart::add(&mut lines, sku_id, quantity);
            save_guest_lines(&lines);
            cart.refresh();
            done(Ok(()));
            return;
        }
        spawn_local(async move {
            let result = add_to_cart(sku_id, quantity).await;
            cart.refresh();
            done(result);
        });
    }

    /// Sets a line's quantity; 0 removes it. Anything outside 0..=99 is refused with a notice.
    pub fn set_quantity(&self, sku_id: i64, quantity: i64) {
        let cart = *self;
        if quantity != 0 {
            if let Err(refused) = cart::parse_quantity(quantity) {
                cart.error.set(Some(refused.into()));
                return;
            }
        }
        if !cart.signed_in() {
            let mut lines = guest_lines();
            cart::set_quantity(&mut lines, sku_id, quantity);
            save_guest_lines(&lines);
            cart.refresh();
            return;
        }
        spawn_local(async move {
            if let Err(e) = set_cart_quantity(sku_id, quantity).await {
                cart.error.set(Some(e));
            }
            cart.refresh();
        });
    }
}

pub fn provide_cart() {
    let session = use_session();
    let cart = Cart {
        view: RwSignal::new(None),
        error: RwSignal::new(None),
        session,
        generation: StoredValue::new(0),
    };
    provide_context(cart);
    // Once it is known who is here: a member's guest lines are merged into their cart first.
    Effect::new(move |_| {
        if !super::hydration::hydrated() {
            return;
        }
        let Some(signed_in) = session.user.get().map(|r| r.ok().flatten().is_some()) else {
            return;
        };
        // Read as stored: repairing here would hide the repair from the refresh that reports it.
        let stored: Vec<CartLine> = super::guest_storage::read_json(GUEST_CART_KEY);
        if signed_in && !stored.is_empty() {
            let lines = guest_lines();
            let id = merge_id();
            spawn_local(async move {
                // Another tab may have merged this cart already: the server then adds nothing,
                // and either way this browser's guest cart is done.
                if merge_guest_cart(id, lines).await.is_ok() {
                    save_guest_lines(&[]);
                }
                cart.refresh();
            });
        } else {
            cart.refresh();
        }
    });
}

pub fn use_cart() -> Cart {
    expect_context::<Cart>()
}
