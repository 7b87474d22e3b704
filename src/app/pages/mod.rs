//! One module per route.

mod about;
mod home;
mod not_found;

pub use about::About;
pub use home::Home;
pub use not_found::NotFound;

/// The product's name, as shown in the header and the browser tab.
pub const PRODUCT_NAME: &str = "Child protection self-assessment";
