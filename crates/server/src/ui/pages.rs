//! The pages' bodies. Every value from data is escaped here, at the point it meets markup.

use std::fmt::Write as _;

use std::collections::BTreeMap;

use redflag_model::{Network, PersonResult};
use redflag_store::{Case, CaseEvent, CaseStatus, PersonRow};

use super::html::{escape, level, segment};

/// The sign-in form, with an error to show.
pub fn login(error: Option<&str>) -> String {
    let error = error.map_or(String::new(), |e| {
        format!("<p class=\"error\">{}</p>", escape(e))
    });
    format!(
        "<h1>Sign in</h1>{error}\
         <form class=\"case\" method=\"post\" action=\"/ui/login\">\
         <label>API key <input type=\"password\" name=\"key\" autocomplete=\"off\" required></label>\
         <button>Sign in</button></form>\
         <p>Keys come from <code>redflag keys create</code>.</p>"
    )
}

/// The case queue, filtered by status.
pub fn queue(rows: &[(Case, Option<String>)], status: Option<CaseStatus>) -> String {
    let mut out = String::from("<h1>Cases</h1><nav>");
    let all = if status.is_none() {
        "<strong>all</strong>"
    } else {
        "<a href=\"/ui/cases\">all</a>"
    };
    out.push_str(all);
    for s in CaseStatus::ALL {
        if Some(s) == status {
            let _ = write!(out, " <strong>{}</strong>", s.as_str());
        } else {
            let _ = write!(out, " <a href=\"/ui/cases?status={0}\">{0}</a>", s.as_str());
        }
    }
    out.push_str("</nav>");
    if rows.is_empty() {
        out.push_str("<p>No cases.</p>");
        return out;
    }
    out.push_str(
        "<table><thead><tr><th>case</th><th>person</th><th>level</th><th>score</th>\
         <th>status</th><th>assignee</th><th>updated</th></tr></thead><tbody>",
    );
    for (case, name) in rows {
        let _ = write!(
            out,
            "<tr><td>{}</td><td><a href=\"/ui/people/{}\">{}</a> <span class=\"refs\">{}</span></td>\
             <td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            case.case_id,
            segment(&case.person_id),
            escape(name.as_deref().unwrap_or("(not screened)")),
            escape(&case.person_id),
            level(case.level.name()),
            case.score,
            case.status.as_str(),
            escape(case.assignee.as_deref().unwrap_or("")),
            escape(&case.updated_at)
        );
    }
    out.push_str("</tbody></table>");
    out
}

/// People at medium or above.
pub fn people(rows: &[PersonRow]) -> String {
    let mut out = String::from(
        "<h1>People at medium or above</h1><table><thead><tr><th>person</th><th>org</th>\
         <th>level</th><th>score</th><th>network</th><th>evidence</th></tr></thead><tbody>",
    );
    for p in rows {
        let _ = write!(
            out,
            "<tr><td><a href=\"/ui/people/{}\">{}</a> <span class=\"refs\">{}</span></td><td>{}</td>\
             <td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            segment(&p.person_id),
            escape(&p.full_name),
            escape(&p.person_id),
            escape(p.org.as_deref().unwrap_or("")),
            level(p.level.name()),
            p.score,
            escape(p.network.as_deref().unwrap_or("")),
            p.evidence
        );
    }
    out.push_str("</tbody></table>");
    out
}

/// A person's page: result, evidence with rows and guidance, case history and form (when
/// `csrf` is given: the viewer may change the case).
pub fn person(
    result: &PersonResult,
    case: Option<&(Case, Vec<CaseEvent>)>,
    csrf: Option<&str>,
) -> String {
    let p = &result.person;
    let mut out = format!(
        "<h1>{}</h1><p><span class=\"refs\">{}</span> · {} · {} · score {} · {}</p>",
        escape(&p.full_name),
        escape(&p.person_id),
        escape(p.org.as_deref().unwrap_or("no org")),
        escape(p.claimed_country.as_deref().unwrap_or("no claimed country")),
        result.score,
        level(result.level.name())
    );
    if let Some(network) = &result.network {
        let _ = write!(out, "<p>Member of persona network {}</p>", escape(network));
    }
    out.push_str("<h2>Evidence</h2>");
    if result.evidence.is_empty() {
        out.push_str("<p>No evidence.</p>");
    } else {
        out.push_str(
            "<table><thead><tr><th>indicator</th><th>what was seen</th><th>weight</th>\
             <th>rows</th><th>guidance</th></tr></thead><tbody>",
        );
        for e in &result.evidence {
            let sources: Vec<String> = e
                .sources
                .iter()
                .map(|s| {
                    format!(
                        "<a href=\"{}\" title=\"{}\" rel=\"noreferrer\">{}</a>",
                        escape(&safe_url(&s.url)),
                        escape(&s.title),
                        escape(&s.id)
                    )
                })
                .collect();
            let _ = write!(
                out,
                "<tr><td><strong>{}</strong><br>{}</td><td>{}</td><td>{}</td>\
                 <td class=\"refs\">{}</td><td>{}</td></tr>",
                escape(&e.indicator),
                escape(&e.title),
                escape(&e.detail),
                e.weight,
                e.refs
                    .iter()
                    .map(|r| escape(r))
                    .collect::<Vec<_>>()
                    .join("<br>"),
                sources.join(" ")
            );
        }
        out.push_str("</tbody></table>");
    }
    match case {
        None => out.push_str("<h2>Case</h2><p>No case: the person is below the threshold.</p>"),
        Some((case, history)) => {
            let _ = write!(
                out,
                "<h2>Case {} — {}</h2><p>Assigned to {}; opened {}</p>",
                case.case_id,
                case.status.as_str(),
                escape(case.assignee.as_deref().unwrap_or("nobody")),
                escape(&case.opened_at)
            );
            out.push_str("<table><thead><tr><th>when</th><th>who</th><th>what</th><th>note</th></tr></thead><tbody>");
            for e in history {
                let what = match (e.status, e.assignee.as_deref()) {
                    (Some(s), _) => format!("{} → {}", escape(&e.action), s.as_str()),
                    (None, Some(a)) => format!(
                        "{} → {}",
                        escape(&e.action),
                        escape(if a.is_empty() { "nobody" } else { a })
                    ),
                    _ => escape(&e.action),
                };
                let note = [e.reason.as_deref(), e.comment.as_deref()]
                    .into_iter()
                    .flatten()
                    .map(escape)
                    .collect::<Vec<_>>()
                    .join("<br>");
                let _ = write!(
                    out,
                    "<tr><td>{}</td><td>{}</td><td>{what}</td><td>{note}</td></tr>",
                    escape(&e.at),
                    escape(&e.actor)
                );
            }
            out.push_str("</tbody></table>");
            if let Some(csrf) = csrf {
                let options: String =
                    std::iter::once("<option value=\"\">(keep)</option>".to_string())
                        .chain(
                            CaseStatus::ALL
                                .iter()
                                .map(|s| format!("<option>{}</option>", s.as_str())),
                        )
                        .collect();
                let _ = write!(
                    out,
                    "<form class=\"case\" method=\"post\" action=\"/ui/cases/{}\">\
                     <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
                     <input type=\"hidden\" name=\"person_id\" value=\"{}\">\
                     <label>Status <select name=\"status\">{options}</select></label>\
                     <label>Reason (needed to change the status) <input name=\"reason\"></label>\
                     <label>Assignee <input name=\"assignee\" value=\"{}\"></label>\
                     <label>Comment <textarea name=\"comment\"></textarea></label>\
                     <button>Save</button></form>",
                    case.case_id,
                    escape(csrf),
                    escape(&p.person_id),
                    escape(case.assignee.as_deref().unwrap_or(""))
                );
            }
        }
    }
    out
}

/// Guidance links only to the web: anything but `https:`/`http:` becomes `#`.
fn safe_url(url: &str) -> String {
    if url.starts_with("https://") || url.starts_with("http://") {
        url.to_string()
    } else {
        "#".to_string()
    }
}

/// Search results for `query`.
pub fn search(query: &str, rows: &[PersonRow]) -> String {
    let mut out = format!(
        "<h1>Search</h1><form method=\"get\" action=\"/ui/search\">\
         <input name=\"q\" value=\"{}\" placeholder=\"person id or name\"> <button>Search</button></form>",
        escape(query)
    );
    if query.trim().is_empty() {
        return out;
    }
    if rows.is_empty() {
        out.push_str("<p>No one matches.</p>");
        return out;
    }
    out.push_str(&people(rows).replacen("<h1>People at medium or above</h1>", "", 1));
    out
}

/// The persona networks, largest level first.
pub fn networks(networks: &[Network]) -> String {
    let mut out = String::from(
        "<h1>Persona networks</h1><table><thead><tr><th>network</th><th>level</th>\
         <th>members</th><th>links</th></tr></thead><tbody>",
    );
    for n in networks {
        let _ = write!(
            out,
            "<tr><td><a href=\"/ui/networks/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            segment(&n.network),
            escape(&n.network),
            level(n.level.name()),
            n.members.len(),
            n.evidence.len()
        );
    }
    out.push_str("</tbody></table>");
    out
}

/// One network: its members on a circle, joined where evidence links them (each link's
/// indicators in its tooltip), and the linking evidence below.
pub fn network(n: &Network) -> String {
    let members = &n.members;
    let count = members.len().max(1) as f64;
    let (size, radius) = (640.0_f64, 250.0_f64);
    let centre = size / 2.0;
    let at = |i: usize| {
        let angle = std::f64::consts::TAU * i as f64 / count - std::f64::consts::FRAC_PI_2;
        (centre + radius * angle.cos(), centre + radius * angle.sin())
    };
    let index: BTreeMap<&str, usize> = members
        .iter()
        .enumerate()
        .map(|(i, m)| (m.as_str(), i))
        .collect();
    // Edges between people named together by a piece of linking evidence.
    let mut edges: BTreeMap<(usize, usize), Vec<&str>> = BTreeMap::new();
    for e in &n.evidence {
        let linked: Vec<usize> = e
            .related
            .iter()
            .filter_map(|r| index.get(r.as_str()).copied())
            .collect();
        for (k, &a) in linked.iter().enumerate() {
            for &b in &linked[k + 1..] {
                let key = (a.min(b), a.max(b));
                let kinds = edges.entry(key).or_default();
                if !kinds.contains(&e.indicator.as_str()) {
                    kinds.push(&e.indicator);
                }
            }
        }
    }
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"{size}\" height=\"{size}\" role=\"img\" aria-label=\"network {}\">",
        escape(&n.network)
    );
    for ((a, b), kinds) in &edges {
        let ((x1, y1), (x2, y2)) = (at(*a), at(*b));
        let _ = write!(
            svg,
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"#c2410c\" stroke-opacity=\"0.5\" stroke-width=\"{}\"><title>{}</title></line>",
            kinds.len().min(4),
            escape(&kinds.join(", "))
        );
    }
    for (i, m) in members.iter().enumerate() {
        let (x, y) = at(i);
        let _ = write!(
            svg,
            "<a href=\"/ui/people/{}\"><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"9\" fill=\"#1d2330\"/>\
             <text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{}</text></a>",
            segment(m),
            y - 13.0,
            escape(m)
        );
    }
    svg.push_str("</svg>");
    let mut out = format!(
        "<h1>Network {}</h1><p>{} members · {} · {} links</p>{svg}<h2>Linking evidence</h2>\
         <table><thead><tr><th>indicator</th><th>what was seen</th><th>people</th><th>rows</th></tr></thead><tbody>",
        escape(&n.network),
        members.len(),
        level(n.level.name()),
        edges.len()
    );
    for e in &n.evidence {
        let people: Vec<String> = e
            .related
            .iter()
            .map(|r| format!("<a href=\"/ui/people/{}\">{}</a>", segment(r), escape(r)))
            .collect();
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"refs\">{}</td></tr>",
            escape(&e.indicator),
            escape(&e.detail),
            people.join(" "),
            e.refs
                .iter()
                .map(|r| escape(r))
                .collect::<Vec<_>>()
                .join("<br>")
        );
    }
    out.push_str("</tbody></table>");
    out
}
