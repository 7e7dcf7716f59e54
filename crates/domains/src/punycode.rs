//! Punycode (RFC 3492), the ASCII spelling of internationalised labels (`xn--…`).
//!
//! Written here rather than taken from `idna` (whose UTS #46 tables pull in ICU4X): redflag
//! only needs to turn one label into the other and back. Both directions reject overflow and
//! malformed input instead of panicking.

const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 128;

/// The ACE prefix of a punycode label.
pub const ACE_PREFIX: &str = "xn--";

fn adapt(mut delta: u32, points: u32, first: bool) -> u32 {
    delta /= if first { DAMP } else { 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (((BASE - T_MIN + 1) * delta) / (delta + SKEW))
}

fn digit_value(c: u8) -> Option<u32> {
    match c {
        b'a'..=b'z' => Some(u32::from(c - b'a')),
        b'A'..=b'Z' => Some(u32::from(c - b'A')),
        b'0'..=b'9' => Some(u32::from(c - b'0') + 26),
        _ => None,
    }
}

fn digit_char(d: u32) -> char {
    // d < 36 by construction.
    let byte = if d < 26 {
        b'a' + d as u8
    } else {
        b'0' + (d - 26) as u8
    };
    char::from(byte)
}

fn threshold(k: u32, bias: u32) -> u32 {
    if k <= bias {
        T_MIN
    } else if k >= bias + T_MAX {
        T_MAX
    } else {
        k - bias
    }
}

/// Decodes the part of a label after `xn--`; `None` when it is not valid punycode.
///
/// ```
/// assert_eq!(redflag_domains::punycode::decode("bcher-kva").as_deref(), Some("bücher"));
/// ```
pub fn decode(input: &str) -> Option<String> {
    if !input.is_ascii() {
        return None;
    }
    let (basic, extended) = match input.rfind('-') {
        Some(i) => (&input[..i], &input[i + 1..]),
        None => ("", input),
    };
    let mut output: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    let bytes = extended.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        let old_i = i;
        let mut w = 1u32;
        let mut k = BASE;
        loop {
            let digit = digit_value(*bytes.get(pos)?)?;
            pos += 1;
            i = i.checked_add(digit.checked_mul(w)?)?;
            let t = threshold(k, bias);
            if digit < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k += BASE;
        }
        let len = u32::try_from(output.len() + 1).ok()?;
        bias = adapt(i - old_i, len, old_i == 0);
        n = n.checked_add(i / len)?;
        i %= len;
        let c = char::from_u32(n)?;
        if c.is_ascii() {
            return None; // basic code points are never encoded
        }
        output.insert(i as usize, c);
        i += 1;
    }
    Some(output.into_iter().collect())
}

/// Encodes a label to punycode, without the `xn--` prefix; `None` on overflow.
///
/// ```
/// assert_eq!(redflag_domains::punycode::encode("bücher").as_deref(), Some("bcher-kva"));
/// ```
pub fn encode(input: &str) -> Option<String> {
    let chars: Vec<u32> = input.chars().map(u32::from).collect();
    let mut output: String = input.chars().filter(char::is_ascii).collect();
    let basic = u32::try_from(output.len()).ok()?;
    let mut handled = basic;
    if basic > 0 {
        output.push('-');
    }
    let (mut n, mut delta, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    let total = u32::try_from(chars.len()).ok()?;
    while handled < total {
        let m = chars.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(handled + 1)?)?;
        n = m;
        for &c in &chars {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = threshold(k, bias);
                    if q < t {
                        break;
                    }
                    output.push(digit_char(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                output.push(digit_char(q));
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n = n.checked_add(1)?;
    }
    Some(output)
}

/// A label's ASCII form: itself when ASCII, else `xn--` and its punycode.
pub fn to_ascii_label(label: &str) -> Option<String> {
    if label.is_ascii() {
        return Some(label.to_string());
    }
    encode(label).map(|p| format!("{ACE_PREFIX}{p}"))
}

/// A label's Unicode form: decoded when it is a valid `xn--` label, else itself.
pub fn to_unicode_label(label: &str) -> String {
    match label.strip_prefix(ACE_PREFIX) {
        Some(rest) => decode(rest).unwrap_or_else(|| label.to_string()),
        None => label.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Samples from RFC 3492 section 7.1 (lowercased) and common IDNs.
    const SAMPLES: &[(&str, &str)] = &[
        ("bücher", "bcher-kva"),
        ("münchen", "mnchen-3ya"),
        ("ليهمابتكلموشعربي؟", "egbpdaj6bu4bxfgehfvwxn"),
        ("他们为什么不说中文", "ihqwcrb4cv8a8dqg056pqjye"),
        (
            "почемужеонинеговорятпорусски",
            "b1abfaaepdrnnbgefbadotcwatmq2g4l",
        ),
        ("3年b組金八先生", "3b-ww4c5e180e575a65lsy2b"),
        ("пример", "e1afmkfd"),
        ("раураl", "l-7sba6dbr"),
    ];

    #[test]
    fn round_trips_the_rfc_samples() {
        for (unicode, puny) in SAMPLES {
            assert_eq!(encode(unicode).as_deref(), Some(*puny), "{unicode}");
            assert_eq!(decode(puny).as_deref(), Some(*unicode), "{puny}");
        }
    }

    #[test]
    fn rejects_malformed_input_without_panicking() {
        for bad in ["99999999999", "-", "a-é", "zzzzzzzzzzzzzzzzzzzzzz", "ab-!"] {
            let _ = decode(bad);
        }
        assert_eq!(decode("a-é"), None);
        assert_eq!(to_unicode_label("xn--!!"), "xn--!!");
        assert_eq!(to_ascii_label("kitrum").as_deref(), Some("kitrum"));
        assert_eq!(to_ascii_label("kitrüm").as_deref(), Some("xn--kitrm-nva"));
        assert_eq!(to_unicode_label("xn--kitrm-nva"), "kitrüm");
    }
}
