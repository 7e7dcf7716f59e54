//! Lookalike and impersonating domains.
//!
//! DPRK IT-worker front companies copy real software firms' websites and names (SentinelLabs,
//! S1-2024), fake prior employers get purpose-built websites (US v. Jong Song Hwa), and seized
//! front-company domains come back under new spellings. This crate answers, for any email
//! address, URL or host: is it a seized or front-company domain (an exact hit), a lookalike of
//! a real company's domain (the organisation's own, its clients', well-known IT services firms,
//! user-extendable) or of a front domain, or a free-mail or disposable-mail provider?
//!
//! Lookalikes are found in reverse: rather than generating every dnstwist variant of every
//! real domain, the candidate is normalised (NFKC, punycode decoded, registrable domain via the
//! Public Suffix List, UTS #39 confusable skeleton) and compared with the real domains that an
//! index finds for it, and [`families::compare`] names the one change that makes it:
//! addition, bitsquatting, homoglyph, hyphenation, insertion, omission, repetition,
//! replacement, subdomain, transposition, vowel swap, dictionary word or TLD swap.
//!
//! ```
//! use redflag_domains::{DomainChecker, DomainData, Family, Verdict};
//!
//! let checker = DomainChecker::new(DomainData::builtin());
//! let a = checker.check("jane@kitrurn.com").unwrap();
//! assert_eq!(a.verdict, Verdict::Lookalike);
//! assert_eq!(a.lookalikes[0].of, "kitrum.com");
//! assert_eq!(a.lookalikes[0].resemblance.family, Family::Homoglyph);
//!
//! let seized = checker.check("https://inditechlab.com/").unwrap();
//! assert_eq!(seized.verdict, Verdict::Front);
//! for line in seized.explain() {
//!     println!("{line}");
//! }
//! ```
//!
//! No network at check time: `install` (pip) is the only step that fetches. Without installed
//! data the built-in fallbacks are used (see [`data`]). Domains are evidence about
//! organisations, never about anyone's origin.

pub mod checker;
pub mod data;
mod error;
pub mod families;
pub mod install;
mod keyboard;
pub mod name;
pub mod psl;
pub mod punycode;
pub mod real;
pub mod skeleton;

pub use checker::{Assessment, DomainChecker, Front, Lookalike, Verdict};
pub use data::{default_dir, DomainData, MailKind, Manifest};
pub use error::{At, DomainError};
pub use families::{compare, Family, Resemblance};
pub use name::DomainName;
pub use psl::SuffixList;
pub use real::{read_real_domains, read_real_domains_file, RealDomain};
