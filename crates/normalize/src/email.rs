//! One key per mailbox, so that spellings of the same address compare equal.
//!
//! Facilitators and repeat applicants reuse a mailbox under small variations that the mail
//! provider ignores: case, dots in a Gmail local part, `+tag` sub-addresses, the
//! `googlemail.com` alias. [`email_key`] removes exactly those variations:
//!
//! - trim, accept `Name <address>` and `mailto:`; lowercase the whole address (local parts
//!   are case-sensitive in theory, case-insensitive at every large provider);
//! - `gmail.com` and `googlemail.com` become `gmail.com`; their local part loses its dots and
//!   its `+tag`;
//! - every other domain loses the `+tag` only. Most providers that matter here (Outlook,
//!   iCloud, Fastmail, Proton, Google Workspace) deliver `+tag` to the base mailbox; for the
//!   few that do not, two real mailboxes differing only after a `+` are vanishingly rare.
//!   Dots are kept, because outside Gmail `j.smith` and `jsmith` are different mailboxes.
//!   Yahoo's `-` disposable addresses are not folded: `-` is an ordinary character elsewhere.

use crate::domain::{is_valid_host, strip_prefix_ignore_case};

/// The comparison key of an email address, or `None` if `raw` is not one.
///
/// ```
/// use redflag_normalize::email_key;
/// assert_eq!(email_key(" J.Smith+jobs@GoogleMail.com ").as_deref(), Some("jsmith@gmail.com"));
/// assert_eq!(email_key("j.smith+jobs@outlook.com").as_deref(), Some("j.smith@outlook.com"));
/// assert_eq!(email_key("not an email"), None);
/// ```
pub fn email_key(raw: &str) -> Option<String> {
    let mut s = raw.trim();
    if let (Some(open), Some(close)) = (s.rfind('<'), s.rfind('>')) {
        if open < close {
            s = s[open + 1..close].trim();
        }
    }
    if let Some(rest) = strip_prefix_ignore_case(s, "mailto:") {
        s = rest.trim();
    }
    let lower = s.to_lowercase();
    let (local, domain) = lower.split_once('@')?;
    if domain.contains('@') || !local_part_ok(local) {
        return None;
    }
    let domain = domain.trim_end_matches('.');
    if !is_valid_host(domain) {
        return None;
    }
    let (local, domain) = match domain {
        "gmail.com" | "googlemail.com" => (strip_tag(local).replace('.', ""), "gmail.com"),
        _ => (strip_tag(local).to_string(), domain),
    };
    if local.is_empty() {
        return None;
    }
    Some(format!("{local}@{domain}"))
}

/// The local part without its `+tag` sub-address.
fn strip_tag(local: &str) -> &str {
    local.split_once('+').map_or(local, |(base, _)| base)
}

/// Unquoted local parts only: no spaces, no specials that would need quoting.
fn local_part_ok(local: &str) -> bool {
    !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !"<>()[]\\,;:\"".contains(c))
}

#[cfg(test)]
mod tests {
    use super::email_key;

    fn key(raw: &str) -> String {
        email_key(raw).unwrap_or_else(|| panic!("no key for {raw:?}"))
    }

    #[test]
    fn gmail_ignores_case_dots_and_tags() {
        let want = "benguyen0214@gmail.com";
        for raw in [
            "benguyen0214@gmail.com",
            "BenGuyen0214@Gmail.com",
            "ben.guyen.0214@gmail.com",
            "benguyen0214+upwork@gmail.com",
            "b.e.n.guyen0214+x+y@googlemail.com",
            "Ben Nguyen <ben.guyen0214@gmail.com>",
            "mailto:benguyen0214@gmail.com",
            "  benguyen0214@gmail.com.  ",
        ] {
            assert_eq!(key(raw), want, "{raw}");
        }
    }

    #[test]
    fn other_providers_keep_dots_but_lose_tags() {
        assert_eq!(
            key("Jenson.Collins@Hotmail.com"),
            "jenson.collins@hotmail.com"
        );
        assert_eq!(
            key("jenson.collins+jobs@hotmail.com"),
            "jenson.collins@hotmail.com"
        );
        assert_ne!(
            key("jenson.collins@hotmail.com"),
            key("jensoncollins@hotmail.com")
        );
        assert_eq!(key("zhmolly+a@proton.me"), key("ZHMOLLY@proton.me"));
    }

    #[test]
    fn look_alikes_stay_different() {
        // One letter, or a typo-squatted domain, is another mailbox.
        assert_ne!(key("jwtradera@outlook.com"), key("jwtradera@outook.com"));
        assert_ne!(
            key("davidadachi56@gmail.com"),
            key("davidadachi57@gmail.com")
        );
        assert_ne!(key("glausli1990@outlook.com"), key("glausli1990@gmail.com"));
        // Dots only vanish at Gmail.
        assert_ne!(key("a.b@yahoo.com"), key("ab@yahoo.com"));
    }

    #[test]
    fn not_emails() {
        for raw in [
            "",
            "   ",
            "plainaddress",
            "@example.com",
            "user@",
            "user@localhost",
            "a@@example.com",
            "a@b@example.com",
            "john smith@example.com",
            "+tag@example.com",
            ".dot@example.com",
            "user@192.168.0.1",
        ] {
            assert_eq!(email_key(raw), None, "{raw}");
        }
    }
}
