//! Normalisers for the identifiers people give: postal addresses, email addresses, phone
//! numbers, domains, person names, payout accounts and device identifiers.
//!
//! redflag decides that two people share an address, a phone, a mailbox or a bank account by
//! comparing keys, in SQL rules where these functions run as DataFusion UDFs and in the
//! linking engines. A key must make the different writings of one thing equal and keep
//! different things apart: `"123 Main St., Apt 4B"` and `"123 MAIN STREET #4B"` are one
//! door, `"12 N Main St"` and `"12 S Main St"` are two.
//!
//! Every function is pure: no I/O, no global state, no configuration, the same answer on
//! every machine and in every release of a given version. Functions that can fail to find an identifier in their
//! input return `None` rather than a placeholder, so a blank value never links two people.
//!
//! ```
//! use redflag_normalize::{account_key, address_key, email_key, names_match, phone_key};
//!
//! assert_eq!(
//!     address_key("123 Main St., Apt 4B, Phoenix, AZ 85001"),
//!     address_key("123 MAIN STREET #4B PHOENIX ARIZONA 85001-1234"),
//! );
//! assert_eq!(email_key("J.Smith+jobs@googlemail.com").as_deref(), Some("jsmith@gmail.com"));
//! assert_eq!(phone_key("555.201.3344", None), phone_key("+1 (555) 201-3344", None));
//! assert_eq!(account_key("de89 3704 0044 0532 0130 00").as_deref(), Some("DE89370400440532013000"));
//! assert!(names_match("Smith, John", "John Michael Smith"));
//! assert_eq!(address_key("   "), None);
//! ```
//!
//! Each module documents the exact rules and what it deliberately does not do.

pub mod account;
pub mod address;
pub mod checks;
pub mod country;
pub mod device;
pub mod domain;
pub mod email;
mod fold;
pub mod name;
pub mod phone;

pub use account::account_key;
pub use address::address_key;
pub use country::{country_code, country_name, known_code};
pub use device::device_key;
pub use domain::{domain_of, registrable_domain};
pub use email::email_key;
pub use name::{name_key, names_match};
pub use phone::phone_key;
