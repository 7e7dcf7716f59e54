//! Korean names: one phonological key for Hangul and for every romanisation of it.
//!
//! A Korean syllable can be spelled `정` (Hangul), `chŏng` or `cho'ng` (McCune–Reischauer,
//! with the UN list's ASCII stand-in for the breve), `jeong` (Revised Romanisation), `jong`
//! (DPRK practice), `jung` or `chung` (South Korean habit). Rather than a table of name
//! spellings, a romanised token is parsed into a sequence of *phonemes*, each the **set** of
//! Hangul jamo that spelling can stand for: `o` is {ㅗ, ㅓ} because DPRK and MR-without-breve
//! spellings write both as `o`, `eo` and `ŏ` are {ㅓ} only, `ch` is {ㅈ, ㅊ}, `ch'` is {ㅊ}.
//! Hangul gives singleton sets. Two tokens are *romanisation variants* when their sequences
//! have the same length and every pair of sets intersects, so
//! `jong ≈ chong ≈ jeong ≈ jung ≈ 정`, but `정 ≠ 종` (both exact) and `jong ≠ jang`.
//!
//! Syllable boundaries are ignored, so `jongun`, `jong-un` and `jong un` compare equal, and
//! the word-initial sound rule (두음법칙) is honoured: a token-initial ㄹ may be read ㄴ, and
//! ㄹ or ㄴ may drop before *i*/*y* vowels (`Ri ≈ Lee ≈ Yi ≈ I ≈ 이`, `Ryu ≈ Yu`, `Ro ≈ No`).
//! Spellings of South Korean habit are read too: silent `h` after a vowel (`Oh`, `Sohn`,
//! `Ahn`), the non-rhotic `r` of `Park`, `ee`/`oo` (`Lee`, `Moon`), `oi` (`Choi`).
//!
//! [`korean_romanisations`](crate::korean_romanisations) goes the other way: it renders one
//! reading of a name in MR, UN-style ASCII MR, RR, DPRK practice, South Korean habit and Hangul.

/// Marks a phoneme as a vowel; the low bits are then a set of vowel jamo, else consonant jamo.
pub(crate) const VOWEL: u32 = 1 << 31;
/// Marks a consonant spelled `ng`, `kh`, `th` or `ph` between vowels, which may also be two
/// sounds across a syllable boundary: `mangeon` is 망건 (man-geon) as well as 망언, `sokhwa`
/// is 석화 (sok-hwa).
const AMBIG: u32 = 1 << 30;

// Consonant jamo, in the order of Unicode's initial consonants (U+1100..).
const G: u32 = 1 << 0; // ㄱ
const KK: u32 = 1 << 1; // ㄲ
const N: u32 = 1 << 2; // ㄴ
const D: u32 = 1 << 3; // ㄷ
const TT: u32 = 1 << 4; // ㄸ
const R: u32 = 1 << 5; // ㄹ
const M: u32 = 1 << 6; // ㅁ
const B: u32 = 1 << 7; // ㅂ
const PP: u32 = 1 << 8; // ㅃ
const S: u32 = 1 << 9; // ㅅ
const SS: u32 = 1 << 10; // ㅆ
const NG: u32 = 1 << 11; // ㅇ (only ever a final here; an initial ㅇ is silent)
const J: u32 = 1 << 12; // ㅈ
const JJ: u32 = 1 << 13; // ㅉ
const CH: u32 = 1 << 14; // ㅊ
const K: u32 = 1 << 15; // ㅋ
const T: u32 = 1 << 16; // ㅌ
const P: u32 = 1 << 17; // ㅍ
const H: u32 = 1 << 18; // ㅎ

/// Consonants that can close a syllable (by sound).
const FINAL: u32 = G | N | D | R | M | B | NG;

// Vowel jamo, in the order of Unicode's medials (U+1161..).
const A: u32 = 1 << 0;
const AE: u32 = 1 << 1;
const YA: u32 = 1 << 2;
const YAE: u32 = 1 << 3;
const EO: u32 = 1 << 4;
const E: u32 = 1 << 5;
const YEO: u32 = 1 << 6;
const YE: u32 = 1 << 7;
const O: u32 = 1 << 8;
const WA: u32 = 1 << 9;
const WAE: u32 = 1 << 10;
const OE: u32 = 1 << 11;
const YO: u32 = 1 << 12;
const U: u32 = 1 << 13;
const WO: u32 = 1 << 14;
const WE: u32 = 1 << 15;
const WI: u32 = 1 << 16;
const YU: u32 = 1 << 17;
const EU: u32 = 1 << 18;
const UI: u32 = 1 << 19;
const I: u32 = 1 << 20;

/// Vowels before which a word-initial ㄹ or ㄴ falls silent.
const IY: u32 = YA | YAE | YEO | YE | YO | YU | I;

/// Latin consonant spellings, longest first.
const LATIN_CONSONANTS: &[(&str, u32)] = &[
    ("tch", JJ),
    ("ch'", CH),
    ("chh", CH),
    ("ch", J | CH),
    ("kk", KK),
    ("gg", KK),
    ("k'", K),
    ("kh", K),
    ("tt", TT),
    ("dd", TT),
    ("t'", T),
    ("th", T),
    ("pp", PP),
    ("bb", PP),
    ("p'", P),
    ("ph", P),
    ("ss", SS),
    ("jj", JJ),
    ("sh", S),
    ("rh", R),
    ("ng", NG),
    ("g", G),
    ("k", G | K),
    ("n", N),
    ("d", D),
    ("t", D | T),
    ("r", R),
    ("l", R),
    ("m", M),
    ("b", B),
    ("p", B | P),
    ("s", S | SS),
    ("j", J),
    ("h", H),
];

/// Latin vowel spellings, longest first. `o'`/`u'` are the UN list's ASCII breves.
const LATIN_VOWELS: &[(&str, u32)] = &[
    ("yae", YAE | YE),
    ("yeo", YEO),
    ("yo'", YEO),
    ("you", YEO | YO | YU),
    ("yoo", YU),
    ("woo", U | WO),
    ("wae", WAE | OE | WE),
    ("weo", WO),
    ("wo'", WO),
    ("wee", WI),
    ("eui", UI),
    ("u'i", UI),
    ("ya", YA),
    ("ye", YE | YAE),
    ("yo", YO | YEO),
    ("yu", YU | YEO),
    ("yi", I | UI),
    ("wa", WA),
    ("wo", WO),
    ("we", WE | OE | WAE),
    ("wi", WI),
    ("ae", AE | E),
    ("ai", AE | E),
    ("eo", EO),
    ("eu", EU),
    ("ee", I),
    ("oo", U),
    ("oe", OE | WE | WAE),
    ("oi", OE | WE | WAE),
    ("ui", UI | WI),
    ("o'", EO),
    ("u'", EU),
    ("a", A),
    ("e", E | AE),
    ("i", I),
    ("o", O | EO),
    ("u", U | EU | EO),
];

/// Cyrillic spellings of Korean sounds (Kontsevich and older Russian practice), longest first.
const CYRILLIC: &[(&str, u32, bool)] = &[
    ("ый", UI, true),
    ("ве", WE | OE | WAE, true),
    ("вэ", WAE | WE | OE, true),
    ("ва", WA, true),
    ("во", WO, true),
    ("ви", WI, true),
    ("кх", K, false),
    ("тх", T, false),
    ("пх", P, false),
    ("чх", CH, false),
    ("дж", J, false),
    ("кк", KK, false),
    ("тт", TT, false),
    ("пп", PP, false),
    ("сс", SS, false),
    ("чч", JJ, false),
    ("а", A, true),
    ("я", YA, true),
    ("э", AE | E, true),
    ("е", E | AE | EO | YEO | YE, true),
    ("ё", YEO | YO, true),
    ("о", O | EO, true),
    ("у", U, true),
    ("ю", YU, true),
    ("ы", EU | UI, true),
    ("и", I, true),
    ("к", G | K | KK, false),
    ("г", G, false),
    ("н", N | NG, false),
    ("т", D | T | TT, false),
    ("д", D, false),
    ("р", R, false),
    ("л", R, false),
    ("м", M, false),
    ("п", B | P | PP, false),
    ("б", B, false),
    ("с", S | SS, false),
    ("ш", S, false),
    ("ч", J | CH | JJ, false),
    ("ц", J | JJ, false),
    ("ж", J, false),
    ("х", H, false),
];

fn is_vowel(p: u32) -> bool {
    p & VOWEL != 0
}

/// The longest spelling in `table` at `b[i..]` (tables are ordered longest first).
#[inline]
fn spelling_at(table: &[(&str, u32)], b: &[u8], i: usize) -> Option<(usize, u32)> {
    let rest = &b[i..];
    let first = *rest.first()?;
    for (sp, set) in table {
        let sp = sp.as_bytes();
        if sp[0] == first && rest.len() >= sp.len() && &rest[..sp.len()] == sp {
            return Some((sp.len(), *set));
        }
    }
    None
}

fn latin_vowel_at(b: &[u8], i: usize) -> Option<(usize, u32)> {
    if !matches!(
        b.get(i),
        Some(b'a' | b'e' | b'i' | b'o' | b'u' | b'w' | b'y')
    ) {
        return None;
    }
    spelling_at(LATIN_VOWELS, b, i)
}

fn latin_consonant_at(b: &[u8], i: usize) -> Option<(usize, u32)> {
    spelling_at(LATIN_CONSONANTS, b, i)
}

/// Parses a lowercase Latin token (apostrophes kept) into phoneme sets. Returns `false`, with
/// `out` unspecified, when the token cannot be a romanised Korean word of one to four syllables.
pub(crate) fn parse_latin(token: &str, out: &mut Vec<u32>) -> bool {
    out.clear();
    let b = token.as_bytes();
    // Letters no romanisation of Korean uses (and a `c` outside `ch`) rule a word out fast.
    if b.is_empty()
        || b.iter().enumerate().any(|(i, &c)| {
            !(c.is_ascii_lowercase() || c == b'\'')
                || matches!(c, b'f' | b'q' | b'v' | b'x' | b'z')
                || (c == b'c' && b.get(i + 1) != Some(&b'h'))
        })
    {
        return false;
    }
    // `KY'ONG`, `MY'ONG`: the UN list sometimes puts the breve mark after the glide.
    let fixed;
    let b = if token.contains("y'o") {
        fixed = token.replace("y'o", "yo'");
        fixed.as_bytes()
    } else {
        b
    };
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\'' {
            i += 1;
            continue;
        }
        let after_vowel = out.last().is_some_and(|p| is_vowel(*p));
        let next_is_vowel = i + 1 < b.len() && latin_vowel_at(b, i + 1).is_some();
        if c == b'h' && after_vowel && !next_is_vowel {
            i += 1; // Oh, Noh, Sohn, Ahn
            continue;
        }
        if c == b'r' && after_vowel && i + 1 < b.len() && !next_is_vowel && b[i + 1] != b'\'' {
            i += 1; // Park
            continue;
        }
        if let Some((len, set)) = latin_vowel_at(b, i) {
            out.push(VOWEL | set);
            i += len;
        } else if let Some((len, set)) = latin_consonant_at(b, i) {
            let two_sounds = len == 2
                && matches!(&b[i..i + 2], b"ng" | b"kh" | b"th" | b"ph")
                && after_vowel
                && i + 2 < b.len()
                && latin_vowel_at(b, i + 2).is_some();
            out.push(if two_sounds { set | AMBIG } else { set });
            i += len;
        } else {
            return false;
        }
    }
    validate(out)
}

/// Parses a lowercase Cyrillic word into phoneme sets (see [`parse_latin`]).
pub(crate) fn parse_cyrillic(word: &str, out: &mut Vec<u32>) -> bool {
    out.clear();
    let mut rest = word;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix(['ь', 'ъ']) {
            rest = r;
            continue;
        }
        match CYRILLIC.iter().find(|(sp, _, _)| rest.starts_with(sp)) {
            Some((sp, set, vowel)) => {
                out.push(if *vowel { VOWEL | set } else { *set });
                rest = &rest[sp.len()..];
            }
            None => return false,
        }
    }
    validate(out)
}

/// Checks Korean syllable structure (at most one consonant before the first vowel, two
/// between vowels, one after the last) and narrows syllable-final consonants to the sounds
/// that can close a syllable.
fn validate(ph: &mut [u32]) -> bool {
    let vowels = ph.iter().filter(|p| is_vowel(**p)).count();
    if vowels == 0 || vowels > 4 {
        return false;
    }
    let mut run = 0usize;
    let mut seen_vowel = false;
    for k in 0..ph.len() {
        if !is_vowel(ph[k]) {
            run += 1;
            continue;
        }
        if !seen_vowel {
            if run > 1 || (run == 1 && ph[k - 1] & !AMBIG == NG) {
                return false;
            }
        } else if run > 2 {
            return false;
        } else if run == 2 {
            ph[k - 2] &= FINAL;
            if ph[k - 2] == 0 || ph[k - 1] & !AMBIG == NG {
                return false;
            }
        }
        run = 0;
        seen_vowel = true;
    }
    if run > 1 {
        return false;
    }
    if run == 1 {
        let last = ph.len() - 1;
        ph[last] &= FINAL;
        if ph[last] == 0 {
            return false;
        }
    }
    true
}

/// Appends the phonemes of one Hangul syllable (U+AC00..=U+D7A3), exact singleton sets.
pub(crate) fn hangul_phonemes(c: char, out: &mut Vec<u32>) {
    let Some((l, v, t)) = decompose(c) else {
        return;
    };
    if l != 11 {
        out.push(1 << l);
    }
    out.push(VOWEL | (1 << v));
    if let Some(f) = final_sound(t) {
        out.push(f);
    }
}

/// (initial, medial, final) indices of a precomposed Hangul syllable.
pub(crate) fn decompose(c: char) -> Option<(u32, u32, u32)> {
    let s = (c as u32).checked_sub(0xAC00)?;
    if s >= 11172 {
        return None;
    }
    Some((s / 588, (s % 588) / 28, s % 28))
}

fn compose(l: u32, v: u32, t: u32) -> char {
    char::from_u32(0xAC00 + l * 588 + v * 28 + t).unwrap_or('?')
}

/// The consonant sound of a Hangul final (batchim) index, neutralised as pronounced.
fn final_sound(t: u32) -> Option<u32> {
    Some(match t {
        0 => return None,
        1 | 2 | 3 | 9 | 24 => G,
        4..=6 => N,
        7 | 19 | 20 | 22 | 23 | 25 | 27 => D,
        8 | 11..=13 | 15 => R,
        10 | 16 => M,
        14 | 17 | 18 | 26 => B,
        _ => NG,
    })
}

/// Whether two phoneme sequences can spell the same Korean word (see the module docs).
pub(crate) fn equivalent(a: &[u32], b: &[u32]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    same(a, b) || (droppable(a) && same(&a[1..], b)) || (droppable(b) && same(a, &b[1..]))
}

fn droppable(a: &[u32]) -> bool {
    a.len() >= 2 && !is_vowel(a[0]) && a[0] & (R | N) != 0 && is_vowel(a[1]) && a[1] & IY != 0
}

/// The two sounds an ambiguous spelling may also stand for.
fn expansion(p: u32) -> Option<(u32, u32)> {
    if p & AMBIG == 0 {
        return None;
    }
    Some(match p & !AMBIG {
        NG => (N, G),
        K => (G, H),
        T => (D, H),
        P => (B, H),
        _ => return None,
    })
}

fn unit_match(x: u32, y: u32, first: bool) -> bool {
    if (x ^ y) & VOWEL != 0 {
        return false;
    }
    let (mut x, mut y) = (x & !(VOWEL | AMBIG), y & !(VOWEL | AMBIG));
    if first && x & VOWEL == 0 {
        // Word-initial ㄹ is also read ㄴ (Ro ≈ No).
        if x & R != 0 {
            x |= N;
        }
        if y & R != 0 {
            y |= N;
        }
    }
    x & y != 0
}

fn same(a: &[u32], b: &[u32]) -> bool {
    let ambiguous = a.iter().chain(b).filter(|p| **p & AMBIG != 0).count();
    if a.len().abs_diff(b.len()) > ambiguous {
        return false;
    }
    same_at(a, 0, b, 0)
}

fn same_at(a: &[u32], i: usize, b: &[u32], j: usize) -> bool {
    if i == a.len() || j == b.len() {
        return i == a.len() && j == b.len();
    }
    if let Some((x, y)) = expansion(a[i]) {
        if j + 1 < b.len()
            && unit_match(x, b[j], false)
            && unit_match(y, b[j + 1], false)
            && same_at(a, i + 1, b, j + 2)
        {
            return true;
        }
    }
    if let Some((x, y)) = expansion(b[j]) {
        if i + 1 < a.len()
            && unit_match(a[i], x, false)
            && unit_match(a[i + 1], y, false)
            && same_at(a, i + 2, b, j + 1)
        {
            return true;
        }
    }
    unit_match(a[i], b[j], i == 0 && j == 0) && same_at(a, i + 1, b, j + 1)
}

/// Coarse class of a consonant set; every set a spelling produces lies within one class.
fn consonant_class(set: u32) -> u8 {
    if set & (G | KK | K) != 0 {
        1
    } else if set & (N | R | NG) != 0 {
        2
    } else if set & (D | TT | T) != 0 {
        3
    } else if set & M != 0 {
        4
    } else if set & (B | PP | P) != 0 {
        5
    } else if set & (S | SS) != 0 {
        6
    } else if set & (J | JJ | CH) != 0 {
        7
    } else {
        8
    }
}

/// Vowel classes: two Latin or Hangul sets that intersect are always in the same class.
const VOWEL_CLASSES: [(u32, u8); 10] = [
    (A, 11),
    (YA, 12),
    (AE | E, 13),
    (YAE | YE, 14),
    (O | EO | U | EU, 15),
    (YO | YEO | YU, 16),
    (WA, 17),
    (WO, 18),
    (WAE | OE | WE, 19),
    (I | UI | WI, 20),
];

/// Classes after which a word-initial ㄹ/ㄴ may drop (they contain the *i*/*y* vowels).
fn iy_class(c: u8) -> bool {
    matches!(c, 12 | 14 | 16 | 20)
}

/// Blocking keys: every sequence equivalent to `ph` yields at least one equal key. A Latin or
/// Hangul sequence has one key; Cyrillic vowels can span classes and give a few.
pub(crate) fn keys(ph: &[u32], out: &mut Vec<u64>) {
    if ph.is_empty() || ph.len() > 16 {
        return;
    }
    let ambiguous: Vec<usize> = (0..ph.len())
        .filter(|&k| ph[k] & AMBIG != 0)
        .take(3)
        .collect();
    if ambiguous.is_empty() {
        return concrete_keys(ph, out);
    }
    let mut seq = Vec::with_capacity(ph.len() + 3);
    for choice in 0..(1u32 << ambiguous.len()) {
        seq.clear();
        for (k, &p) in ph.iter().enumerate() {
            let pos = ambiguous.iter().position(|&a| a == k);
            match (pos, expansion(p)) {
                (Some(n), Some((x, y))) if choice & (1 << n) != 0 => {
                    seq.push(x);
                    seq.push(y);
                }
                _ => seq.push(p & !AMBIG),
            }
        }
        concrete_keys(&seq, out);
    }
}

fn concrete_keys(ph: &[u32], out: &mut Vec<u64>) {
    let mut classes: Vec<[u8; 4]> = Vec::with_capacity(ph.len());
    let mut counts: Vec<u8> = Vec::with_capacity(ph.len());
    let mut total: usize = 1;
    for &p in ph {
        let mut alts = [0u8; 4];
        let mut n = 0;
        if is_vowel(p) {
            for (set, class) in VOWEL_CLASSES {
                if p & set != 0 && n < 4 {
                    alts[n] = class;
                    n += 1;
                }
            }
        } else {
            alts[0] = consonant_class(p);
            n = 1;
        }
        total *= n.max(1);
        classes.push(alts);
        counts.push(n.max(1) as u8);
    }
    if total > 16 {
        return;
    }
    for combo in 0..total {
        let mut rem = combo;
        let mut h: u64 = 0x4b4f_5245_414e_0001; // "KOREAN"
        let mut start = 0;
        let pick = |k: usize, rem: &mut usize| {
            let n = counts[k] as usize;
            let c = classes[k][*rem % n];
            *rem /= n;
            c
        };
        let mut picked: Vec<u8> = Vec::with_capacity(ph.len());
        for k in 0..ph.len() {
            picked.push(pick(k, &mut rem));
        }
        if picked.len() >= 2 && picked[0] == 2 && iy_class(picked[1]) {
            start = 1;
        }
        for &c in &picked[start..] {
            h = (h ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        if !out.contains(&h) {
            out.push(h);
        }
    }
}

// ----------------------------------------------------------------------------------------
// Rendering romanisations.

/// One syllable as Unicode jamo indices (initial 0..19 with 11 = silent ㅇ, medial, final).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Syllable {
    pub l: u32,
    pub v: u32,
    pub t: u32,
}

impl Syllable {
    pub(crate) fn hangul(self) -> char {
        compose(self.l, self.v, self.t)
    }
}

fn lowest_bit(set: u32) -> u32 {
    set.trailing_zeros()
}

/// Unicode final index for a consonant sound.
fn final_index(set: u32) -> u32 {
    match set {
        x if x & NG != 0 => 21,
        x if x & N != 0 => 4,
        x if x & R != 0 => 8,
        x if x & M != 0 => 16,
        x if x & G != 0 => 1,
        x if x & B != 0 => 17,
        x if x & D != 0 => 7,
        _ => 0,
    }
}

/// Picks one Hangul reading for a parsed romanised token: the likeliest jamo of each set.
/// `mr` says whether the name is written in McCune–Reischauer with apostrophes, where an
/// unmarked `ch` is ㅈ; in DPRK practice it is ㅊ.
pub(crate) fn syllabify(ph: &[u32], mr: bool) -> Vec<Syllable> {
    let mut syls = Vec::new();
    let vowel_pos: Vec<usize> = (0..ph.len()).filter(|&k| is_vowel(ph[k])).collect();
    for (n, &k) in vowel_pos.iter().enumerate() {
        let prev_v = if n == 0 { None } else { Some(vowel_pos[n - 1]) };
        let next_v = vowel_pos.get(n + 1).copied();
        // Initial: the consonant right before this vowel, unless it closes the previous one.
        let mut l = 11;
        if k > 0 && !is_vowel(ph[k - 1]) {
            let run_start = prev_v.map_or(0, |p| p + 1);
            let run = k - run_start;
            let c = ph[k - 1];
            let is_final_of_prev = prev_v.is_some() && run == 1 && c & !AMBIG == NG;
            if !is_final_of_prev {
                l = pick_initial(c, mr);
            }
        }
        // Final: consonants after this vowel that do not open the next syllable.
        let mut t = 0;
        let end = next_v.unwrap_or(ph.len());
        let run = end - (k + 1);
        if run > 0 {
            let c = ph[k + 1];
            let closes = match next_v {
                None => true,
                Some(_) => run == 2 || c & !AMBIG == NG,
            };
            if closes {
                t = final_index(c & FINAL);
            }
        }
        let v = pick_vowel(ph[k] & !VOWEL, l, t);
        syls.push(Syllable { l, v, t });
    }
    syls
}

fn pick_initial(set: u32, mr: bool) -> u32 {
    let set = set & !AMBIG;
    let chosen = if set == J | CH {
        if mr {
            J
        } else {
            CH
        }
    } else if set & G != 0 {
        G
    } else if set & D != 0 {
        D
    } else if set & B != 0 {
        B
    } else if set & S != 0 {
        S
    } else if set & J != 0 {
        J
    } else if set == NG {
        return 11;
    } else {
        1 << lowest_bit(set)
    };
    lowest_bit(chosen)
}

fn pick_vowel(set: u32, l: u32, t: u32) -> u32 {
    let chosen = if set == O | EO {
        EO
    } else if set == U | EU | EO {
        // 은, 을, 응: a bare vowel closed by ㄴ/ㄹ/ㅇ is usually ㅡ in names.
        if l == 11 && matches!(t, 4 | 8 | 21) {
            EU
        } else {
            U
        }
    } else if set == YO | YEO || set == YU | YEO || set == YEO | YO | YU {
        YEO
    } else if set == AE | E {
        AE
    } else if set == YE | YAE {
        YE
    } else if set == OE | WE | WAE || set == WAE | OE | WE {
        OE
    } else if set == I | UI {
        I
    } else if set == UI | WI {
        UI
    } else {
        set
    };
    lowest_bit(chosen)
}

const RR_INITIAL: [&str; 19] = [
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
    "h",
];
const RR_VOWEL: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i",
];
const RR_FINAL: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
];
const MR_VOWEL: [&str; 21] = [
    "a", "ae", "ya", "yae", "ŏ", "e", "yŏ", "ye", "o", "wa", "wae", "oe", "yo", "u", "wŏ", "we",
    "wi", "yu", "ŭ", "ŭi", "i",
];

/// Revised Romanisation of one syllable (no sound changes across syllables).
pub(crate) fn rr(s: Syllable) -> String {
    let mut out = String::new();
    out.push_str(RR_INITIAL[s.l as usize]);
    out.push_str(RR_VOWEL[s.v as usize]);
    out.push_str(RR_FINAL[s.t as usize]);
    out
}

/// McCune–Reischauer of a syllable; `voiced` when it follows a vowel or voiced final inside a
/// word (k→g, t→d, p→b, ch→j), `ascii` for the UN list's `O'`/`U'` stand-ins.
fn mr(s: Syllable, voiced: bool, ascii: bool) -> String {
    let mut out = String::new();
    let initial = match s.l {
        0 => {
            if voiced {
                "g"
            } else {
                "k"
            }
        }
        3 => {
            if voiced {
                "d"
            } else {
                "t"
            }
        }
        7 => {
            if voiced {
                "b"
            } else {
                "p"
            }
        }
        12 => {
            if voiced {
                "j"
            } else {
                "ch"
            }
        }
        1 => "kk",
        2 => "n",
        4 => "tt",
        5 => "r",
        6 => "m",
        8 => "pp",
        9 => {
            if s.v == 20 || s.v == 16 {
                "sh"
            } else {
                "s"
            }
        }
        10 => "ss",
        13 => "tch",
        14 => "ch'",
        15 => "k'",
        16 => "t'",
        17 => "p'",
        18 => "h",
        _ => "",
    };
    out.push_str(initial);
    let v = MR_VOWEL[s.v as usize];
    if ascii {
        out.push_str(&v.replace('ŏ', "o'").replace('ŭ', "u'"));
    } else {
        out.push_str(v);
    }
    out.push_str(RR_FINAL[s.t as usize]);
    out
}

/// DPRK practice as on the UN and OFAC lists: MR sounds without breves or apostrophes, ㅈ as
/// `j`, aspirates unmarked.
fn dprk(s: Syllable) -> String {
    let mut out = String::new();
    let initial = match s.l {
        0 => "k",
        3 => "t",
        7 => "p",
        12 => "j",
        13 => "jj",
        14 => "ch",
        15 => "k",
        16 => "t",
        17 => "p",
        l => RR_INITIAL[l as usize],
    };
    out.push_str(initial);
    let v = match s.v {
        4 => "o",
        6 => "yo",
        14 => "wo",
        18 => "u",
        19 => "ui",
        v => RR_VOWEL[v as usize],
    };
    out.push_str(v);
    out.push_str(RR_FINAL[s.t as usize]);
    out
}

/// South Korean habit for given names: ㅓ as `u` (Jung, Sung, Chul), 영 as `young`, ㅜ as `oo`
/// after a silent initial (Woo).
fn south(s: Syllable) -> String {
    if s.l == 11 && s.v == 6 && s.t == 21 {
        return "young".into();
    }
    let mut out = String::new();
    let initial = match s.l {
        0 => "k",
        3 => "d",
        7 => "b",
        l => RR_INITIAL[l as usize],
    };
    out.push_str(initial);
    let v = match s.v {
        4 => "u",
        6 => "yu",
        13 if s.l == 11 => "woo",
        13 => "u",
        v => RR_VOWEL[v as usize],
    };
    out.push_str(v);
    out.push_str(RR_FINAL[s.t as usize]);
    out
}

/// Conventional spellings of common surnames (South Korean usage first, then DPRK usage).
const SURNAMES: &[(char, &str, &str)] = &[
    ('김', "Kim", "Kim"),
    ('이', "Lee", "Ri"),
    ('리', "Lee", "Ri"),
    ('박', "Park", "Pak"),
    ('최', "Choi", "Choe"),
    ('정', "Jung", "Jong"),
    ('강', "Kang", "Kang"),
    ('조', "Cho", "Jo"),
    ('윤', "Yoon", "Yun"),
    ('장', "Jang", "Jang"),
    ('임', "Lim", "Rim"),
    ('림', "Lim", "Rim"),
    ('한', "Han", "Han"),
    ('오', "Oh", "O"),
    ('서', "Seo", "So"),
    ('신', "Shin", "Sin"),
    ('권', "Kwon", "Kwon"),
    ('황', "Hwang", "Hwang"),
    ('안', "Ahn", "An"),
    ('송', "Song", "Song"),
    ('류', "Ryu", "Ryu"),
    ('유', "Yoo", "Yu"),
    ('전', "Jeon", "Jon"),
    ('홍', "Hong", "Hong"),
    ('고', "Ko", "Ko"),
    ('문', "Moon", "Mun"),
    ('양', "Yang", "Yang"),
    ('량', "Yang", "Ryang"),
    ('손', "Sohn", "Son"),
    ('배', "Bae", "Pae"),
    ('백', "Baek", "Paek"),
    ('허', "Heo", "Ho"),
    ('남', "Nam", "Nam"),
    ('노', "Noh", "No"),
    ('로', "Roh", "Ro"),
    ('하', "Ha", "Ha"),
    ('곽', "Kwak", "Kwak"),
    ('성', "Sung", "Song"),
    ('차', "Cha", "Cha"),
    ('주', "Joo", "Ju"),
    ('우', "Woo", "U"),
    ('구', "Koo", "Ku"),
    ('민', "Min", "Min"),
    ('진', "Jin", "Jin"),
    ('지', "Ji", "Ji"),
    ('엄', "Um", "Om"),
    ('채', "Chae", "Chae"),
    ('원', "Won", "Won"),
    ('천', "Chun", "Chon"),
    ('방', "Bang", "Pang"),
    ('공', "Kong", "Kong"),
    ('현', "Hyun", "Hyon"),
    ('함', "Ham", "Ham"),
    ('변', "Byun", "Pyon"),
    ('염', "Yum", "Yom"),
    ('렴', "Yum", "Ryom"),
    ('여', "Yeo", "Yo"),
    ('연', "Yeon", "Yon"),
    ('도', "Do", "To"),
    ('석', "Seok", "Sok"),
    ('선', "Sun", "Son"),
    ('설', "Seol", "Sol"),
    ('마', "Ma", "Ma"),
    ('길', "Gil", "Kil"),
    ('표', "Pyo", "Phyo"),
    ('명', "Myung", "Myong"),
    ('기', "Ki", "Ki"),
    ('계', "Kye", "Kye"),
    ('라', "Ra", "Ra"),
    ('나', "Na", "Na"),
    ('왕', "Wang", "Wang"),
    ('옥', "Ok", "Ok"),
    ('육', "Yook", "Yuk"),
    ('인', "In", "In"),
    ('태', "Tae", "Thae"),
    ('탁', "Tak", "Thak"),
    ('편', "Pyun", "Phyon"),
    ('용', "Yong", "Yong"),
    ('경', "Kyung", "Kyong"),
    ('봉', "Bong", "Pong"),
    ('위', "Wi", "Wi"),
    ('금', "Keum", "Kum"),
    ('은', "Eun", "Un"),
    ('두', "Doo", "Tu"),
    ('소', "So", "So"),
    ('승', "Seung", "Sung"),
    ('상', "Sang", "Sang"),
    ('가', "Ka", "Ka"),
    ('모', "Mo", "Mo"),
    ('국', "Kook", "Kuk"),
    ('어', "Eo", "O"),
    ('형', "Hyung", "Hyong"),
    ('피', "Pi", "Phi"),
    ('감', "Kam", "Kam"),
    ('동', "Dong", "Tong"),
    ('호', "Ho", "Ho"),
    ('범', "Bum", "Pom"),
    ('좌', "Jwa", "Jwa"),
    ('팽', "Paeng", "Phaeng"),
    ('반', "Ban", "Pan"),
    ('제', "Je", "Je"),
    ('예', "Ye", "Ye"),
    ('빈', "Bin", "Pin"),
    ('추', "Choo", "Chu"),
    ('황', "Hwang", "Hwang"),
];

/// Two-syllable surnames: a Hangul name of three or more syllables starting with one of
/// these is split after two.
const COMPOUND_SURNAMES: &[&str] = &[
    "남궁", "황보", "제갈", "선우", "독고", "서문", "사공", "동방",
];

/// Whether a lowercase token is a common spelling of a Korean surname (either usage, or a
/// frequent variant), used to recognise a Korean name before reading its other parts.
pub(crate) fn is_surname_spelling(t: &str) -> bool {
    use std::collections::HashSet;
    use std::sync::OnceLock;
    static SET: OnceLock<HashSet<String, crate::text::FxBuild>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set: HashSet<String, crate::text::FxBuild> =
            SURNAME_EXTRA.iter().map(|s| s.to_string()).collect();
        for (_, south, dprk) in SURNAMES {
            set.insert(south.to_ascii_lowercase());
            set.insert(dprk.to_ascii_lowercase());
        }
        set
    })
    .contains(t)
}

/// Surname spellings besides those in [`SURNAMES`].
const SURNAME_EXTRA: &[&str] = &[
    "gim", "i", "yi", "rhee", "bak", "chwe", "chong", "jeong", "cheong", "chung", "gang", "rim",
    "im", "roh", "lim", "gwon", "go", "gye", "seong", "sung", "shin", "sin", "o", "ryang", "paek",
    "baek", "pae", "hyeon", "hyon", "jeon", "chon", "kil", "gil", "kye", "chang", "chi", "sim",
    "shim", "om", "pyon", "pang", "jon", "hyun", "yoon", "koo", "joo", "chu", "ryom", "yom", "rho",
    "kong", "ok", "tak", "thak",
];

/// The conventional (South Korean) Latin spelling of a surname syllable, if it has one.
pub(crate) fn surname_spelling(c: char) -> Option<&'static str> {
    SURNAMES.iter().find(|s| s.0 == c).map(|s| s.1)
}

fn surname_dprk(c: char) -> Option<&'static str> {
    SURNAMES.iter().find(|s| s.0 == c).map(|s| s.2)
}

/// How many leading syllables of a Hangul person name are the surname.
pub(crate) fn surname_len(word: &[char]) -> usize {
    if word.len() >= 3 {
        let two: String = word[..2].iter().collect();
        if COMPOUND_SURNAMES.contains(&two.as_str()) {
            return 2;
        }
    }
    1
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn voiced_after(prev: Option<Syllable>) -> bool {
    prev.is_some_and(|p| matches!(p.t, 0 | 4 | 8 | 16 | 21))
}

/// A Korean name as surname and given-name syllables.
pub(crate) struct KoreanName {
    pub surname: Vec<Syllable>,
    pub given: Vec<Syllable>,
}

/// Reads a name written in Hangul or in a romanisation into syllables; `None` when some part
/// is not Korean.
pub(crate) fn read_name(name: &str) -> Option<KoreanName> {
    let trimmed = name.trim();
    if trimmed.chars().any(|c| decompose(c).is_some()) {
        let mut syls: Vec<char> = Vec::new();
        let mut words = 0;
        for w in trimmed.split_whitespace() {
            words += 1;
            for c in w.chars() {
                decompose(c)?;
                syls.push(c);
            }
        }
        if syls.len() < 2 {
            return None;
        }
        let first_word_len = trimmed
            .split_whitespace()
            .next()
            .map_or(0, |w| w.chars().count());
        let sl = if words > 1 && first_word_len <= 2 {
            first_word_len
        } else {
            surname_len(&syls)
        };
        let to_syl = |c: &char| {
            let (l, v, t) = decompose(*c).unwrap_or((11, 0, 0));
            Syllable { l, v, t }
        };
        return Some(KoreanName {
            surname: syls[..sl].iter().map(to_syl).collect(),
            given: syls[sl..].iter().map(to_syl).collect(),
        });
    }
    let lower = crate::text::latin_lower_keep_apostrophes(trimmed);
    let mr_marks = lower.contains('\'');
    let tokens: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-' || c == ',' || c == '.')
        .filter(|t| !t.trim_matches('\'').is_empty())
        .collect();
    if tokens.len() < 2 {
        return None;
    }
    let mut parts: Vec<Vec<Syllable>> = Vec::new();
    let mut ph = Vec::new();
    for t in &tokens {
        if !parse_latin(t.trim_matches('\''), &mut ph) {
            return None;
        }
        parts.push(syllabify(&ph, mr_marks));
    }
    // "SURNAME, Given" or "Surname Given…": the surname is the first one-syllable token.
    let surname = parts.remove(0);
    if surname.len() > 2 {
        return None;
    }
    Some(KoreanName {
        surname,
        given: parts.concat(),
    })
}

/// Renders the romanisations of [`crate::korean_romanisations`].
pub(crate) fn romanisations(name: &str) -> Vec<String> {
    let Some(k) = read_name(name) else {
        return Vec::new();
    };
    if k.given.is_empty() {
        return Vec::new();
    }
    let surname_hangul: String = k.surname.iter().map(|s| s.hangul()).collect();
    let given_hangul: String = k.given.iter().map(|s| s.hangul()).collect();

    let join = |f: &dyn Fn(Syllable, Option<Syllable>) -> String, syls: &[Syllable], sep: &str| {
        let mut parts = Vec::new();
        for (i, s) in syls.iter().enumerate() {
            let prev = if i == 0 { None } else { Some(syls[i - 1]) };
            parts.push(f(*s, prev));
        }
        parts.join(sep)
    };
    let rr_f = |s: Syllable, _: Option<Syllable>| rr(s);
    let mr_f = |s: Syllable, p: Option<Syllable>| mr(s, voiced_after(p), false);
    let mr_ascii_f = |s: Syllable, p: Option<Syllable>| mr(s, voiced_after(p), true);
    let dprk_f = |s: Syllable, _: Option<Syllable>| dprk(s);
    let south_f = |s: Syllable, _: Option<Syllable>| south(s);

    let single_surname = if k.surname.len() == 1 {
        Some(k.surname[0].hangul())
    } else {
        None
    };
    let sur_mr = capitalise(&join(&mr_f, &k.surname, ""));
    let sur_un = join(&mr_ascii_f, &k.surname, "").to_uppercase();
    let sur_rr = capitalise(&join(&rr_f, &k.surname, ""));
    let sur_dprk = single_surname
        .and_then(surname_dprk)
        .map(str::to_string)
        .unwrap_or_else(|| capitalise(&join(&dprk_f, &k.surname, "")));
    let sur_south = single_surname
        .and_then(surname_spelling)
        .map(str::to_string)
        .unwrap_or_else(|| capitalise(&join(&south_f, &k.surname, "")));

    let given_mr = capitalise(&join(&mr_f, &k.given, "-"));
    let given_un = join(&mr_ascii_f, &k.given, "-").to_uppercase();
    let given_rr = capitalise(&join(&rr_f, &k.given, ""));
    let given_dprk_spaced: Vec<String> = k.given.iter().map(|s| capitalise(&dprk(*s))).collect();
    let given_dprk_joined = capitalise(&join(&dprk_f, &k.given, ""));
    let given_south = capitalise(&join(&south_f, &k.given, "-"));

    let candidates = vec![
        format!("{sur_mr} {given_mr}"),
        format!("{sur_un} {given_un}"),
        format!("{sur_rr} {given_rr}"),
        format!("{sur_dprk} {}", given_dprk_spaced.join(" ")),
        format!("{sur_south} {given_south}"),
        format!("{sur_dprk} {given_dprk_joined}"),
        format!("{} {sur_dprk}", given_dprk_spaced.join(" ")),
        format!("{surname_hangul}{given_hangul}"),
    ];
    let input_key = name.trim().to_lowercase();
    let mut out: Vec<String> = Vec::new();
    for c in candidates {
        let key = c.to_lowercase();
        if key != input_key && !out.iter().any(|o| o.to_lowercase() == key) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ph(s: &str) -> Vec<u32> {
        let mut v = Vec::new();
        assert!(parse_latin(s, &mut v), "{s} should parse");
        v
    }

    fn hg(s: &str) -> Vec<u32> {
        let mut v = Vec::new();
        for c in s.chars() {
            hangul_phonemes(c, &mut v);
        }
        v
    }

    fn eqv(a: &str, b: &str) -> bool {
        equivalent(&ph(a), &ph(b))
    }

    #[test]
    fn surname_variants_are_equivalent() {
        for group in [
            &["ri", "lee", "rhee", "yi", "i", "li"][..],
            &["pak", "park", "bak"],
            &["jong", "chong", "jung", "jeong", "cheong", "chung"],
            &["kim", "gim"],
            &["choe", "choi", "chwe"],
            &["o", "oh"],
            &["ryu", "yu", "yoo"],
            &["rim", "im", "lim"],
            &["ro", "no", "noh", "roh"],
            &["kang", "gang"],
            &["kwon", "gwon"],
            &["sin", "shin"],
            &["jo", "cho"],
            &["son", "sohn"],
            &["ko", "go"],
            &["kye", "gye"],
            &["myong", "myeong", "myung", "my'ong", "myo'ng"],
            &["chol", "cheol", "chul", "ch'o'l"],
            &["hyok", "hyeok", "hyuk", "hyo'k"],
            &["song", "seong", "sung", "so'ng"],
            &["un", "eun", "u'n"],
        ] {
            for a in group {
                for b in group {
                    assert!(eqv(a, b), "{a} ≈ {b}");
                }
            }
        }
    }

    #[test]
    fn different_syllables_stay_apart() {
        for (a, b) in [
            ("jong", "jang"),
            ("un", "il"),
            ("nam", "un"),
            ("sung", "jong"),
            ("kim", "kum"),
            ("chol", "chun"),
            ("ro", "o"),
        ] {
            assert!(!eqv(a, b), "{a} vs {b}");
        }
    }

    #[test]
    fn hangul_is_exact_and_matches_romanisations() {
        assert!(equivalent(&hg("정"), &ph("jong")));
        assert!(equivalent(&hg("정"), &ph("jeong")));
        assert!(!equivalent(&hg("정"), &hg("종")));
        assert!(equivalent(&hg("정은"), &ph("jongun")));
        assert!(equivalent(&hg("이"), &ph("ri")));
        assert!(equivalent(&hg("이"), &ph("lee")));
        assert!(equivalent(&hg("박"), &ph("park")));
        assert!(!equivalent(&hg("김정은"), &hg("김종은")));
        // `ng` and `kh` between vowels may be two sounds.
        let mut joined = ph("man");
        joined.extend(ph("gon"));
        assert!(equivalent(&ph("mangeon"), &joined));
        assert!(equivalent(&ph("mangeon"), &hg("만건")));
        assert!(equivalent(&ph("mangeon"), &hg("망언")));
        let mut joined = ph("sok");
        joined.extend(ph("hwa"));
        assert!(equivalent(&ph("seokhwa"), &joined));
        assert!(equivalent(&ph("jongun"), &hg("정은")));
    }

    #[test]
    fn cyrillic_korean_names() {
        let mut v = Vec::new();
        assert!(parse_cyrillic("чен", &mut v));
        assert!(equivalent(&v, &ph("jong")));
        assert!(parse_cyrillic("ын", &mut v));
        assert!(equivalent(&v, &ph("un")));
        assert!(parse_cyrillic("ким", &mut v));
        assert!(equivalent(&v, &ph("kim")));
    }

    #[test]
    fn non_korean_words_do_not_parse() {
        let mut v = Vec::new();
        for w in ["vladimir", "bush", "scholz", "mohammadhasni", "ngo", "x"] {
            assert!(!parse_latin(w, &mut v), "{w}");
        }
    }

    #[test]
    fn equivalent_tokens_share_a_key() {
        let groups: &[&[&str]] = &[
            &["ri", "lee", "yi", "i", "li"],
            &["jongun", "jeongeun", "chongun", "cho'ngu'n"],
            &["ryong", "yong", "nyong"],
            &["park", "pak", "bak"],
            &["mangeon", "mangon", "mangun"],
            &["sokhwa", "seokhwa"],
        ];
        for g in groups {
            let mut k0 = Vec::new();
            keys(&ph(g[0]), &mut k0);
            for w in *g {
                let mut k = Vec::new();
                keys(&ph(w), &mut k);
                assert!(k.iter().any(|x| k0.contains(x)), "{w} vs {}", g[0]);
            }
        }
    }

    #[test]
    fn syllabify_picks_a_reading() {
        let s = syllabify(&ph("jongun"), false);
        let h: String = s.iter().map(|s| s.hangul()).collect();
        assert_eq!(h, "정은");
        let s = syllabify(&ph("cho'ngch'o'l"), true);
        let h: String = s.iter().map(|s| s.hangul()).collect();
        assert_eq!(h, "정철");
    }

    #[test]
    fn renders_the_systems() {
        let v = romanisations("MUN CHO'NG-CH'O'L");
        assert!(v.contains(&"Mun Chŏng-ch'ŏl".to_string()), "{v:?}");
        assert!(v.contains(&"Mun Jeongcheol".to_string()), "{v:?}");
        assert!(v.contains(&"Mun Jong Chol".to_string()), "{v:?}");
        assert!(v.contains(&"문정철".to_string()), "{v:?}");
        let v = romanisations("김정은");
        assert!(v.contains(&"Kim Jong Un".to_string()), "{v:?}");
        assert!(romanisations("Vladimir Putin").is_empty());
    }
}
