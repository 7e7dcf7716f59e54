//! Reads what people write to an organisation (chat, e-mail, platform messages, tickets) for
//! what the FBI's guidance on North Korean IT workers names in their messages: repeated
//! requests to be paid before the work, to be paid in cryptocurrency or into someone else's
//! account, anger when refused, and, after they are let go, threats to publish or sell code
//! and data unless paid (PSA-2023, PSA-2025, ADV-2022).
//!
//! ```
//! use redflag_messages::{classify, Category, Writer};
//!
//! let text = "Before I start, please send 50% upfront in USDT (TRC20).";
//! let found = classify(text, Writer::Person);
//! let categories: Vec<Category> = found.iter().map(|f| f.category).collect();
//! assert_eq!(categories, [Category::Prepayment, Category::CryptoPayment]);
//! // Every finding says which words triggered it, in the order of the text.
//! let words: Vec<&str> = found[0].cues.iter().map(|c| &text[c.start..c.end]).collect();
//! assert_eq!(words, ["Before I start", "50%"]);
//! ```
//!
//! A finding is always a combination of cues in one sentence (a payment word *and* a
//! before-the-work word; a cryptocurrency *and* money going to the writer; something to
//! expose *and* a condition), never a single keyword, so ordinary talk about crypto projects,
//! invoices for finished work or a release going public is left alone; a denial just before
//! a cue ("we never pay upfront") cancels it. The cue lists cover English, Korean and
//! Russian. The language a message is written in is never itself a finding.
//!
//! Beside the lists, a learned model ([`model`]: a logistic regression per category,
//! trained on first use on the labelled sets embedded from `data/`) finds what the lists
//! miss where the message has a cue of the category's kinds, and veiled hostility or
//! extortion; such a finding says so in [`Finding::learned`], with its probability and the
//! words behind it. [`classify_with`] runs the lists alone.

mod classify;
mod fold;
pub mod labelled;
mod lexicon;
mod matcher;
pub mod model;

pub use classify::{
    classify, classify_with, cue_kinds, list_context, Category, Cue, Finding, Learned, Writer,
};
pub use lexicon::CueKind;
pub use model::Models;
