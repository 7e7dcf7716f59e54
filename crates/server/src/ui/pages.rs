//! The pages' bodies. Every value from data is escaped here, at the point it meets markup.

use std::fmt::Write as _;

use redflag_model::PersonResult;
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
