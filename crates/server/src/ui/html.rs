//! HTML building: every value from data goes through [`escape`]; pages share one layout.

use std::fmt::Write as _;

/// `text` safe inside HTML text and double-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` as one path segment of a link (`P 1/2` → `P%201%2F2`).
pub fn segment(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The stylesheet, served at `/ui/style.css` (the pages' policy allows no inline style).
pub const STYLE: &str = "
body{font-family:system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2330;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;align-items:center}
header a{color:#fff;text-decoration:none}header form{margin-left:auto}
main{padding:1.2rem;max-width:72rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid #e2e5ea;padding:.4rem .6rem;text-align:left;vertical-align:top}
.level{font-weight:600;padding:.1rem .4rem;border-radius:.3rem}
.critical{background:#7a0010;color:#fff}.high{background:#c2410c;color:#fff}
.medium{background:#f59e0b}.low{background:#e5e7eb}.none{background:#f3f4f6}
.refs{font-family:monospace;font-size:.85em;color:#4b5563}
form.case{background:#fff;padding:.8rem;margin-top:1rem;display:grid;gap:.5rem;max-width:32rem}
.error{color:#b91c1c}nav a{margin-right:.8rem}
";

/// A whole page: `title` (text) and `body` (HTML the caller built from escaped parts).
/// `signed_in` is the principal's name and role for the header, with the sign-out form.
pub fn page(title: &str, body: &str, signed_in: Option<(&str, &str, &str)>) -> String {
    let header = match signed_in {
        Some((name, role, csrf)) => format!(
            "<a href=\"/ui/cases\">Cases</a><a href=\"/ui/people\">People</a>\
             <a href=\"/ui/networks\">Networks</a><a href=\"/ui/search\">Search</a>\
             <span>{} ({})</span>\
             <form method=\"post\" action=\"/ui/logout\">\
             <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
             <button>Sign out</button></form>",
            escape(name),
            escape(role),
            escape(csrf)
        ),
        None => String::new(),
    };
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\">\
         <title>{} · redflag</title><link rel=\"stylesheet\" href=\"/ui/style.css\"></head>\
         <body><header><strong>redflag</strong>{header}</header><main>{body}</main></body></html>",
        escape(title)
    )
}

/// A level as a coloured label.
pub fn level(level: &str) -> String {
    let name = escape(level);
    format!("<span class=\"level {name}\">{name}</span>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_text_and_attributes() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
        assert_eq!(segment("P 1/../2"), "P%201%2F..%2F2");
        let html = page("<b>", "<p>x</p>", Some(("<i>", "viewer", "\"t")));
        assert!(html.contains("&lt;b&gt; · redflag"));
        assert!(html.contains("&lt;i&gt; (viewer)"));
        assert!(html.contains("value=\"&quot;t\""));
    }
}
