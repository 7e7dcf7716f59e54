//! Domains out of whatever people paste: email addresses, URLs, bare hosts.
//!
//! Rules compare the domain of a candidate's email, portfolio or prior employer with
//! front-company and seized domains, and group people by the organisation a domain belongs
//! to. Both need one spelling per host: [`domain_of`] lowercases, drops `www.` and the
//! trailing root dot, and ignores scheme, user info, port, path, query and fragment.
//! [`registrable_domain`] then cuts a host down to the part someone registered
//! (`mail.corp.example.co.uk` → `example.co.uk`), so sub-domains of one registrant group
//! together.
//!
//! Internationalised names are kept in the form given: a punycode label (`xn--…`) stays
//! punycode and a Unicode label stays Unicode, so the two spellings of one IDN do not
//! compare equal yet.
//!
//! # Public suffixes
//!
//! [`registrable_domain`] uses a short built-in list of common multi-label public suffixes
//! (`co.uk`, `com.au`, `co.jp`, `com.cn`, …) plus a few hosting suffixes under which every
//! customer gets their own name (`github.io`, `netlify.app`, …). Anything not on the list is
//! treated as a one-label suffix. The full Public Suffix List is planned; until then an
//! unlisted multi-label suffix (say `gov.pk`) groups all its registrants as one domain.

/// The host of an email address, URL or bare host name, lowercased, without `www.` and the
/// trailing root dot; `None` when there is no plausible domain name in `raw`.
///
/// IP addresses are not domains and give `None`.
///
/// ```
/// use redflag_normalize::domain_of;
/// assert_eq!(domain_of("Jane <jane@Sub.Example.COM>").as_deref(), Some("sub.example.com"));
/// assert_eq!(domain_of("https://www.example.com/jobs?id=7").as_deref(), Some("example.com"));
/// assert_eq!(domain_of("not a domain"), None);
/// ```
pub fn domain_of(raw: &str) -> Option<String> {
    let mut s = raw.trim();
    // "Display Name <address>" keeps only the address.
    if let (Some(open), Some(close)) = (s.rfind('<'), s.rfind('>')) {
        if open < close {
            s = s[open + 1..close].trim();
        }
    }
    if let Some(rest) = strip_prefix_ignore_case(s, "mailto:") {
        s = rest;
    }
    if let Some(idx) = s.find("://") {
        // URL: scheme://[userinfo@]host[:port][/path][?query][#fragment]
        s = &s[idx + 3..];
        s = cut_at_any(s, &['/', '?', '#']);
        if let Some(at) = s.rfind('@') {
            s = &s[at + 1..];
        }
    } else if let Some(at) = s.rfind('@') {
        // Email address: the part after the last '@'.
        s = cut_at_any(&s[at + 1..], &['/', '?', '#', '>']);
    } else {
        // Bare host, possibly followed by a path.
        s = cut_at_any(s, &['/', '?', '#']);
    }
    if s.starts_with('[') {
        return None; // IPv6 literal
    }
    if let Some(colon) = s.rfind(':') {
        let port = &s[colon + 1..];
        if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s = &s[..colon];
    }
    let host = canonical_host(s);
    is_valid_host(&host).then_some(host)
}

/// The registrable part (eTLD+1) of a host: `mail.corp.example.co.uk` → `example.co.uk`,
/// `jobs.example.com` → `example.com`, `jane.github.io` → `jane.github.io`.
///
/// The input is lowercased and loses `www.` and a trailing dot, so the output of
/// [`domain_of`] and a raw host give the same answer. Hosts that are already a registrable
/// domain, public suffixes themselves, single labels and IP addresses come back unchanged
/// (apart from that clean-up). See the module documentation for the suffix list used.
///
/// ```
/// use redflag_normalize::registrable_domain;
/// assert_eq!(registrable_domain("mail.corp.example.co.uk"), "example.co.uk");
/// assert_eq!(registrable_domain("careers.example.com"), "example.com");
/// ```
pub fn registrable_domain(host: &str) -> String {
    let host = canonical_host(host.trim());
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() <= 2 || labels.iter().all(|l| l.bytes().all(|b| b.is_ascii_digit())) {
        return host;
    }
    let last_two = labels[labels.len() - 2..].join(".");
    let keep = if is_multi_label_suffix(&last_two) {
        3
    } else {
        2
    };
    labels[labels.len() - keep..].join(".")
}

/// Lowercase, no trailing root dot, no leading `www.` (when something is left after it).
fn canonical_host(s: &str) -> String {
    let lower = s.trim().to_lowercase();
    let trimmed = lower.trim_end_matches('.');
    match trimmed.strip_prefix("www.") {
        Some(rest) if rest.contains('.') => rest.to_string(),
        _ => trimmed.to_string(),
    }
}

/// Whether `host` (already lowercased) is a syntactically plausible DNS name with at least
/// two labels and a non-numeric top-level label.
pub(crate) fn is_valid_host(host: &str) -> bool {
    if host.is_empty() || host.len() > 253 {
        return false;
    }
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 {
        return false;
    }
    let label_ok = |label: &&str| {
        !label.is_empty()
            && label.chars().count() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c == '-' || c.is_alphanumeric())
    };
    let tld = labels[labels.len() - 1];
    labels.iter().all(label_ok) && !tld.chars().all(|c| c.is_ascii_digit())
}

/// `s` without `prefix`, compared ASCII-case-insensitively.
pub(crate) fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn cut_at_any<'a>(s: &'a str, stops: &[char]) -> &'a str {
    match s.find(stops) {
        Some(idx) => &s[..idx],
        None => s,
    }
}

/// Two-label suffixes under which names are registered: ICANN second-level domains in
/// common use, and hosting platforms from the private section of the Public Suffix List.
/// One group per line, suffixes separated by spaces.
const MULTI_LABEL_SUFFIXES: &[&str] = &[
    // United Kingdom
    "co.uk org.uk ac.uk gov.uk ltd.uk plc.uk me.uk net.uk sch.uk nhs.uk",
    // Australia and New Zealand
    "com.au net.au org.au edu.au gov.au asn.au id.au co.nz org.nz net.nz ac.nz govt.nz",
    // Japan and Korea
    "co.jp ne.jp or.jp ac.jp go.jp gr.jp ad.jp ed.jp lg.jp",
    "co.kr or.kr ne.kr re.kr go.kr ac.kr pe.kr",
    // China, Hong Kong, Taiwan
    "com.cn net.cn org.cn gov.cn edu.cn ac.cn",
    "com.hk org.hk net.hk edu.hk gov.hk idv.hk",
    "com.tw org.tw net.tw edu.tw gov.tw idv.tw",
    // South and South-East Asia
    "com.sg org.sg net.sg edu.sg gov.sg per.sg com.my org.my net.my edu.my gov.my",
    "co.in net.in org.in firm.in gen.in ind.in ac.in edu.in gov.in res.in",
    "com.pk org.pk net.pk edu.pk com.bd com.ph org.ph net.ph com.vn net.vn org.vn edu.vn",
    "co.id or.id ac.id go.id web.id co.th or.th ac.th in.th go.th",
    // Americas
    "com.br net.br org.br gov.br edu.br com.mx org.mx gob.mx edu.mx net.mx com.ar com.co com.pe",
    // Europe, Middle East, Africa
    "com.tr org.tr net.tr com.ua org.ua net.ua co.il org.il ac.il com.sa com.eg",
    "co.za org.za gov.za ac.za com.ng org.ng gov.ng co.ke",
    // Hosting platforms that give every customer a name of their own
    "github.io gitlab.io netlify.app vercel.app herokuapp.com pages.dev web.app",
    "firebaseapp.com appspot.com blogspot.com azurewebsites.net cloudfront.net glitch.me",
    "onrender.com fly.dev",
];

/// Whether `suffix` (two labels) is on the built-in multi-label suffix list.
fn is_multi_label_suffix(suffix: &str) -> bool {
    builtin_multi_label_suffixes().any(|listed| listed == suffix)
}

/// The built-in multi-label public suffixes (`co.uk`, `com.au`, `github.io`, …) that
/// [`registrable_domain`] knows: the last-resort suffix list of engines that can load the
/// full Public Suffix List (redflag-domains) when it is not installed.
pub fn builtin_multi_label_suffixes() -> impl Iterator<Item = &'static str> {
    MULTI_LABEL_SUFFIXES
        .iter()
        .flat_map(|group| group.split_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_spellings_of_one_host_agree() {
        let want = Some("sub.example.com".to_string());
        for raw in [
            "Name <a@Sub.Example.COM>",
            "a@Sub.Example.COM",
            "https://www.sub.example.com/path?q=1#top",
            "HTTP://user:pw@sub.example.com:8443/x",
            "www.sub.example.com",
            "sub.example.com.",
            "  sub.example.com/careers  ",
            "mailto:jobs@sub.example.com",
        ] {
            assert_eq!(domain_of(raw), want, "{raw}");
        }
    }

    #[test]
    fn strips_www_only_as_a_whole_label() {
        assert_eq!(
            domain_of("www2.example.com").as_deref(),
            Some("www2.example.com")
        );
        assert_eq!(
            domain_of("wwwexample.com").as_deref(),
            Some("wwwexample.com")
        );
        assert_eq!(domain_of("www.com").as_deref(), Some("www.com"));
    }

    #[test]
    fn keeps_punycode_as_given() {
        assert_eq!(
            domain_of("https://xn--bcher-kva.example/").as_deref(),
            Some("xn--bcher-kva.example")
        );
    }

    #[test]
    fn rejects_garbage_and_ip_addresses() {
        for raw in [
            "",
            "   ",
            "not a domain",
            "localhost",
            "http://192.168.1.10/admin",
            "10.0.0.1",
            "http://[::1]:8080/",
            "example..com",
            "-bad-.com",
            "a@b",
            "https://example.com:http/",
        ] {
            assert_eq!(domain_of(raw), None, "{raw}");
        }
    }

    #[test]
    fn different_hosts_stay_different() {
        assert_ne!(
            domain_of("jobs@hopanatech.com"),
            domain_of("jobs@hopanatech.co")
        );
        assert_ne!(domain_of("a@wkjllc.com"), domain_of("a@wkj-llc.com"));
    }

    #[test]
    fn registrable_domain_of_common_hosts() {
        assert_eq!(registrable_domain("example.com"), "example.com");
        assert_eq!(registrable_domain("careers.example.com"), "example.com");
        assert_eq!(registrable_domain("a.b.c.example.com"), "example.com");
        assert_eq!(registrable_domain("WWW.Example.COM."), "example.com");
        assert_eq!(
            registrable_domain("mail.corp.example.co.uk"),
            "example.co.uk"
        );
        assert_eq!(registrable_domain("shop.example.com.au"), "example.com.au");
        assert_eq!(registrable_domain("www.example.co.jp"), "example.co.jp");
        assert_eq!(registrable_domain("dev.example.com.cn"), "example.com.cn");
        assert_eq!(registrable_domain("x.example.co.kr"), "example.co.kr");
        assert_eq!(registrable_domain("x.example.com.br"), "example.com.br");
    }

    #[test]
    fn hosting_customers_are_separate_registrants() {
        assert_eq!(registrable_domain("jane.github.io"), "jane.github.io");
        assert_eq!(registrable_domain("blog.jane.github.io"), "jane.github.io");
        assert_ne!(
            registrable_domain("portfolio-a.netlify.app"),
            registrable_domain("portfolio-b.netlify.app")
        );
    }

    #[test]
    fn registrable_domain_leaves_odd_input_alone() {
        assert_eq!(registrable_domain("co.uk"), "co.uk");
        assert_eq!(registrable_domain("localhost"), "localhost");
        assert_eq!(registrable_domain("192.168.1.10"), "192.168.1.10");
    }

    #[test]
    fn suffix_list_is_lowercase_and_two_labels() {
        for suffix in MULTI_LABEL_SUFFIXES
            .iter()
            .flat_map(|g| g.split_whitespace())
        {
            assert_eq!(suffix.split('.').count(), 2, "{suffix}");
            assert_eq!(suffix, suffix.to_lowercase());
        }
    }
}
