//! The near-duplicate index: shingles, corpus boilerplate, LSH candidates, exact checks.

use std::collections::HashMap;

use crate::hash::{hash_bytes, shingle_hash, FnvBuild};
use crate::lsh::{band_key, choose_bands};
use crate::normalize::{for_each_sentence, NameTokens, Scratch};

/// Separates sentences in the stored token stream.
const SENTENCE: u32 = u32::MAX;

/// Tunables of a [`NearDupIndex`]; every default is justified in the crate documentation.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Words per shingle (`k`). Shingles never span two sentences; a shorter sentence is
    /// one shingle.
    pub shingle_len: usize,
    /// LSH bands.
    pub bands: usize,
    /// MinHash rows per band (`bands × rows` hash functions in all).
    pub rows: usize,
    /// A shingle in more than `max(max_df_floor, max_df_fraction × documents)` documents
    /// is boilerplate: dropped before hashing, never evidence of a shared template.
    pub max_df_fraction: f64,
    /// See `max_df_fraction`; keeps small corpora from calling every phrase boilerplate.
    pub max_df_floor: usize,
    /// Fewest distinctive shingles two documents must share to be reported (roughly
    /// "a copied sentence and a half"); documents with fewer distinctive shingles than
    /// this are too short to compare.
    pub min_shared: usize,
    /// LSH buckets with more members than this are not expanded into all pairs: each
    /// member is checked against the bucket's first member only, and the bucket is
    /// reported in [`IndexStats::capped_buckets`].
    pub max_bucket: usize,
    /// Phrases kept in [`NearDup::shared_shingles_sample`].
    pub sample_phrases: usize,
    /// Worker threads for building (0: all available cores).
    pub threads: usize,
}

impl Default for Config {
    fn default() -> Self {
        let (bands, rows) = choose_bands(256, 0.2, 0.99);
        Config {
            shingle_len: 5,
            bands,
            rows,
            max_df_fraction: 0.005,
            max_df_floor: 20,
            min_shared: 10,
            max_bucket: 64,
            sample_phrases: 5,
            threads: 0,
        }
    }
}

/// Two documents that share a template.
#[derive(Clone, Debug, PartialEq)]
pub struct NearDup {
    /// Smaller id of the pair.
    pub a: u32,
    /// Larger id of the pair.
    pub b: u32,
    /// Exact Jaccard similarity of the two documents' distinctive (non-boilerplate)
    /// shingle sets.
    pub jaccard: f64,
    /// Distinctive shingles the two share.
    pub shared: usize,
    /// Shared distinctive shingles over the smaller document's: near 1 when one résumé
    /// is contained in the other.
    pub containment: f64,
    /// The longest shared passages (normalised words), longest first: what an analyst
    /// reads to see why the two are linked.
    pub shared_shingles_sample: Vec<String>,
}

/// An LSH bucket too large to expand into all pairs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CappedBucket {
    /// Band in which the bucket formed.
    pub band: usize,
    /// Documents in the bucket.
    pub size: usize,
    /// Up to ten member ids, for inspection.
    pub sample: Vec<u32>,
}

/// What building the index did: how much was boilerplate, how many candidates, what was capped.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IndexStats {
    /// Documents added.
    pub documents: usize,
    /// Documents with fewer than `min_shared` distinctive shingles (never paired).
    pub too_short: usize,
    /// Distinct shingles in the corpus.
    pub distinct_shingles: usize,
    /// Distinct shingles dropped as boilerplate.
    pub boilerplate_shingles: usize,
    /// The document frequency above which a shingle was boilerplate.
    pub max_df: usize,
    /// Distinct candidate pairs from LSH.
    pub candidate_pairs: usize,
    /// Candidates that shared at least `min_shared` distinctive shingles.
    pub verified_pairs: usize,
    /// Buckets larger than `max_bucket` (one entry per distinct bucket membership).
    pub capped_buckets: Vec<CappedBucket>,
}

/// Collects documents for a [`NearDupIndex`].
#[derive(Debug, Default)]
pub struct NearDupIndexBuilder {
    config: Config,
    ids: Vec<u32>,
    /// Token ids of every document, sentences ended by [`SENTENCE`].
    tokens: Vec<u32>,
    starts: Vec<usize>,
    vocab: HashMap<Box<str>, u32, FnvBuild>,
    scratch: Scratch,
    words: Vec<Box<str>>,
    word_hashes: Vec<u64>,
}

impl NearDupIndexBuilder {
    /// Replaces the whole configuration.
    pub fn config(mut self, config: Config) -> Self {
        self.config = config;
        self
    }

    /// Words per shingle.
    pub fn shingle_len(mut self, k: usize) -> Self {
        self.config.shingle_len = k.max(1);
        self
    }

    /// Chooses bands and rows from `num_hashes` so that a pair at Jaccard `threshold`
    /// is a candidate with probability at least `min_recall` (see [`crate::choose_bands`]).
    pub fn design_threshold(mut self, num_hashes: usize, threshold: f64, min_recall: f64) -> Self {
        let (bands, rows) = choose_bands(num_hashes, threshold, min_recall);
        self.config.bands = bands;
        self.config.rows = rows;
        self
    }

    /// Fewest distinctive shingles a reported pair must share.
    pub fn min_shared(mut self, n: usize) -> Self {
        self.config.min_shared = n.max(1);
        self
    }

    /// Boilerplate cut-off: `max(floor, fraction × documents)`.
    pub fn max_df(mut self, fraction: f64, floor: usize) -> Self {
        self.config.max_df_fraction = fraction;
        self.config.max_df_floor = floor;
        self
    }

    /// Largest LSH bucket expanded into all pairs.
    pub fn max_bucket(mut self, n: usize) -> Self {
        self.config.max_bucket = n.max(2);
        self
    }

    /// Worker threads (0: all available cores).
    pub fn threads(mut self, n: usize) -> Self {
        self.config.threads = n;
        self
    }

    /// Adds a document. `own_names` are the person's own names (legal name, aliases),
    /// removed from the text so that a swapped name does not hide a shared template.
    pub fn add(&mut self, id: u32, text: &str, own_names: &[&str]) -> &mut Self {
        let names = NameTokens::new(own_names);
        self.ids.push(id);
        self.starts.push(self.tokens.len());
        let Self {
            tokens,
            vocab,
            words,
            word_hashes,
            scratch,
            ..
        } = self;
        for_each_sentence(text, &names, scratch, |sentence| {
            for &w in sentence {
                let t = match vocab.get(w) {
                    Some(&t) => t,
                    None => {
                        let t = words.len() as u32;
                        vocab.insert(w.into(), t);
                        words.push(w.into());
                        word_hashes.push(hash_bytes(w.as_bytes()));
                        t
                    }
                };
                tokens.push(t);
            }
            tokens.push(SENTENCE);
        });
        self
    }

    /// Number of documents added so far.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether no document was added.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Finds boilerplate, bands the documents and verifies every candidate pair.
    pub fn build(self) -> NearDupIndex {
        let NearDupIndexBuilder {
            config,
            ids,
            tokens,
            mut starts,
            words,
            word_hashes,
            vocab: _,
            scratch: _,
        } = self;
        starts.push(tokens.len());
        let n = ids.len();
        let threads = match config.threads {
            0 => std::thread::available_parallelism().map_or(1, |t| t.get()),
            t => t,
        }
        .clamp(1, 64);
        let k = config.shingle_len.max(1);

        // 1. Shingle sets (sorted, distinct) of every document.
        let doc_tokens = |d: usize| &tokens[starts[d]..starts[d + 1]];
        let all_sets: Vec<Vec<u64>> = parallel_map(n, threads, |d| {
            let mut set = Vec::new();
            shingles_of(doc_tokens(d), &word_hashes, k, |h, _, _| set.push(h));
            set.sort_unstable();
            set.dedup();
            set
        });

        // 2. Document frequencies; shingles above the cut-off are boilerplate.
        let max_df =
            ((config.max_df_fraction * n as f64).floor() as usize).max(config.max_df_floor);
        let mut every: Vec<u64> = all_sets.iter().flatten().copied().collect();
        every.sort_unstable();
        let mut boilerplate = Vec::new();
        let mut distinct = 0;
        for run in every.chunk_by(|x, y| x == y) {
            distinct += 1;
            if run.len() > max_df {
                boilerplate.push(run[0]);
            }
        }
        drop(every);
        let sets: Vec<Vec<u64>> = all_sets
            .into_iter()
            .map(|mut s| {
                if !boilerplate.is_empty() {
                    s.retain(|h| boilerplate.binary_search(h).is_err());
                }
                s.shrink_to_fit();
                s
            })
            .collect();

        // 3. LSH: documents too short to ever share `min_shared` shingles stay out.
        let eligible: Vec<u32> = (0..n as u32)
            .filter(|&d| sets[d as usize].len() >= config.min_shared)
            .collect();
        let (bands, rows) = (config.bands.max(1), config.rows.max(1));
        let band_results: Vec<(Vec<u64>, Vec<CappedBucket>)> =
            parallel_map(bands, threads, |band| {
                let mut keyed: Vec<(u64, u32)> = eligible
                    .iter()
                    .map(|&d| (band_key(&sets[d as usize], band, rows), d))
                    .collect();
                keyed.sort_unstable();
                let mut pairs = Vec::new();
                let mut capped = Vec::new();
                for run in keyed.chunk_by(|x, y| x.0 == y.0) {
                    if run.len() < 2 {
                        continue;
                    }
                    if run.len() > config.max_bucket {
                        // A star keeps one large group of copies connected in O(size).
                        for m in &run[1..] {
                            pairs.push(pack(run[0].1, m.1));
                        }
                        capped.push(CappedBucket {
                            band,
                            size: run.len(),
                            sample: run.iter().take(10).map(|m| ids[m.1 as usize]).collect(),
                        });
                        continue;
                    }
                    for (i, x) in run.iter().enumerate() {
                        for y in &run[i + 1..] {
                            pairs.push(pack(x.1, y.1));
                        }
                    }
                }
                (pairs, capped)
            });
        let mut candidates = Vec::new();
        let mut capped_buckets: Vec<CappedBucket> = Vec::new();
        for (p, c) in band_results {
            candidates.extend(p);
            capped_buckets.extend(c);
        }
        candidates.sort_unstable();
        candidates.dedup();
        capped_buckets
            .sort_by(|x, y| (x.size, &x.sample, x.band).cmp(&(y.size, &y.sample, y.band)));
        capped_buckets.dedup_by(|x, y| x.size == y.size && x.sample == y.sample);

        // 4. Exact verification.
        let chunk = candidates.len().div_ceil(threads * 4).max(1);
        let verified: Vec<Vec<Verified>> =
            parallel_map(candidates.len().div_ceil(chunk), threads, |c| {
                candidates[c * chunk..((c + 1) * chunk).min(candidates.len())]
                    .iter()
                    .filter_map(|&p| {
                        let (a, b) = unpack(p);
                        let (sa, sb) = (&sets[a as usize], &sets[b as usize]);
                        let shared = intersection(sa, sb);
                        (shared >= config.min_shared).then_some(Verified { a, b, shared })
                    })
                    .collect()
            });
        let verified: Vec<Verified> = verified.into_iter().flatten().collect();

        let stats = IndexStats {
            documents: n,
            too_short: n - eligible.len(),
            distinct_shingles: distinct,
            boilerplate_shingles: boilerplate.len(),
            max_df,
            candidate_pairs: candidates.len(),
            verified_pairs: verified.len(),
            capped_buckets,
        };
        NearDupIndex {
            config,
            ids,
            tokens,
            starts,
            words,
            word_hashes,
            sets,
            boilerplate,
            verified,
            stats,
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Verified {
    a: u32,
    b: u32,
    shared: usize,
}

/// Résumés indexed for near-duplicate search; see the crate documentation.
#[derive(Debug)]
pub struct NearDupIndex {
    config: Config,
    ids: Vec<u32>,
    tokens: Vec<u32>,
    starts: Vec<usize>,
    words: Vec<Box<str>>,
    word_hashes: Vec<u64>,
    sets: Vec<Vec<u64>>,
    boilerplate: Vec<u64>,
    verified: Vec<Verified>,
    stats: IndexStats,
}

impl NearDupIndex {
    /// Starts an index with the default [`Config`].
    pub fn builder() -> NearDupIndexBuilder {
        NearDupIndexBuilder::default()
    }

    /// The configuration the index was built with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// What building did (boilerplate, candidates, capped buckets).
    pub fn stats(&self) -> &IndexStats {
        &self.stats
    }

    /// Every pair sharing at least `min_shared` distinctive shingles with Jaccard at least
    /// `min_jaccard`, most similar first. Pairs below the LSH design threshold may be
    /// missed (see [`crate::candidate_probability`]).
    pub fn pairs(&self, min_jaccard: f64) -> Vec<NearDup> {
        let mut out: Vec<NearDup> = self
            .verified
            .iter()
            .filter_map(|v| {
                let (sa, sb) = (&self.sets[v.a as usize], &self.sets[v.b as usize]);
                let jaccard = v.shared as f64 / (sa.len() + sb.len() - v.shared) as f64;
                let (ia, ib) = (self.ids[v.a as usize], self.ids[v.b as usize]);
                (jaccard >= min_jaccard && ia != ib).then(|| NearDup {
                    a: ia.min(ib),
                    b: ia.max(ib),
                    jaccard,
                    shared: v.shared,
                    containment: v.shared as f64 / sa.len().min(sb.len()) as f64,
                    shared_shingles_sample: self.sample(v.a as usize, v.b as usize),
                })
            })
            .collect();
        out.sort_by(|x, y| {
            y.jaccard
                .total_cmp(&x.jaccard)
                .then(x.a.cmp(&y.a))
                .then(x.b.cmp(&y.b))
        });
        out
    }

    /// Jaccard similarity of two texts' distinctive shingles under this index's corpus
    /// (its boilerplate is ignored), with no names removed.
    pub fn similarity(&self, a_text: &str, b_text: &str) -> f64 {
        let k = self.config.shingle_len;
        let mut sa = shingle_set(a_text, k);
        let mut sb = shingle_set(b_text, k);
        sa.retain(|h| self.boilerplate.binary_search(h).is_err());
        sb.retain(|h| self.boilerplate.binary_search(h).is_err());
        jaccard(&sa, &sb)
    }

    /// The longest passages of document `a` made of shingles it shares with `b`.
    fn sample(&self, a: usize, b: usize) -> Vec<String> {
        let toks = &self.tokens[self.starts[a]..self.starts[a + 1]];
        let other = &self.sets[b];
        let mut covered = vec![false; toks.len()];
        shingles_of(
            toks,
            &self.word_hashes,
            self.config.shingle_len,
            |h, s, e| {
                if other.binary_search(&h).is_ok() {
                    covered[s..e].iter_mut().for_each(|c| *c = true);
                }
            },
        );
        let mut phrases: Vec<(usize, String)> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if !covered[i] || toks[i] == SENTENCE {
                i += 1;
                continue;
            }
            let start = i;
            while i < toks.len() && covered[i] && toks[i] != SENTENCE {
                i += 1;
            }
            let words: Vec<&str> = toks[start..i]
                .iter()
                .map(|&t| &*self.words[t as usize])
                .collect();
            phrases.push((i - start, words.join(" ")));
        }
        phrases.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| x.1.cmp(&y.1)));
        phrases.dedup_by(|x, y| x.1 == y.1);
        phrases
            .into_iter()
            .take(self.config.sample_phrases)
            .map(|p| p.1)
            .collect()
    }
}

/// Jaccard similarity of two texts' word-5-shingle sets after [`crate::normalize`]
/// (no corpus, so no boilerplate is removed, and no names).
pub fn similarity(a_text: &str, b_text: &str) -> f64 {
    let k = Config::default().shingle_len;
    jaccard(&shingle_set(a_text, k), &shingle_set(b_text, k))
}

fn shingle_set(text: &str, k: usize) -> Vec<u64> {
    let names = NameTokens::new(&[]);
    let mut scratch = Scratch::default();
    let mut set = Vec::new();
    let mut hashes = Vec::new();
    for_each_sentence(text, &names, &mut scratch, |sentence| {
        hashes.clear();
        hashes.extend(sentence.iter().map(|w| hash_bytes(w.as_bytes())));
        sentence_shingles(&hashes, k, |h, _, _| set.push(h));
    });
    set.sort_unstable();
    set.dedup();
    set
}

/// Calls `f(hash, start, end)` for every shingle of a token stream (token ids with
/// [`SENTENCE`] separators); `start..end` are token positions.
fn shingles_of(
    tokens: &[u32],
    word_hashes: &[u64],
    k: usize,
    mut f: impl FnMut(u64, usize, usize),
) {
    let mut hashes = Vec::new();
    let mut start = 0;
    for (i, &t) in tokens.iter().enumerate() {
        if t == SENTENCE {
            sentence_shingles(&hashes, k, |h, s, e| f(h, start + s, start + e));
            hashes.clear();
            start = i + 1;
        } else {
            hashes.push(word_hashes[t as usize]);
        }
    }
    sentence_shingles(&hashes, k, |h, s, e| f(h, start + s, start + e));
}

/// Shingles of one sentence: every window of `k` words, or the whole sentence if shorter.
fn sentence_shingles(hashes: &[u64], k: usize, mut f: impl FnMut(u64, usize, usize)) {
    if hashes.is_empty() {
        return;
    }
    if hashes.len() <= k {
        f(shingle_hash(hashes), 0, hashes.len());
        return;
    }
    for (s, w) in hashes.windows(k).enumerate() {
        f(shingle_hash(w), s, s + k);
    }
}

fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let shared = intersection(a, b);
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

fn pack(a: u32, b: u32) -> u64 {
    let (a, b) = (a.min(b), a.max(b));
    (u64::from(a) << 32) | u64::from(b)
}

fn unpack(p: u64) -> (u32, u32) {
    ((p >> 32) as u32, p as u32)
}

/// `f(0..n)` over `threads` scoped threads, results in order.
fn parallel_map<T: Send>(n: usize, threads: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    if threads <= 1 || n < 2 {
        return (0..n).map(f).collect();
    }
    let per = n.div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..n)
            .step_by(per)
            .map(|lo| s.spawn(move || (lo..(lo + per).min(n)).map(f).collect::<Vec<T>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("textsim worker panicked"))
            .collect()
    })
}
