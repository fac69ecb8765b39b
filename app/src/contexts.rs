//! Values shared down the component tree, each as a `provide_…` / `use_…` pair.

pub mod locale;
pub mod site;
