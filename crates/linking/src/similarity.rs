//! String measures used by comparisons and blocking keys: Jaro–Winkler, optimal string
//! alignment (Damerau–Levenshtein restricted to adjacent transpositions) and Soundex.
//!
//! All work on `char`s so non-ASCII names compare by letter, with an allocation-free fast path
//! for short ASCII strings (the common case).

/// Jaro–Winkler similarity in `[0, 1]` (prefix scale 0.1, prefix up to 4 characters).
///
/// ```
/// use redflag_linking::similarity::jaro_winkler;
/// assert!((jaro_winkler("martha", "marhta") - 0.9611).abs() < 1e-3);
/// assert_eq!(jaro_winkler("", ""), 1.0);
/// assert_eq!(jaro_winkler("abc", ""), 0.0);
/// ```
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    if a.is_ascii() && b.is_ascii() {
        jw_slices(a.as_bytes(), b.as_bytes())
    } else {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        jw_slices(&a, &b)
    }
}

fn jw_slices<T: PartialEq + Copy>(a: &[T], b: &[T]) -> f64 {
    let j = jaro(a, b);
    let prefix = a.iter().zip(b).take(4).take_while(|(x, y)| x == y).count();
    j + prefix as f64 * 0.1 * (1.0 - j)
}

fn jaro<T: PartialEq + Copy>(a: &[T], b: &[T]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut a_flags = [false; 64];
    let mut b_flags = [false; 64];
    let mut a_vec;
    let mut b_vec;
    let (a_m, b_m): (&mut [bool], &mut [bool]) = if a.len() <= 64 && b.len() <= 64 {
        (&mut a_flags[..a.len()], &mut b_flags[..b.len()])
    } else {
        a_vec = vec![false; a.len()];
        b_vec = vec![false; b.len()];
        (&mut a_vec[..], &mut b_vec[..])
    };
    let mut matches = 0usize;
    for (i, ca) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        for j in lo..hi {
            if !b_m[j] && b[j] == *ca {
                a_m[i] = true;
                b_m[j] = true;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let mut transpositions = 0usize;
    let mut k = 0usize;
    for (i, ca) in a.iter().enumerate() {
        if a_m[i] {
            while !b_m[k] {
                k += 1;
            }
            if *ca != b[k] {
                transpositions += 1;
            }
            k += 1;
        }
    }
    let m = matches as f64;
    (m / a.len() as f64 + m / b.len() as f64 + (m - (transpositions / 2) as f64) / m) / 3.0
}

/// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent
/// transpositions each cost 1 (`"1234"` → `"1243"` is 1).
///
/// ```
/// use redflag_linking::similarity::osa_distance;
/// assert_eq!(osa_distance("6988048", "6988084"), 1);
/// assert_eq!(osa_distance("kitten", "sitting"), 3);
/// ```
pub fn osa_distance(a: &str, b: &str) -> usize {
    if a.is_ascii() && b.is_ascii() {
        redflag_names::osa_distance(a.as_bytes(), b.as_bytes())
    } else {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        redflag_names::osa_distance(&a, &b)
    }
}

/// American Soundex code (letter + three digits) of the ASCII letters in `s`, or `None` when
/// `s` has no ASCII letter.
///
/// ```
/// use redflag_linking::similarity::soundex;
/// assert_eq!(soundex("Robert").as_deref(), Some("r163"));
/// assert_eq!(soundex("Rupert").as_deref(), Some("r163"));
/// assert_eq!(soundex("Ashcraft").as_deref(), Some("a261"));
/// assert_eq!(soundex("Tymczak").as_deref(), Some("t522"));
/// assert_eq!(soundex("123"), None);
/// ```
pub fn soundex(s: &str) -> Option<String> {
    fn code(c: u8) -> u8 {
        match c {
            b'b' | b'f' | b'p' | b'v' => b'1',
            b'c' | b'g' | b'j' | b'k' | b'q' | b's' | b'x' | b'z' => b'2',
            b'd' | b't' => b'3',
            b'l' => b'4',
            b'm' | b'n' => b'5',
            b'r' => b'6',
            b'h' | b'w' => b'h',
            _ => b'0', // vowels and y
        }
    }
    let mut letters = s
        .bytes()
        .filter(u8::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase());
    let first = letters.next()?;
    let mut out = vec![first];
    let mut last = code(first);
    for c in letters {
        let d = code(c);
        if d == b'h' {
            continue; // h and w do not separate equal codes
        }
        if d != b'0' && d != last {
            out.push(d);
            if out.len() == 4 {
                break;
            }
        }
        last = d;
    }
    while out.len() < 4 {
        out.push(b'0');
    }
    Some(String::from_utf8(out).expect("ascii"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaro_winkler_reference_values() {
        assert!((jaro_winkler("dwayne", "duane") - 0.84).abs() < 1e-2);
        assert!((jaro_winkler("dixon", "dicksonx") - 0.813).abs() < 1e-2);
        assert_eq!(jaro_winkler("same", "same"), 1.0);
        // Non-ASCII goes through the char path and agrees with itself.
        assert_eq!(jaro_winkler("müller", "müller"), 1.0);
        assert!(jaro_winkler("müller", "muller") > 0.85);
    }

    #[test]
    fn osa_counts_transpositions_once() {
        assert_eq!(osa_distance("ab", "ba"), 1);
        assert_eq!(osa_distance("", "abc"), 3);
        assert_eq!(osa_distance("19081209", "19080912"), 4);
    }
}
