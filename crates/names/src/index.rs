//! An in-memory index of many names for fast candidate search.
//!
//! Each name's tokens are reduced to *blocking keys*: the folded spelling, the consonant
//! skeleton with its one-deletion (skeletons of three or more consonants) and two-deletion
//! (six or more) neighbours, the Korean romanisation key (so `Jong`, `Chong`, `Jeong` and `정`
//! share one), and the same spellings and keys of adjacent tokens written together
//! (`Jong Un` / `Jongun`). These keys are built to cover every way [`compare`](crate::compare)
//! can match two tokens (a typo match allows exactly as many consonant edits as the deletion
//! keys cover), so a token pair that shares no key does not match.
//!
//! A search looks up the query's keys. Prefix filtering: taking the query tokens from the
//! rarest up, it finds the smallest set that a candidate must meet to possibly reach
//! `min_score`, and only those tokens' lists generate candidates; the other lists then only
//! mark the candidates found. From which query tokens a candidate shares keys with, and how
//! much weight the candidate has, an upper bound on its score is computed; only candidates
//! whose bound reaches `min_score` are scored. The result equals scoring every listed name
//! (tested against brute force).

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::compare::{concat_dedup, score_query, Params, Query, Scratch};
use crate::prepare::{PreparedName, Token};
use crate::text::TokenClass;
use crate::{korean, prepare, NameKind, NameMatch};

/// A hit: which list name matched the query, and how well.
#[derive(Clone, Debug)]
pub struct IndexHit {
    /// The caller's id given to [`NameIndexBuilder::add`].
    pub id: u32,
    /// Which of the id's names matched: 0 for the first added with this id, 1 for the next…
    pub name_pos: u16,
    /// Position of the name in the index (in the order names were added).
    pub entry: u32,
    /// The indexed name as added.
    pub name: String,
    /// The score, as [`compare`](crate::compare) gives it.
    pub score: f32,
    /// The score with its explanation.
    pub name_match: NameMatch,
}

/// Collects names for a [`NameIndex`].
#[derive(Default)]
pub struct NameIndexBuilder {
    entries: Vec<(u32, String, NameKind)>,
}

impl NameIndexBuilder {
    /// Adds one name of the entity `id` (call again with the same id for aliases).
    pub fn add(&mut self, id: u32, name: &str, kind: NameKind) -> &mut Self {
        self.entries.push((id, name.to_string(), kind));
        self
    }

    /// Number of names added so far.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no name was added.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Prepares every name and builds the inverted index.
    pub fn build(self) -> NameIndex {
        let mut next_pos: HashMap<u32, u16> = HashMap::new();
        let mut ids = Vec::with_capacity(self.entries.len());
        let mut pos = Vec::with_capacity(self.entries.len());
        for (id, _, _) in &self.entries {
            let p = next_pos.entry(*id).or_insert(0);
            ids.push(*id);
            pos.push(*p);
            *p = p.saturating_add(1);
        }
        // Preparing names and deriving their keys is independent per name: spread it over
        // the available cores.
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        let chunk = self.entries.len().div_ceil(threads).max(1);
        let parts: Vec<Prepared> = std::thread::scope(|scope| {
            let handles: Vec<_> = self
                .entries
                .chunks(chunk)
                .enumerate()
                .map(|(c, entries)| scope.spawn(move || prepare_chunk(entries, c * chunk)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("index build thread"))
                .collect()
        });
        let mut names = Vec::with_capacity(self.entries.len());
        let mut totals = Vec::with_capacity(self.entries.len());
        let mut by_shard: Vec<Vec<(u64, u32)>> = vec![Vec::new(); SHARDS];
        for part in parts {
            names.extend(part.names);
            totals.extend(part.totals);
            for (s, pairs) in part.pairs.into_iter().enumerate() {
                if by_shard[s].is_empty() {
                    by_shard[s] = pairs;
                } else {
                    by_shard[s].extend(pairs);
                }
            }
        }
        let mut slots: Vec<Option<Vec<(u64, u32)>>> = by_shard.into_iter().map(Some).collect();
        let mut shards: Vec<Shard> = (0..SHARDS).map(|_| Shard::default()).collect();
        std::thread::scope(|scope| {
            let mut work: Vec<Vec<ShardWork>> = vec![Vec::new(); threads];
            for (s, slot) in slots.iter_mut().enumerate() {
                if let Some(pairs) = slot.take() {
                    work[s % threads].push((s, pairs));
                }
            }
            let handles: Vec<_> = work
                .into_iter()
                .map(|items| {
                    scope.spawn(move || {
                        items
                            .into_iter()
                            .map(|(s, pairs)| (s, build_shard(pairs)))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            for h in handles {
                for (s, shard) in h.join().expect("index build thread") {
                    shards[s] = shard;
                }
            }
        });
        let kinds = names.iter().map(|n| n.kind).collect();
        NameIndex {
            names,
            ids,
            pos,
            totals,
            kinds,
            shards,
            params: Params::default(),
        }
    }
}

/// Names prepared by one build thread, with their keys.
struct Prepared {
    names: Vec<PreparedName>,
    totals: Vec<f32>,
    /// (key, entry) pairs, split by shard.
    pairs: Vec<Vec<(u64, u32)>>,
}

/// The posting lists are split by the key's top bits, so they can be sorted and built on
/// several cores.
const SHARD_BITS: u32 = 4;
const SHARDS: usize = 1 << SHARD_BITS;

#[inline]
fn shard_of(key: u64) -> usize {
    (key >> (64 - SHARD_BITS)) as usize
}

/// A shard's number and its (key, entry) pairs, to build on one thread.
type ShardWork = (usize, Vec<(u64, u32)>);

/// One shard of the inverted index: key → (start, length) in `list`.
#[derive(Default)]
struct Shard {
    map: HashMap<u64, (u32, u32), BuildHasherDefault<IdHasher>>,
    list: Vec<u32>,
}

fn build_shard(mut pairs: Vec<(u64, u32)>) -> Shard {
    pairs.sort_unstable();
    let mut shard = Shard {
        map: HashMap::with_capacity_and_hasher(pairs.len() / 2, Default::default()),
        list: Vec::with_capacity(pairs.len()),
    };
    let mut i = 0;
    while i < pairs.len() {
        let key = pairs[i].0;
        let start = shard.list.len() as u32;
        while i < pairs.len() && pairs[i].0 == key {
            shard.list.push(pairs[i].1);
            i += 1;
        }
        shard
            .map
            .insert(key, (start, shard.list.len() as u32 - start));
    }
    shard
}

fn prepare_chunk(entries: &[(u32, String, NameKind)], first: usize) -> Prepared {
    let mut out = Prepared {
        names: Vec::with_capacity(entries.len()),
        totals: Vec::with_capacity(entries.len()),
        pairs: (0..SHARDS)
            .map(|_| Vec::with_capacity(entries.len() * 32 / SHARDS))
            .collect(),
    };
    let mut keys = Vec::new();
    let mut kor = Vec::new();
    for (k, (_, name, kind)) in entries.iter().enumerate() {
        let name = prepare(name, *kind);
        keys.clear();
        let mut total = f32::INFINITY;
        let org = name.kind != NameKind::Person;
        for reading in name.readings() {
            name_keys(reading, Side::Index, org, &mut kor, &mut |k, _| {
                keys.push(k)
            });
            total = total.min(distinct_weight(reading));
        }
        keys.sort_unstable();
        keys.dedup();
        let e = (first + k) as u32;
        for &key in &keys {
            out.pairs[shard_of(key)].push((key, e));
        }
        out.totals.push(if total.is_finite() { total } else { 0.0 });
        out.names.push(name);
    }
    out
}

/// In-memory index of many names, each tagged with a caller id, for fast candidate search.
pub struct NameIndex {
    names: Vec<PreparedName>,
    ids: Vec<u32>,
    pos: Vec<u16>,
    /// Least total token weight over each name's readings (duplicates counted once).
    totals: Vec<f32>,
    kinds: Vec<NameKind>,
    shards: Vec<Shard>,
    params: Params,
}

/// Counters of the work searches on this thread did (for benchmarks and tuning).
#[derive(Clone, Copy, Debug, Default)]
#[doc(hidden)]
pub struct SearchStats {
    /// Query readings searched.
    pub readings: u64,
    /// Posting-list entries visited.
    pub postings: u64,
    /// Distinct names met in the lists of the rarest query tokens.
    pub candidates: u64,
    /// Names fully scored (the rest were ruled out by the bound).
    pub scored: u64,
}

/// This thread's search counters since it started (or since the last reset).
#[doc(hidden)]
pub fn search_stats(reset: bool) -> SearchStats {
    STATS.with(|s| {
        let v = s.get();
        if reset {
            s.set(SearchStats::default());
        }
        v
    })
}

/// Reusable per-thread search state.
#[derive(Default)]
struct SearchScratch {
    stamp: Vec<u32>,
    mask: Vec<u32>,
    scored: Vec<u32>,
    generation: u32,
    candidates: Vec<u32>,
    /// The query's keys present in the index: (token bits, shard, posting start, length).
    keys: Vec<(u32, u32, u32, u32)>,
    kor: Vec<u32>,
    results: Vec<(f32, u32)>,
    scratch: Scratch,
}

thread_local! {
    static STATS: std::cell::Cell<SearchStats> = std::cell::Cell::new(SearchStats::default());
    static SCRATCH: RefCell<SearchScratch> = RefCell::new(SearchScratch::default());
}

impl NameIndex {
    /// Starts a builder.
    pub fn builder() -> NameIndexBuilder {
        NameIndexBuilder::default()
    }

    /// Number of names in the index.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether the index holds no names.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Number of distinct blocking keys (for diagnostics).
    pub fn key_count(&self) -> usize {
        self.shards.iter().map(|s| s.map.len()).sum()
    }

    /// The prepared name of a hit.
    pub fn prepared(&self, hit: &IndexHit) -> Option<&PreparedName> {
        self.names.get(hit.entry as usize)
    }

    /// Overrides the scoring parameters (evaluation only).
    #[doc(hidden)]
    pub fn set_params(&mut self, params: Params) {
        self.params = params;
    }

    /// The best `limit` names scoring at least `min_score` against `query`, best first (ties
    /// in the order names were added).
    ///
    /// The result is the same as comparing the query with every indexed name; see the module
    /// documentation for how most names are ruled out without a comparison.
    pub fn search(&self, query: &PreparedName, limit: usize, min_score: f32) -> Vec<IndexHit> {
        if limit == 0 || query.is_empty() || self.names.is_empty() {
            return Vec::new();
        }
        SCRATCH.with(|cell| {
            let mut guard = cell.borrow_mut();
            self.search_in(&mut guard, query, limit, min_score)
        })
    }

    /// Scores `query` against every indexed name (the reference `search` must equal).
    #[doc(hidden)]
    pub fn search_brute_force(
        &self,
        query: &PreparedName,
        limit: usize,
        min_score: f32,
    ) -> Vec<IndexHit> {
        let q = Query::new(query);
        let mut scratch = Scratch::default();
        let mut results: Vec<(f32, u32)> = Vec::new();
        for (e, name) in self.names.iter().enumerate() {
            let m = score_query(&q, name, &self.params, &mut scratch, false);
            if m.score >= min_score && m.score > 0.0 {
                results.push((m.score, e as u32));
            }
        }
        self.finish(&q, &mut results, limit, &mut scratch)
    }

    fn finish(
        &self,
        q: &Query,
        results: &mut Vec<(f32, u32)>,
        limit: usize,
        scratch: &mut Scratch,
    ) -> Vec<IndexHit> {
        results.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        results.truncate(limit);
        results
            .iter()
            .map(|&(_, e)| {
                let e = e as usize;
                let m = score_query(q, &self.names[e], &self.params, scratch, true);
                IndexHit {
                    id: self.ids[e],
                    name_pos: self.pos[e],
                    entry: e as u32,
                    name: self.names[e].original.clone(),
                    score: m.score,
                    name_match: m,
                }
            })
            .collect()
    }

    fn search_in(
        &self,
        st: &mut SearchScratch,
        query: &PreparedName,
        limit: usize,
        min_score: f32,
    ) -> Vec<IndexHit> {
        let n = self.names.len();
        if st.stamp.len() != n {
            st.stamp = vec![0; n];
            st.mask = vec![0; n];
            st.scored = vec![0; n];
            st.generation = 0;
        }
        let q = Query::new(query);
        st.results.clear();
        let scored_gen = next_generation(st);
        let lam_q = self.params.extra_query.min(self.params.conflict);
        let lam_c = self.params.extra_candidate.min(self.params.conflict);
        let mut stats = STATS.with(|s| s.get());
        for reading in query.readings() {
            let reading = &reading[..reading.len().min(24)];
            let gen = next_generation(st);
            stats.readings += 1;
            st.keys.clear();
            {
                let keys = &mut st.keys;
                let shards = &self.shards;
                let org = query.kind != NameKind::Person;
                name_keys(reading, Side::Query, org, &mut st.kor, &mut |k, bits| {
                    let s = shard_of(k);
                    if let Some(&(start, len)) = shards[s].map.get(&k) {
                        keys.push((bits, s as u32, start, len));
                    }
                });
            }
            // Per query token: its weight as a hit and as a miss, and whether it can match
            // without sharing a key (low-information classes are not indexed; in two
            // organisation names a short token may be an acronym).
            let mut token_hit = [0.0f32; 24];
            let mut token_miss = [0.0f32; 24];
            let mut live: u32 = 0;
            let mut unkeyed: u32 = 0;
            let orgs = query.kind != NameKind::Person;
            for (i, t) in reading.iter().enumerate() {
                if t.weight == 0.0 {
                    continue;
                }
                live |= 1 << i;
                token_hit[i] = (t.weight + 1.0) / 2.0;
                token_miss[i] = t.weight;
                // A short hyphened word may be a mistyped particle (`xal-Assad`); a repeated
                // word costs nothing when its twin is matched.
                if !indexed(t)
                    || (t.hyphen_after && t.text.len() <= 4 && t.kor.is_empty())
                    || reading[..i].iter().any(|o| o.text == t.text)
                {
                    unkeyed |= 1 << i;
                }
            }
            // Prefix filtering: the rarest tokens a candidate must meet.
            let mut volume = [0u64; 24];
            for &(bits, _, _, len) in &st.keys {
                if bits & !JOIN_BIT & live != 0 && (bits & !JOIN_BIT).count_ones() == 1 {
                    volume[(bits & !JOIN_BIT).trailing_zeros() as usize] += u64::from(len);
                }
            }
            let mut order: [u8; 24] = [0; 24];
            let mut n_order = 0;
            for i in 0..reading.len() {
                if live & !unkeyed & (1 << i) != 0 {
                    order[n_order] = i as u8;
                    n_order += 1;
                }
            }
            order[..n_order].sort_by_key(|&i| volume[i as usize]);
            let all_hit: f32 = (0..reading.len()).map(|i| token_hit[i]).sum();
            let cap = self.params.uninformative_cap;
            let mut rare: u32 = 0;
            let mut sufficient = false;
            let (mut missed_hit, mut missed_weight) = (0.0f32, 0.0f32);
            for (k, &i) in order[..n_order].iter().enumerate() {
                let i = i as usize;
                rare |= 1 << i;
                missed_hit += token_hit[i];
                missed_weight += token_miss[i];
                let h = all_hit - missed_hit;
                let mut bound = if h > 0.0 {
                    h / (h + lam_q * missed_weight)
                } else {
                    0.0
                };
                if k + 1 == n_order {
                    // Missing every identity-bearing token leaves an uninformative match.
                    bound = bound.min(cap);
                }
                if bound + 1e-4 < min_score {
                    sufficient = true;
                    break;
                }
            }
            if !sufficient {
                // So low a `min_score` that a name sharing no key can reach it: score all.
                st.candidates.clear();
                st.candidates.extend(0..n as u32);
                for e in 0..n {
                    st.stamp[e] = gen;
                    st.mask[e] = 0;
                }
                rare = 0;
            }
            if sufficient {
                st.candidates.clear();
            }
            for &(bits, shard, start, len) in &st.keys {
                if bits & rare == 0 || !sufficient {
                    continue;
                }
                stats.postings += u64::from(len);
                let list = &self.shards[shard as usize].list;
                for &e in &list[start as usize..(start + len) as usize] {
                    let e = e as usize;
                    if st.stamp[e] != gen {
                        st.stamp[e] = gen;
                        st.mask[e] = 0;
                        st.candidates.push(e as u32);
                    }
                    st.mask[e] |= bits;
                }
            }
            stats.candidates += st.candidates.len() as u64;
            if st.candidates.is_empty() {
                continue;
            }
            // The other tokens' lists only mark candidates already found.
            for &(bits, shard, start, len) in &st.keys {
                if bits & rare != 0 {
                    continue;
                }
                stats.postings += u64::from(len);
                let list = &self.shards[shard as usize].list;
                for &e in &list[start as usize..(start + len) as usize] {
                    let e = e as usize;
                    if st.stamp[e] == gen {
                        st.mask[e] |= bits;
                    }
                }
            }
            // Upper bound on each candidate's score: query tokens it shares no key with are
            // unmatched, pairs are perfect,
            // and its weight not used by the matched tokens costs the cheapest extra rate.
            for k in 0..st.candidates.len() {
                let e = st.candidates[k] as usize;
                if st.scored[e] == scored_gen {
                    continue;
                }
                let mask = st.mask[e];
                let hit_bits = (mask | unkeyed) & live;
                let (mut hit, mut miss) = (0.0f32, 0.0f32);
                let mut b = live;
                while b != 0 {
                    let i = b.trailing_zeros() as usize;
                    b &= b - 1;
                    if hit_bits & (1 << i) != 0 {
                        hit += token_hit[i];
                    } else {
                        miss += token_miss[i];
                    }
                }
                let uses = hit_bits.count_ones() as f32;
                let per_hit = if orgs && self.kinds[e] != NameKind::Person {
                    6.0
                } else if mask & JOIN_BIT != 0 {
                    3.0
                } else {
                    1.0
                };
                let unmatched_c = (self.totals[e] - per_hit * uses).max(0.0);
                let mut bound = hit / (hit + lam_q * miss + lam_c * unmatched_c);
                if mask & !unkeyed & live == 0 {
                    bound = bound.min(cap);
                }
                if bound + 1e-4 < min_score {
                    continue;
                }
                st.scored[e] = scored_gen;
                stats.scored += 1;
                let m = score_query(&q, &self.names[e], &self.params, &mut st.scratch, false);
                if m.score >= min_score && m.score > 0.0 {
                    st.results.push((m.score, e as u32));
                }
            }
        }
        STATS.with(|s| s.set(stats));
        let mut results = std::mem::take(&mut st.results);
        let hits = self.finish(&q, &mut results, limit, &mut st.scratch);
        st.results = results;
        hits
    }
}

fn next_generation(st: &mut SearchScratch) -> u32 {
    st.generation = st.generation.wrapping_add(1);
    if st.generation == 0 {
        st.stamp.iter_mut().for_each(|x| *x = 0);
        st.scored.iter_mut().for_each(|x| *x = 0);
        st.generation = 1;
    }
    st.generation
}

/// Whether a token produces blocking keys (identity-bearing classes only).
fn indexed(t: &Token) -> bool {
    matches!(
        t.class,
        TokenClass::Name | TokenClass::Patronymic | TokenClass::Number
    )
}

const TAG_FOLD: u64 = 0x9e37_79b9_7f4a_7c15;
const TAG_SKEL: u64 = 0xc2b2_ae3d_27d4_eb4f;
const TAG_KOREAN: u64 = 0x1656_67b1_9e37_79f9;
const TAG_FOLD1: u64 = 0xd6e8_feb8_6659_fd93;
const TAG_TEXT: u64 = 0x5851_f42d_4c95_7f2d;
const TAG_INITIAL: u64 = 0x2545_f491_4f6c_dd1d;
const TAG_ORIG: u64 = 0x9fb2_1c65_1e98_df25;
const TAG_JOIN_TEXT: u64 = 0x1405_7b7e_f767_814f;
/// Short tokens of organisation names, and the initials of their runs of tokens.
const TAG_ACRONYM: u64 = 0xa076_1d64_78bd_642f;
const TAG_INITIALS: u64 = 0xe703_7ed1_a0b4_28db;
/// Keys of adjacent list-name tokens written together live apart, so a query token that
/// meets one is known to (possibly) use several candidate tokens.
const TAG_JOIN: u64 = 0x27d4_eb2f_1656_67c5;
const TAG_JOIN_SKEL: u64 = 0x94d0_49bb_1331_11eb;
const TAG_KOREAN_JOIN: u64 = 0x85eb_ca77_c2b2_ae63;
/// Set in a hit mask when a query token met a joined pair or triple of list-name tokens.
const JOIN_BIT: u32 = 1 << 31;

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Index,
    Query,
}

fn hash_parts(tag: u64, parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ tag;
    for p in parts {
        for &b in *p {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// Total weight of a reading's tokens, each distinct spelling counted once.
fn distinct_weight(tokens: &[Token]) -> f32 {
    let tokens = &tokens[..tokens.len().min(24)];
    let mut total = 0.0;
    for (i, t) in tokens.iter().enumerate() {
        if !tokens[..i].iter().any(|o| o.text == t.text) {
            total += t.weight;
        }
    }
    total
}

/// Calls `emit(key, token bits)` for every blocking key of a reading's tokens.
///
/// Single tokens give their folded spelling, consonant skeleton with its deletion
/// neighbours, and Korean keys. Runs of two or three tokens give the folded concatenation,
/// its skeleton and Korean key: on the index side in the join spaces, on the query side in
/// the single spaces (and the query's single tokens also look in the join spaces).
fn name_keys(
    tokens: &[Token],
    side: Side,
    org: bool,
    kor: &mut Vec<u32>,
    emit: &mut dyn FnMut(u64, u32),
) {
    let tokens = &tokens[..tokens.len().min(24)];
    let mut kkeys = Vec::new();
    if org {
        acronym_keys(tokens, side, emit);
    }
    for (i, t) in tokens.iter().enumerate() {
        // A list name's initial meets any query token starting with its letter.
        if t.class == TokenClass::Initial {
            if side == Side::Index {
                emit(hash_parts(TAG_INITIAL, &[t.text.as_bytes()]), 1 << i);
            }
            continue;
        }
        if !indexed(t) {
            continue;
        }
        let bit = 1u32 << i;
        if side == Side::Query {
            if let Some(first) = t.text.chars().next() {
                let mut buf = [0u8; 4];
                emit(
                    hash_parts(TAG_INITIAL, &[first.encode_utf8(&mut buf).as_bytes()]),
                    bit,
                );
            }
        }
        let f = t.fold.as_bytes();
        let s = t.skel.as_bytes();
        emit(hash_parts(TAG_FOLD, &[f]), bit);
        // Hangul or Han words of four characters or more: one character may slip.
        if t.orig.chars().count() >= 4 {
            let o = t.orig.as_bytes();
            for (at, ch) in t.orig.char_indices() {
                let end = at + ch.len_utf8();
                emit(hash_parts(TAG_ORIG, &[&o[..at], &o[end..]]), bit);
            }
            emit(hash_parts(TAG_ORIG, &[o]), bit);
        }
        match side {
            Side::Index => emit(hash_parts(TAG_TEXT, &[t.text.as_bytes()]), bit),
            Side::Query => emit(
                hash_parts(TAG_JOIN_TEXT, &[t.text.as_bytes()]),
                bit | JOIN_BIT,
            ),
        }
        if side == Side::Query {
            emit(hash_parts(TAG_JOIN, &[f]), bit | JOIN_BIT);
            if f.len() >= 5 {
                emit(hash_parts(TAG_JOIN_SKEL, &[s]), bit | JOIN_BIT);
            }
        }
        if f.len() >= 4 {
            emit(hash_parts(TAG_SKEL, &[s]), bit);
            if s.len() >= 4 {
                for a in 0..s.len() {
                    emit(hash_parts(TAG_SKEL, &[&s[..a], &s[a + 1..]]), bit);
                }
            }
            // Short skeletons allow one edit in all: the spelling and its one-deletion
            // neighbours. (A skeleton may be one shorter than its consonants: `vukik` → `vk`.)
            if s.len() <= 3 {
                emit(hash_parts(TAG_FOLD1, &[f]), bit);
                if s.len() >= 2 {
                    for a in 0..f.len() {
                        emit(hash_parts(TAG_FOLD1, &[&f[..a], &f[a + 1..]]), bit);
                    }
                }
            }
            if s.len() >= 8 {
                for a in 0..s.len() {
                    for b in a + 1..s.len() {
                        emit(
                            hash_parts(TAG_SKEL, &[&s[..a], &s[a + 1..b], &s[b + 1..]]),
                            bit,
                        );
                    }
                }
            }
        }
        if !t.kor.is_empty() {
            kkeys.clear();
            korean::keys(&t.kor, &mut kkeys);
            for &k in &kkeys {
                emit(k ^ TAG_KOREAN, bit);
                if side == Side::Query {
                    emit(k ^ TAG_KOREAN_JOIN, bit | JOIN_BIT);
                }
            }
        }
    }
    // Adjacent tokens written together. The query's also look for the list's (a word
    // boundary in another place).
    let (tag_text, tag_fold, tag_skel, tag_korean) = match side {
        Side::Index => (TAG_JOIN_TEXT, TAG_JOIN, TAG_JOIN_SKEL, TAG_KOREAN_JOIN),
        Side::Query => (TAG_TEXT, TAG_FOLD, TAG_SKEL, TAG_KOREAN),
    };
    let mut buf = [0u8; 96];
    for k in 2..=3usize {
        for i in 0..tokens.len().saturating_sub(k - 1) {
            let run = &tokens[i..i + k];
            if run.iter().any(|t| t.weight == 0.0) {
                continue;
            }
            let bits = ((1u32 << k) - 1) << i;
            let shifted = side == Side::Query && k == 2;
            let mut parts: [&[u8]; 3] = [&[]; 3];
            for (n, t) in run.iter().enumerate() {
                parts[n] = t.text.as_bytes();
            }
            emit(hash_parts(tag_text, &parts[..k]), bits);
            if shifted {
                emit(hash_parts(TAG_JOIN_TEXT, &parts[..k]), bits | JOIN_BIT);
            }
            for (n, t) in run.iter().enumerate() {
                parts[n] = t.fold.as_bytes();
            }
            let mut joined_len = 0;
            if let Some(n) = concat_dedup(&parts[..k], &mut buf) {
                emit(hash_parts(tag_fold, &[&buf[..n]]), bits);
                if shifted {
                    emit(hash_parts(TAG_JOIN, &[&buf[..n]]), bits | JOIN_BIT);
                }
                joined_len = n;
            }
            // Vowel-only differences across a join are matched in words of six letters or
            // more (the joined side may be one shorter after collapsing a doubled letter).
            if joined_len >= 5 {
                for (n, t) in run.iter().enumerate() {
                    parts[n] = t.skel.as_bytes();
                }
                if let Some(n) = concat_dedup(&parts[..k], &mut buf) {
                    emit(hash_parts(tag_skel, &[&buf[..n]]), bits);
                }
            }
            if run.iter().all(|t| !t.kor.is_empty()) {
                kor.clear();
                for t in run {
                    kor.extend_from_slice(&t.kor);
                }
                kkeys.clear();
                korean::keys(kor, &mut kkeys);
                for &key in &kkeys {
                    emit(key ^ tag_korean, bits);
                    if shifted {
                        emit(key ^ TAG_KOREAN_JOIN, bits | JOIN_BIT);
                    }
                }
            }
        }
    }
}

/// Organisation names: a short token against the initials of the name's first tokens
/// (`PLA` / `People's Liberation Army`) or of two or three tokens anywhere (`IT` /
/// `Information Technology`), in both directions.
fn acronym_keys(tokens: &[Token], side: Side, emit: &mut dyn FnMut(u64, u32)) {
    let (tag_token, tag_span) = match side {
        Side::Index => (TAG_ACRONYM, TAG_INITIALS),
        Side::Query => (TAG_INITIALS, TAG_ACRONYM),
    };
    for (i, t) in tokens.iter().enumerate() {
        let b = t.text.as_bytes();
        if t.class == TokenClass::Name
            && (2..=4).contains(&b.len())
            && b.iter().all(|c| c.is_ascii_lowercase())
        {
            emit(hash_parts(tag_token, &[b]), (1 << i) | JOIN_BIT);
        }
    }
    for i in 0..tokens.len() {
        let longest = if i == 0 { 6 } else { 3 };
        for k in 2..=longest.min(tokens.len() - i) {
            let span = &tokens[i..i + k];
            if span
                .iter()
                .any(|t| t.class == TokenClass::Title || t.text.is_empty())
            {
                continue;
            }
            let bits = (((1u32 << k) - 1) << i) | JOIN_BIT;
            for skip_particles in [false, true] {
                if skip_particles && i > 0 {
                    continue;
                }
                let mut letters = [0u8; 6];
                let mut n = 0;
                for t in span {
                    if !(skip_particles && t.class == TokenClass::Particle) {
                        letters[n] = t.text.as_bytes()[0];
                        n += 1;
                    }
                }
                if (2..=4).contains(&n) {
                    emit(hash_parts(tag_span, &[&letters[..n]]), bits);
                }
            }
        }
    }
}

/// A `Hasher` for keys that are already hashes.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
