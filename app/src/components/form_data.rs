/// The fields of the form a submit event came from, as the browser's `FormData` (multipart forms
/// that carry a file); the page's own submit is stopped. None on the server, and when the event
/// did not come from a form.
pub fn submitted_form_data(ev: &leptos::ev::SubmitEvent) -> Option<web_sys::FormData> {
    ev.prevent_default();
    #[cfg(not(feature = "ssr"))]
    {
        use wasm_bindgen::JsCast;
        let form = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())?;
        web_sys::FormData::new_with_form(&form).ok()
    }
    #[cfg(feature = "ssr")]
    None
}
