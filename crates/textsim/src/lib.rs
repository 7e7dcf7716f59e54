//! Near-duplicate résumés and profile texts: one template behind many personas.
//!
//! DPRK IT workers reuse one résumé across personas with the name, contact details,
//! employers and dates swapped; people in the same field share vocabulary ("React,
//! TypeScript, AWS") and stock phrases but write their own sentences. This crate links
//! the first and not the second:
//!
//! 1. **Normalise** ([`normalize`]): fold Unicode and case, drop emails, web addresses,
//!    numbers and dates, and the person's own name tokens; split into sentences.
//! 2. **Shingle**: word 5-shingles inside a sentence (a sentence of five words or fewer is
//!    one shingle). Five words make a shared shingle a copied phrase rather than shared
//!    vocabulary ("typescript and aws" is three words; "delivered robust secure and
//!    scalable" is copying), while one swapped employer name breaks at most five shingles
//!    of its own sentence. Shingles never cross sentences, because a template is copied
//!    sentence by sentence while generated or ordinary résumés juxtapose common sentences
//!    in chance orders.
//! 3. **Boilerplate**: a shingle in more than `max(20, 0.5%)` of the documents is a stock
//!    phrase ("worked with cross-functional teams to…") and is dropped before hashing, so
//!    it neither links people nor fills LSH buckets. Counted in [`IndexStats`].
//! 4. **MinHash + LSH**: 256 hash functions as 128 bands of 2 rows; a pair at Jaccard
//!    `J` becomes a candidate with probability `1 − (1 − J²)¹²⁸` (≥ 0.995 from J = 0.2;
//!    see [`candidate_probability`]). No signature is stored: each band's key is
//!    computed and sorted band by band. Buckets larger than 64 are checked as a star
//!    (every member against one) instead of all pairs, and reported.
//! 5. **Verify** exactly: a pair is reported when the two share at least 10 distinctive
//!    shingles (about a copied sentence and a half) and reach the caller's Jaccard
//!    threshold. [`NearDup::shared_shingles_sample`] gives the longest shared passages.
//!
//! ```
//! use redflag_textsim::NearDupIndex;
//!
//! let template = "Highly motivated Software Engineer with 8+ years of hands-on experience in \
//!     Java, Spring Boot, AWS and microservices. Proven ability to deliver robust, secure and \
//!     scalable solutions for Fortune 500 clients. Excellent communicator and fast learner.";
//! let mut b = NearDupIndex::builder();
//! b.add(1, &format!("Samantha Bailey\nsam@example.com\n{template}\nAcme Corp (2019–2024)"), &["Samantha Bailey"]);
//! b.add(2, &format!("Charlotte Brown\n{}\nGlobex (2020–present)", template.replace('8', "9")), &["Charlotte Brown"]);
//! b.add(3, "Senior React developer. I build accessible front ends in JavaScript and \
//!     TypeScript, and I run them on AWS Lambda behind CloudFront for a retail bank.", &[]);
//! let index = b.build();
//! let pairs = index.pairs(0.3);
//! assert_eq!(pairs.len(), 1);
//! assert_eq!((pairs[0].a, pairs[0].b), (1, 2));
//! assert!(pairs[0].shared_shingles_sample.iter().any(|p| p.contains("deliver robust secure and scalable")));
//! ```

#![warn(missing_docs)]

mod hash;
mod index;
mod lsh;
mod normalize;

pub use index::{
    similarity, CappedBucket, Config, IndexStats, NearDup, NearDupIndex, NearDupIndexBuilder,
};
pub use lsh::{candidate_probability, choose_bands};
pub use normalize::normalize;
