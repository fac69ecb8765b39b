//! The supplier pages as lazy routes, like the back office's (`admin::routes`): shoppers never
//! download them.

use leptos::prelude::*;
use leptos_router::LazyRoute;

lazy_page!(SupplierApply, super::apply::SupplierApplyPage);
lazy_page!(SupplierDashboard, super::dashboard::SupplierDashboardPage);
lazy_page!(SupplierProducts, super::products::SupplierProductsPage);
lazy_page!(
    SupplierProductEditor,
    super::product_editor::SupplierProductEditorPage
);
lazy_page!(SupplierOrders, super::orders::SupplierOrdersPage);
