//! Scoring two prepared names: token similarities, a best-pair alignment with joined and
//! split tokens, and one calibrated number.

use std::fmt::Write as _;

use crate::distance::Pattern;
use crate::korean;
use crate::prepare::{PreparedName, Token};
use crate::text::{self, TokenClass};
use crate::translit::Script;
use crate::NameKind;

/// How a query token was matched to a candidate token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchHow {
    /// The same normalised spelling.
    Exact,
    /// Equivalent words: two spellings of one legal form (`Ltd`/`Limited`) or particle
    /// (`bin`/`ibn`).
    Synonym,
    /// Two romanisations of the same Korean syllables (`jong`/`chong`/`정`).
    Romanisation,
    /// Transliteration variants that differ in vowels or folded letters (`Mohammed`/`Muhammad`).
    Phonetic,
    /// A spelling mistake: a few edits apart.
    Typo,
    /// An initial standing for a full name part (`J`/`Jean`).
    Initial,
    /// One side writes as one word what the other splits (`Jongun`/`Jong Un`).
    Joined,
    /// No counterpart on the other side.
    Unmatched,
}

impl MatchHow {
    fn label(self) -> &'static str {
        match self {
            MatchHow::Exact => "exact",
            MatchHow::Synonym => "synonym",
            MatchHow::Romanisation => "romanisation",
            MatchHow::Phonetic => "phonetic",
            MatchHow::Typo => "typo",
            MatchHow::Initial => "initial",
            MatchHow::Joined => "joined",
            MatchHow::Unmatched => "unmatched",
        }
    }
}

/// One line of an explanation: which query token(s) met which candidate token(s), and how.
#[derive(Clone, Debug, PartialEq)]
pub struct TokenMatch {
    /// The query token, or tokens joined with `-`/` ` when matched together; empty when the
    /// candidate token is unmatched.
    pub query: String,
    /// The candidate token(s); empty when the query token is unmatched.
    pub candidate: String,
    /// How they matched.
    pub how: MatchHow,
    /// The token similarity, 0..=1 (0 for unmatched tokens).
    pub score: f32,
}

/// A calibrated similarity with the alignment behind it.
#[derive(Clone, Debug, PartialEq)]
pub struct NameMatch {
    /// Similarity in 0..=1; see the crate documentation for the thresholds.
    pub score: f32,
    /// Matched token pairs first (in query order), then unmatched tokens.
    pub alignment: Vec<TokenMatch>,
}

impl NameMatch {
    /// A one-line human-readable account, e.g.
    /// `kim=kim (exact), jong≈chong (romanisation), un∅ (unmatched query token)`.
    pub fn explain(&self) -> String {
        let mut out = String::new();
        for (k, m) in self.alignment.iter().enumerate() {
            if k > 0 {
                out.push_str(", ");
            }
            match m.how {
                MatchHow::Unmatched if m.candidate.is_empty() => {
                    let _ = write!(out, "{}∅ (unmatched query token)", m.query);
                }
                MatchHow::Unmatched => {
                    let _ = write!(out, "∅{} (unmatched candidate token)", m.candidate);
                }
                how => {
                    let sym = if m.score >= 0.999 { '=' } else { '≈' };
                    let _ = write!(
                        out,
                        "{}{}{} ({}{})",
                        m.query,
                        sym,
                        m.candidate,
                        how.label(),
                        if m.score < 0.999 {
                            format!(" {:.2}", m.score)
                        } else {
                            String::new()
                        }
                    );
                }
            }
        }
        let _ = write!(out, " → {:.3}", self.score);
        out
    }
}

/// The knobs of the score. One set is used everywhere; they are a struct so the evaluation
/// can show how sensitive the results are.
#[derive(Clone, Copy, Debug)]
#[doc(hidden)]
pub struct Params {
    /// Least token similarity that counts as a match.
    pub floor: f32,
    /// Least similarity for a joined/split match (stricter: joins are easy to fake).
    pub join_floor: f32,
    /// Cost of an unmatched query token, per unit weight, when the candidate has none left.
    pub extra_query: f32,
    /// Cost of an unmatched candidate token, per unit weight, when the query has none left.
    pub extra_candidate: f32,
    /// Cost of a pair of unmatched tokens on both sides (a contradiction).
    pub conflict: f32,
    /// Similarity of two romanisations of the same Korean syllables.
    pub romanisation: f32,
    /// Similarity of tokens equal after the spelling fold.
    pub folded: f32,
    /// Similarity of an initial and a full token starting with it.
    pub initial: f32,
    /// Factor on a typo'd token of five letters (shorter ones are never typo-matched).
    pub short_typo: f32,
    /// Cost of a vowel-only edit relative to a consonant edit.
    pub vowel_edit: f32,
    /// Highest score a match can reach without an identity-bearing token in it.
    pub uninformative_cap: f32,
    /// Factor when one name is a person's and the other an organisation's.
    pub kind_mismatch: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            floor: 0.75,
            join_floor: 0.85,
            extra_query: 0.6,
            extra_candidate: 0.4,
            conflict: 2.0,
            romanisation: 0.95,
            folded: 0.93,
            initial: 0.9,
            short_typo: 1.0,
            vowel_edit: 0.65,
            uninformative_cap: 0.5,
            kind_mismatch: 0.9,
        }
    }
}

/// A query token with its patterns built, for many comparisons.
pub(crate) struct QTok<'a> {
    pub tok: &'a Token,
    fold: Pattern,
    skel: Pattern,
}

impl<'a> QTok<'a> {
    pub(crate) fn new(tok: &'a Token) -> QTok<'a> {
        QTok {
            tok,
            fold: Pattern::new(tok.fold.as_bytes()),
            skel: Pattern::new(tok.skel.as_bytes()),
        }
    }
}

/// All readings of a query, ready to compare.
pub(crate) struct Query<'a> {
    pub name: &'a PreparedName,
    pub readings: Vec<Vec<QTok<'a>>>,
}

impl<'a> Query<'a> {
    pub(crate) fn new(name: &'a PreparedName) -> Query<'a> {
        Query {
            name,
            readings: name
                .readings()
                .map(|r| r.iter().take(MAX_TOKENS).map(QTok::new).collect())
                .collect(),
        }
    }
}

const MAX_TOKENS: usize = 24;

#[derive(Clone, Copy, Debug)]
pub(crate) struct Edge {
    qi: u8,
    qn: u8,
    cj: u8,
    cn: u8,
    s: f32,
    how: MatchHow,
}

/// Reusable buffers for scoring.
#[derive(Default)]
pub(crate) struct Scratch {
    edges: Vec<Edge>,
    kor: Vec<u32>,
}

/// Tokens that may be fuzzily matched when written together or apart.
fn joinable(t: &Token) -> bool {
    matches!(
        t.class,
        TokenClass::Name | TokenClass::Initial | TokenClass::Particle
    )
}

fn same_script(a: &str, b: &str) -> bool {
    let first = |s: &str| s.chars().next().map(crate::translit::script_of);
    first(a) == first(b)
}

/// Similarity of two single tokens.
fn token_sim(q: &QTok, c: &Token, p: &Params) -> Option<(f32, MatchHow)> {
    let qt = q.tok;
    if qt.weight == 0.0 || c.weight == 0.0 {
        return None;
    }
    if qt.legal.is_some() || c.legal.is_some() {
        return match (qt.legal, c.legal) {
            (Some(a), Some(b)) if a == b => Some(if qt.text == c.text {
                (1.0, MatchHow::Exact)
            } else {
                (1.0, MatchHow::Synonym)
            }),
            _ => None,
        };
    }
    if !qt.orig.is_empty() && !c.orig.is_empty() && same_script(&qt.orig, &c.orig) {
        // Both written in Hangul or both in Han: compare the characters themselves, where
        // one different character is a different name (김정은/김종은, 习近平/习近朋), except
        // for the word-initial sound rule (이/리) and one slip in a long word.
        if qt.orig == c.orig {
            return Some((1.0, MatchHow::Exact));
        }
        if !qt.kor.is_empty()
            && !c.kor.is_empty()
            && qt
                .orig
                .starts_with(|ch| crate::translit::script_of(ch) == Script::Hangul)
            && korean::equivalent(&qt.kor, &c.kor)
        {
            return Some((p.romanisation, MatchHow::Romanisation));
        }
        let a: Vec<char> = qt.orig.chars().collect();
        let b: Vec<char> = c.orig.chars().collect();
        let l = a.len().max(b.len());
        if l < 4 || crate::distance::osa_distance(&a, &b) != 1 {
            return None;
        }
        let s = 1.0 - 1.0 / l as f32;
        return (s >= p.floor).then_some((s, MatchHow::Typo));
    }
    if qt.text == c.text {
        return Some((1.0, MatchHow::Exact));
    }
    let qp = qt.class == TokenClass::Particle;
    let cp = c.class == TokenClass::Particle;
    if qp || cp {
        if qp && cp {
            return (text::particle_group(&qt.text) == text::particle_group(&c.text))
                .then_some((1.0, MatchHow::Synonym));
        }
        let (particle, other) = if qp { (qt, c) } else { (c, qt) };
        return particle_typo(particle, other).then_some((p.initial - 0.1, MatchHow::Typo));
    }
    if (qt.class == TokenClass::Number) != (c.class == TokenClass::Number) {
        return None;
    }
    if qt.class == TokenClass::Number {
        return None;
    }
    if !qt.kor.is_empty() && !c.kor.is_empty() && korean::equivalent(&qt.kor, &c.kor) {
        return Some((p.romanisation, MatchHow::Romanisation));
    }
    let q_init = qt.class == TokenClass::Initial;
    let c_init = c.class == TokenClass::Initial;
    if q_init || c_init {
        if q_init && c_init {
            return None;
        }
        let (init, full) = if q_init { (qt, c) } else { (c, qt) };
        return full
            .text
            .starts_with(init.text.as_str())
            .then_some((p.initial, MatchHow::Initial));
    }
    if qt.fold == c.fold {
        return Some((p.folded, MatchHow::Phonetic));
    }
    edit_sim(q, c, p)
}

fn edit_sim(q: &QTok, c: &Token, p: &Params) -> Option<(f32, MatchHow)> {
    let lq = q.fold.len();
    let lc = c.fold.len();
    let l = lq.max(lc);
    // Short words are not typo-matched: one letter changes them into another name.
    if lq.min(lc) < 4 || l < 5 {
        return None;
    }
    let both_korean = !q.tok.kor.is_empty() && !c.kor.is_empty();
    // Every edit costs at least `vowel_edit`: skip pairs whose lengths alone rule them out.
    let min_cost = lq.abs_diff(lc) as f32 * if both_korean { 1.0 } else { p.vowel_edit };
    if 1.0 - min_cost / (l as f32) < p.floor {
        return None;
    }
    // The consonants carry a name's identity; see `consonant_edits_allowed`.
    let d_cons = q.skel.distance(c.skel.as_bytes());
    if d_cons > 2 {
        return None;
    }
    let d_all = q.fold.distance(c.fold.as_bytes());
    if !consonant_edits_allowed(d_cons, d_all, q.tok, c) {
        return None;
    }
    let d_all = d_all as f32;
    let d_cons = d_cons as f32;
    let d = if both_korean {
        // Korean syllables that are not romanisation variants differ in earnest.
        d_all
    } else {
        d_cons + p.vowel_edit * (d_all - d_cons).max(0.0)
    };
    let how = if d_cons == 0.0 && !both_korean {
        MatchHow::Phonetic
    } else {
        MatchHow::Typo
    };
    let mut s = 1.0 - d / l as f32;
    if l == 5 {
        s *= p.short_typo;
    }
    (s >= p.floor).then_some((s, how))
}

/// Whether `d_cons` consonant edits between two tokens' skeletons (and `d_all` edits between
/// their folded spellings) still allow a typo match. Skeletons of one or two consonants allow
/// none; of three, a single edit in all (`Putin`/`Pulin`, `Bessi`/`Messi`); of four to
/// seven, one consonant edit; of eight or more, two. The index's keys cover exactly these.
pub(crate) fn consonant_edits_allowed(d_cons: usize, d_all: usize, a: &Token, b: &Token) -> bool {
    match a.skel.len().max(b.skel.len()) {
        0..=2 => d_cons == 0,
        3 => d_cons == 0 || (d_cons == 1 && d_all == 1),
        4..=7 => d_cons <= 1,
        _ => d_cons <= 2,
    }
}

/// Concatenates byte strings, collapsing a letter doubled across a boundary (as the spelling
/// fold would have collapsed it inside one word). Returns the length written to `buf`.
pub(crate) fn concat_dedup(parts: &[&[u8]], buf: &mut [u8; 96]) -> Option<usize> {
    let mut n = 0;
    for part in parts {
        for &b in part.iter() {
            if n > 0 && buf[n - 1] == b {
                continue;
            }
            if n == buf.len() {
                return None;
            }
            buf[n] = b;
            n += 1;
        }
    }
    Some(n)
}

/// Similarity of several adjacent query tokens written together against one candidate token.
fn join_q_sim(q: &[QTok], c: &Token, kor: &mut Vec<u32>, p: &Params) -> Option<(f32, MatchHow)> {
    let korean = !c.kor.is_empty() && q.iter().all(|t| !t.tok.kor.is_empty());
    if !korean && !len_close(q.iter().map(|t| t.tok.fold.len()).sum(), c.fold.len()) {
        return None;
    }
    let mut parts: [&[u8]; 3] = [&[]; 3];
    for (k, t) in q.iter().enumerate() {
        parts[k] = t.tok.fold.as_bytes();
    }
    let fuzzy = joinable(c) && q.iter().all(|t| joinable(t.tok));
    join_sim(
        q.iter().map(|t| t.tok),
        &parts[..q.len()],
        c,
        None,
        fuzzy,
        kor,
        p,
    )
}

/// Similarity of one query token against several adjacent candidate tokens written apart.
fn join_c_sim(q: &QTok, c: &[Token], kor: &mut Vec<u32>, p: &Params) -> Option<(f32, MatchHow)> {
    let korean = !q.tok.kor.is_empty() && c.iter().all(|t| !t.kor.is_empty());
    if !korean && !len_close(c.iter().map(|t| t.fold.len()).sum(), q.tok.fold.len()) {
        return None;
    }
    let mut parts: [&[u8]; 3] = [&[]; 3];
    for (k, t) in c.iter().enumerate() {
        parts[k] = t.fold.as_bytes();
    }
    let fuzzy = joinable(q.tok) && c.iter().all(joinable);
    join_sim(
        c.iter(),
        &parts[..c.len()],
        q.tok,
        Some(&q.fold),
        fuzzy,
        kor,
        p,
    )
}

/// Two adjacent tokens against two, split elsewhere: equal when written together (as text,
/// after the fold, or as Korean sounds).
fn join_pair_sim(
    q: &[QTok],
    c: &[Token],
    kor: &mut Vec<u32>,
    p: &Params,
) -> Option<(f32, MatchHow)> {
    let (q0, q1, c0, c1) = (q[0].tok, q[1].tok, &c[0], &c[1]);
    if !(joinable(q0) && joinable(q1) && joinable(c0) && joinable(c1)) {
        return None;
    }
    // Only a real shift: the pairs must not already match token by token.
    if q0.text == c0.text || q1.text == c1.text {
        return None;
    }
    if q0.text.len() + q1.text.len() == c0.text.len() + c1.text.len()
        && q0
            .text
            .bytes()
            .chain(q1.text.bytes())
            .eq(c0.text.bytes().chain(c1.text.bytes()))
    {
        return Some((1.0, MatchHow::Joined));
    }
    let mut a = [0u8; 96];
    let mut b = [0u8; 96];
    if let (Some(na), Some(nb)) = (
        concat_dedup(&[q0.fold.as_bytes(), q1.fold.as_bytes()], &mut a),
        concat_dedup(&[c0.fold.as_bytes(), c1.fold.as_bytes()], &mut b),
    ) {
        if a[..na] == b[..nb] {
            return Some((p.folded, MatchHow::Joined));
        }
    }
    if [q0, q1, c0, c1].iter().all(|t| !t.kor.is_empty()) {
        kor.clear();
        kor.extend_from_slice(&q0.kor);
        kor.extend_from_slice(&q1.kor);
        let split = kor.len();
        kor.extend_from_slice(&c0.kor);
        kor.extend_from_slice(&c1.kor);
        let (x, y) = kor.split_at(split);
        if korean::equivalent(x, y) {
            return Some((p.romanisation, MatchHow::Joined));
        }
    }
    None
}

/// A mistyped prefix particle: `xal-Assad` for `al-Assad` (both hyphened to the next word,
/// one edit apart, the other word short and not Korean).
pub(crate) fn particle_typo(particle: &Token, other: &Token) -> bool {
    particle.hyphen_after
        && other.hyphen_after
        && other.class == TokenClass::Name
        && other.kor.is_empty()
        && other.text.len() <= 4
        && crate::distance::osa_parts(&[particle.text.as_bytes()], other.text.as_bytes()) == 1
}

/// Whether the texts of `many` concatenate to `whole`.
fn concat_equals<'t>(many: impl Iterator<Item = &'t Token>, whole: &str) -> bool {
    let mut rest = whole;
    for t in many {
        match rest.strip_prefix(t.text.as_str()) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    rest.is_empty()
}

/// Whether a joined spelling of `a` bytes can match one of `b` bytes.
#[inline]
fn len_close(a: usize, b: usize) -> bool {
    a.abs_diff(b) <= (a.max(b) / 5).max(1)
}

/// `many` (tokens whose folds are `parts`) written together, against `one`. Any tokens but
/// titles may concatenate exactly (`SiemensAG`); only name parts match fuzzily.
fn join_sim<'t>(
    many: impl Iterator<Item = &'t Token> + Clone,
    parts: &[&[u8]],
    one: &Token,
    one_pattern: Option<&Pattern>,
    fuzzy: bool,
    kor: &mut Vec<u32>,
    p: &Params,
) -> Option<(f32, MatchHow)> {
    if one.weight == 0.0 || many.clone().any(|t| t.weight == 0.0) {
        return None;
    }
    // Korean romanisations differ in length (`jong un` / `jeongeun`): compared by sound.
    let korean = !one.kor.is_empty() && many.clone().all(|t| !t.kor.is_empty());
    if korean && fuzzy {
        kor.clear();
        for t in many.clone() {
            kor.extend_from_slice(&t.kor);
        }
        if korean::equivalent(kor, &one.kor) {
            let exact = many.clone().map(|t| t.text.len()).sum::<usize>() == one.text.len()
                && concat_equals(many.clone(), &one.text);
            return Some((if exact { 1.0 } else { p.romanisation }, MatchHow::Joined));
        }
    }
    let joined_len: usize = parts.iter().map(|x| x.len()).sum();
    let l = joined_len.max(one.fold.len());
    if joined_len.abs_diff(one.fold.len()) > (l / 5).max(1) {
        return None;
    }
    // Joined spellings start alike.
    if parts[0].first() != one.fold.as_bytes().first() {
        return None;
    }
    // Exact when the texts concatenate to the other.
    if concat_equals(many.clone(), &one.text) {
        return Some((1.0, MatchHow::Joined));
    }
    if !fuzzy || korean {
        // Korean syllables are not typo-matched across a join.
        return None;
    }
    // Same letters after the fold, or the same consonants with vowel edits only
    // (`FridrichBuchenberg`); consonant typos across a join are not matched.
    let mut buf = [0u8; 96];
    let n = concat_dedup(parts, &mut buf)?;
    if &buf[..n] == one.fold.as_bytes() {
        return Some((p.folded, MatchHow::Joined));
    }
    if l < 6 {
        return None;
    }
    let mut skel_parts: [&[u8]; 3] = [&[]; 3];
    for (k, t) in many.clone().enumerate().take(3) {
        skel_parts[k] = t.skel.as_bytes();
    }
    let mut sbuf = [0u8; 96];
    let sn = concat_dedup(&skel_parts[..parts.len().min(3)], &mut sbuf)?;
    if &sbuf[..sn] != one.skel.as_bytes() {
        return None;
    }
    let d = match one_pattern {
        Some(pat) => pat.distance_parts(parts),
        None => crate::distance::osa_parts(parts, one.fold.as_bytes()),
    };
    let s = 1.0 - p.vowel_edit * d as f32 / l as f32;
    (s >= p.join_floor).then_some((s, MatchHow::Joined))
}

/// Whether `short` (2–4 letters) is the acronym of `span` (particles may be skipped when
/// `skip_particles_ok`).
pub(crate) fn acronym<'t>(
    short: &Token,
    span: impl Iterator<Item = &'t Token> + Clone,
    skip_particles_ok: bool,
) -> bool {
    let letters = short.text.as_bytes();
    if short.class != TokenClass::Name
        || !(2..=4).contains(&letters.len())
        || !letters.iter().all(|b| b.is_ascii_lowercase())
        || span
            .clone()
            .any(|t| t.class == TokenClass::Title || t.text.is_empty())
    {
        return false;
    }
    let firsts = |skip_particles: bool| {
        let mut k = 0;
        for t in span.clone() {
            if skip_particles && t.class == TokenClass::Particle {
                continue;
            }
            if k >= letters.len() || t.text.as_bytes()[0] != letters[k] {
                return false;
            }
            k += 1;
        }
        k == letters.len()
    };
    firsts(false) || (skip_particles_ok && firsts(true))
}

/// Scores one reading pair; fills `alignment` when asked.
pub(crate) fn score_reading(
    q: &[QTok],
    c: &[Token],
    kinds: (NameKind, NameKind),
    p: &Params,
    scratch: &mut Scratch,
    alignment: Option<&mut Vec<TokenMatch>>,
) -> f32 {
    let c = &c[..c.len().min(MAX_TOKENS)];
    let (n, m) = (q.len(), c.len());
    if n == 0 || m == 0 {
        return 0.0;
    }
    let edges = &mut scratch.edges;
    edges.clear();
    for (i, qt) in q.iter().enumerate() {
        for (j, ct) in c.iter().enumerate() {
            if let Some((s, how)) = token_sim(qt, ct, p) {
                edges.push(Edge {
                    qi: i as u8,
                    qn: 1,
                    cj: j as u8,
                    cn: 1,
                    s,
                    how,
                });
            }
        }
    }
    // Joined and split tokens: two or three adjacent tokens on one side against one.
    for k in 2..=3usize {
        for i in 0..n.saturating_sub(k - 1) {
            for (j, ct) in c.iter().enumerate() {
                if let Some((s, how)) = join_q_sim(&q[i..i + k], ct, &mut scratch.kor, p) {
                    edges.push(Edge {
                        qi: i as u8,
                        qn: k as u8,
                        cj: j as u8,
                        cn: 1,
                        s,
                        how,
                    });
                }
            }
        }
        for j in 0..m.saturating_sub(k - 1) {
            for (i, qt) in q.iter().enumerate() {
                if let Some((s, how)) = join_c_sim(qt, &c[j..j + k], &mut scratch.kor, p) {
                    edges.push(Edge {
                        qi: i as u8,
                        qn: 1,
                        cj: j as u8,
                        cn: k as u8,
                        s,
                        how,
                    });
                }
            }
        }
    }
    // A word boundary in another place (`Myongc-hin` / `Myong-chin`): two against two.
    for i in 0..n.saturating_sub(1) {
        for j in 0..m.saturating_sub(1) {
            if let Some((s, how)) = join_pair_sim(&q[i..i + 2], &c[j..j + 2], &mut scratch.kor, p) {
                edges.push(Edge {
                    qi: i as u8,
                    qn: 2,
                    cj: j as u8,
                    cn: 2,
                    s,
                    how,
                });
            }
        }
    }
    // Acronyms in organisation names: of the first words (`PLA` / `People's Liberation
    // Army`), or of two or three words anywhere (`IT` / `Information Technology`).
    if kinds.0 != NameKind::Person && kinds.1 != NameKind::Person {
        for (i, qt) in q.iter().enumerate() {
            for j in 0..m {
                let longest = if j == 0 { 6 } else { 3 };
                for k in 2..=longest.min(m - j) {
                    if acronym(qt.tok, c[j..j + k].iter(), j == 0) {
                        edges.push(Edge {
                            qi: i as u8,
                            qn: 1,
                            cj: j as u8,
                            cn: k as u8,
                            s: p.initial,
                            how: MatchHow::Initial,
                        });
                    }
                }
            }
        }
        for (j, ct) in c.iter().enumerate() {
            for i in 0..n {
                let longest = if i == 0 { 6 } else { 3 };
                for k in 2..=longest.min(n - i) {
                    if acronym(ct, q[i..i + k].iter().map(|t| t.tok), i == 0) {
                        edges.push(Edge {
                            qi: i as u8,
                            qn: k as u8,
                            cj: j as u8,
                            cn: 1,
                            s: p.initial,
                            how: MatchHow::Initial,
                        });
                    }
                }
            }
        }
    }
    edges.sort_unstable_by(|a, b| {
        b.s.total_cmp(&a.s)
            .then((b.qn + b.cn).cmp(&(a.qn + a.cn)))
            .then(a.qi.cmp(&b.qi))
            .then(a.cj.cmp(&b.cj))
    });
    let mut used_q: u32 = 0;
    let mut used_c: u32 = 0;
    let mut num = 0.0f32;
    let mut den = 0.0f32;
    let mut informative = false;
    let mut chosen: [Option<Edge>; MAX_TOKENS] = [None; MAX_TOKENS];
    let mut n_chosen = 0;
    for e in edges.iter() {
        let qm = ((1u32 << e.qn) - 1) << e.qi;
        let cm = ((1u32 << e.cn) - 1) << e.cj;
        if used_q & qm != 0 || used_c & cm != 0 {
            continue;
        }
        used_q |= qm;
        used_c |= cm;
        let qs = &q[e.qi as usize..(e.qi + e.qn) as usize];
        let cs = &c[e.cj as usize..(e.cj + e.cn) as usize];
        let wq: f32 = qs.iter().map(|t| t.tok.weight).sum();
        let wc: f32 = cs.iter().map(|t| t.weight).sum();
        let w = (wq + wc) / 2.0;
        num += e.s * w;
        den += w;
        // An initial, or a two-letter acronym (`BS` for `Brightpath Staffing`), says too little
        // to make a match on its own.
        let weak_initial = e.how == MatchHow::Initial && e.qn.max(e.cn) <= 2;
        if !weak_initial
            && qs.iter().any(|t| t.tok.class.informative())
            && cs.iter().any(|t| t.class.informative())
        {
            informative = true;
        }
        if n_chosen < MAX_TOKENS {
            chosen[n_chosen] = Some(*e);
            n_chosen += 1;
        }
    }
    // Unmatched weight on each side; a repeated token (`Sergey Sergey Shoigu`) is free.
    let mut wq = 0.0f32;
    for (i, t) in q.iter().enumerate() {
        if used_q & (1 << i) == 0
            && !q
                .iter()
                .enumerate()
                .any(|(k, o)| k != i && used_q & (1 << k) != 0 && o.tok.text == t.tok.text)
        {
            wq += t.tok.weight;
        }
    }
    let mut wc = 0.0f32;
    for (j, t) in c.iter().enumerate() {
        if used_c & (1 << j) == 0
            && !c
                .iter()
                .enumerate()
                .any(|(k, o)| k != j && used_c & (1 << k) != 0 && o.text == t.text)
        {
            wc += t.weight;
        }
    }
    let conflict = wq.min(wc);
    den += conflict * p.conflict
        + (wq - conflict) * p.extra_query
        + (wc - conflict) * p.extra_candidate;
    let mut score = if den > 0.0 { num / den } else { 0.0 };
    if !informative {
        score = score.min(p.uninformative_cap);
    }
    let mismatch = matches!(
        kinds,
        (NameKind::Person, NameKind::Organization) | (NameKind::Organization, NameKind::Person)
    );
    if mismatch {
        score *= p.kind_mismatch;
    }
    let score = score.clamp(0.0, 1.0);

    if let Some(out) = alignment {
        out.clear();
        let mut list: Vec<Edge> = chosen[..n_chosen].iter().flatten().copied().collect();
        list.sort_by_key(|e| e.qi);
        let join_text = |toks: &mut dyn Iterator<Item = &Token>| {
            let mut s = String::new();
            for (k, t) in toks.enumerate() {
                if k > 0 {
                    s.push(if t.hyphen_before { '-' } else { ' ' });
                }
                s.push_str(&t.text);
            }
            s
        };
        for e in list {
            out.push(TokenMatch {
                query: join_text(
                    &mut q[e.qi as usize..(e.qi + e.qn) as usize]
                        .iter()
                        .map(|t| t.tok),
                ),
                candidate: join_text(&mut c[e.cj as usize..(e.cj + e.cn) as usize].iter()),
                how: e.how,
                score: e.s,
            });
        }
        for (i, t) in q.iter().enumerate() {
            if used_q & (1 << i) == 0 && t.tok.weight > 0.0 {
                out.push(TokenMatch {
                    query: t.tok.text.clone(),
                    candidate: String::new(),
                    how: MatchHow::Unmatched,
                    score: 0.0,
                });
            }
        }
        for (j, t) in c.iter().enumerate() {
            if used_c & (1 << j) == 0 && t.weight > 0.0 {
                out.push(TokenMatch {
                    query: String::new(),
                    candidate: t.text.clone(),
                    how: MatchHow::Unmatched,
                    score: 0.0,
                });
            }
        }
    }
    score
}

/// Best score over the readings of both names.
pub(crate) fn score_query(
    q: &Query,
    c: &PreparedName,
    p: &Params,
    scratch: &mut Scratch,
    want_alignment: bool,
) -> NameMatch {
    let mut best = NameMatch {
        score: 0.0,
        alignment: Vec::new(),
    };
    let mut tmp = Vec::new();
    let kinds = (q.name.kind, c.kind);
    let mut first = true;
    for qr in &q.readings {
        for cr in c.readings() {
            let s = score_reading(
                qr,
                cr,
                kinds,
                p,
                scratch,
                want_alignment.then_some(&mut tmp),
            );
            if first || s > best.score {
                best.score = s;
                if want_alignment {
                    std::mem::swap(&mut best.alignment, &mut tmp);
                }
            }
            first = false;
        }
    }
    best
}

/// [`crate::compare`] with explicit parameters (for evaluation).
#[doc(hidden)]
pub fn compare_with(query: &PreparedName, candidate: &PreparedName, p: &Params) -> NameMatch {
    let q = Query::new(query);
    let mut scratch = Scratch::default();
    score_query(&q, candidate, p, &mut scratch, true)
}
