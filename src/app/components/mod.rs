//! Shared pieces of the page, named for what the user sees.

mod case_type_table;
mod header;
mod page;
mod skip_link;

pub use case_type_table::CaseTypeTable;
pub use header::Header;
pub use page::Page;
pub use skip_link::SkipLink;
