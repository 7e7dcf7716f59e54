//! Finding the catalogued technologies named in a text.

use redflag_reference::{technology_releases, TechnologyRelease};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A technology named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The technology, with its release month and source.
    pub technology: &'static TechnologyRelease,
    /// Byte range of the name in the text.
    pub start: usize,
    /// End of that range.
    pub end: usize,
}

/// One pattern for the names that ignore case and one for those that do not, each an
/// alternation with the longest names first ("React Native" before "React"), and the map
/// from a matched name back to its technology.
struct Matcher {
    any_case: Regex,
    exact_case: Regex,
    by_name: HashMap<String, &'static TechnologyRelease>,
}

static MATCHER: LazyLock<Matcher> = LazyLock::new(|| {
    let mut any_case: Vec<&str> = Vec::new();
    let mut exact_case: Vec<&str> = Vec::new();
    let mut by_name = HashMap::new();
    for technology in technology_releases() {
        for name in &technology.names {
            if technology.case_sensitive {
                exact_case.push(name);
                by_name.insert(name.clone(), technology);
            } else {
                any_case.push(name);
                by_name.insert(name.to_lowercase(), technology);
            }
        }
    }
    let alternation = |names: &mut Vec<&str>| {
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        names
            .iter()
            .map(|n| regex::escape(n))
            .collect::<Vec<_>>()
            .join("|")
    };
    let compile = |pattern: String| {
        // The names are the embedded catalogue, escaped: a failure is a bug the tests catch.
        Regex::new(&pattern).unwrap_or_else(|e| panic!("technology names: {e}"))
    };
    Matcher {
        any_case: compile(format!("(?i)(?:{})", alternation(&mut any_case))),
        exact_case: compile(format!("(?:{})", alternation(&mut exact_case))),
        by_name,
    }
});

/// Every catalogued technology named in `text`, as whole words (a name inside a longer word,
/// "Vue" in "Vuex", does not count), in the order of the text.
pub fn mentions(text: &str) -> Vec<Mention> {
    let matcher = &*MATCHER;
    let mut out = Vec::new();
    for (regex, fold) in [(&matcher.any_case, true), (&matcher.exact_case, false)] {
        for m in regex.find_iter(text) {
            if !whole_word(text, m.start(), m.end()) {
                continue;
            }
            let key = if fold {
                m.as_str().to_lowercase()
            } else {
                m.as_str().to_string()
            };
            if let Some(&technology) = matcher.by_name.get(&key) {
                out.push(Mention {
                    technology,
                    start: m.start(),
                    end: m.end(),
                });
            }
        }
    }
    out.sort_by_key(|m| m.start);
    out
}

/// Whether `text[start..end]` is not part of a longer word (letters, digits, `_`, or a `.`,
/// `#` or `+` joining word characters: "Vue" in "Vue.js" is not whole, in "Vue." is; a
/// hyphen joins nothing: "Kubernetes-based" names Kubernetes).
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let before = text[..start].chars().next_back();
    let mut after = text[end..].chars();
    let joined_after = match after.next() {
        Some(c) if word(c) => true,
        Some('.' | '#' | '+') => after.next().is_some_and(word),
        _ => false,
    };
    !before.is_some_and(word) && !joined_after
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&'static str> {
        mentions(text)
            .iter()
            .map(|m| m.technology.technology.as_str())
            .collect()
    }

    #[test]
    fn whole_words_longest_first_case_where_it_matters() {
        assert_eq!(
            names("Built React Native and ReactJS apps on K8s."),
            ["React Native", "React", "Kubernetes"]
        );
        assert_eq!(names("Vuex store; a Vue.js front end"), ["Vue.js"]);
        assert_eq!(names("a Kubernetes-based platform"), ["Kubernetes"]);
        // Words that are also technologies count only with their capital.
        assert_eq!(
            names("SWIFT payments, rust removal, at the helm"),
            Vec::<&str>::new()
        );
        assert_eq!(names("Swift and Rust services"), ["Swift", "Rust"]);
    }
}
