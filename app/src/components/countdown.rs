use crate::domain::promotion::flash_sale::countdown;
use leptos::prelude::*;

/// The time now (Unix seconds), from `initial` (when the page's data was read, so the server and
/// the hydrating browser draw the same figures) and then from the browser's clock every second.
pub fn ticking_now(initial: i64) -> Signal<i64> {
    let now = RwSignal::new(initial);
    // Effects run in the browser only.
    Effect::new(move |_| {
        let tick = move || now.set((web_sys::js_sys::Date::now() / 1000.0) as i64);
        tick();
        if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_secs(1)) {
            on_cleanup(move || handle.clear());
        }
    });
    now.into()
}

/// "Ends in 01:02:03": `label`, then a timer (named by `label`) counting down to `target`.
#[component]
pub fn Countdown(label: &'static str, target: i64, now: Signal<i64>) -> impl IntoView {
    view! {
        <span class="countdown">
            <span class="countdown-label">{label}</span>
            " "
            <span role="timer" aria-label=label class="countdown-clock">
                {move || countdown(target - now.get())}
            </span>
        </span>
    }
}
