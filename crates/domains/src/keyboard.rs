//! Keys next to each other on QWERTY, QWERTZ and AZERTY keyboards (dnstwist's layouts):
//! a typo replaces or doubles a letter with a neighbour.

const LAYOUTS: [[&str; 4]; 3] = [
    ["1234567890-", "qwertyuiop", "asdfghjkl", "zxcvbnm"],
    ["1234567890-", "qwertzuiop", "asdfghjkl", "yxcvbnm"],
    ["1234567890-", "azertyuiop", "qsdfghjklm", "wxcvbn"],
];

/// Whether `a` and `b` are neighbouring keys on one of the layouts: same row side by side, or
/// the row above or below at the same or the next position (the keyboard's stagger).
pub fn adjacent(a: char, b: char) -> bool {
    if a == b {
        return false;
    }
    LAYOUTS.iter().any(|rows| {
        rows.iter().enumerate().any(|(r, row)| {
            let Some(i) = row.find(a) else {
                return false;
            };
            let at = |row: usize, col: isize| -> bool {
                usize::try_from(col)
                    .ok()
                    .and_then(|c| rows.get(row)?.as_bytes().get(c).copied())
                    .is_some_and(|k| char::from(k) == b)
            };
            let i = i as isize;
            at(r, i - 1)
                || at(r, i + 1)
                || (r > 0 && (at(r - 1, i) || at(r - 1, i + 1)))
                || at(r + 1, i - 1)
                || at(r + 1, i)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_follow_the_stagger() {
        // dnstwist's QWERTY map: 'q': '12wa', 'a': 'qwsz', 'z': 'asx', 'g': 'tyfhvb'.
        for (key, neighbours) in [("q", "12wa"), ("a", "qwsz"), ("z", "asx"), ("g", "tyfhvb")] {
            let k = key.chars().next().unwrap();
            for n in neighbours.chars() {
                assert!(adjacent(k, n), "{k} {n}");
                assert!(adjacent(n, k), "{n} {k}");
            }
        }
        assert!(!adjacent('q', 'p'));
        assert!(!adjacent('t', 's'));
        assert!(adjacent('z', 'u')); // QWERTZ: z sits where y is
        assert!(adjacent('a', 'z')); // AZERTY and QWERTY both
    }
}
