//! The cart as every page sees it (the header's count, the cart page, "Add to cart"). A guest's
//! lines live in localStorage; a member's on the server. Loaded once the page is interactive.

use super::session::{use_session, SessionContext};
use crate::api::cart::{add_to_cart, get_cart, merge_guest_cart, set_cart_quantity};
use crate::domain::cart::{self, CartLine, CartView};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::task::spawn_local;

const GUEST_CART_KEY: &str = "jishi.cart";

#[derive(Clone, Copy)]
pub struct Cart {
    pub view: RwSignal<Option<CartView>>,
    pub error: RwSignal<Option<AppError>>,
    session: SessionContext,
}

fn guest_lines() -> Vec<CartLine> {
    super::guest_storage::read_json(GUEST_CART_KEY)
}

fn save_guest_lines(lines: &[CartLine]) {
    super::guest_storage::write_json(GUEST_CART_KEY, &lines);
}

impl Cart {
    pub fn count(&self) -> i64 {
        self.view.with(|v| v.as_ref().map_or(0, |v| v.count))
    }

    fn signed_in(&self) -> bool {
        self.session.signed_in().is_some()
    }

    /// The guest's lines, for checkout (members' lines are on the server).
    pub fn guest_lines(&self) -> Vec<CartLine> {
        guest_lines()
    }

    /// After a guest's order is placed its lines are bought: the cart starts empty.
    pub fn forget_guest_lines(&self) {
        save_guest_lines(&[]);
        self.refresh();
    }

    /// Asks the server for the current prices and stock of the cart.
    pub fn refresh(&self) {
        let cart = *self;
        spawn_local(async move {
            let lines = if cart.signed_in() {
                Vec::new()
            } else {
                guest_lines()
            };
            match get_cart(lines).await {
                Ok(view) => {
                    cart.view.set(Some(view));
                    cart.error.set(None);
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

    /// Sets a line's quantity; 0 removes it.
    pub fn set_quantity(&self, sku_id: i64, quantity: i64) {
        let cart = *self;
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
    };
    provide_context(cart);
    // Once it is known who is here: a member's guest lines are merged into their cart first.
    Effect::new(move |_| {
        let Some(signed_in) = session.user.get().map(|r| r.ok().flatten().is_some()) else {
            return;
        };
        let lines = guest_lines();
        if signed_in && !lines.is_empty() {
            spawn_local(async move {
                if merge_guest_cart(lines).await.is_ok() {
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
