//! Pure domain logic: no Yew, no web-sys, no js-sys. Tested natively.

pub mod framework;
