//! X004's rule for "Title (ID)": which words before the parenthesis are a
//! title, and when two titles are the same.
//!
//! The title is the run of capitalised words (and the small words between
//! them: and, of, for, the, in, on, to, a, &) that ends right before `(`.
//! Two titles match when, after normalising, the written one equals the
//! target's or ends with it (so "the Trust's Lone Working Policy" matches
//! "Lone Working Policy"). Normalising forgives case, punctuation, a leading
//! "the", "&" for "and", and plural endings (a final "s").

const SMALL: &[&str] = &["and", "of", "for", "the", "in", "on", "to", "a", "&", "with"];

/// The title written before `(ID)`, if the text there looks like one.
pub fn written_title(before: &str) -> Option<String> {
    let words: Vec<&str> = before.split_whitespace().collect();
    let mut start = words.len();
    for (i, w) in words.iter().enumerate().rev() {
        let first = w.trim_start_matches(|c: char| !c.is_alphanumeric()).chars().next();
        let capitalised = first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let small = SMALL.contains(&w.to_lowercase().as_str());
        if w.contains(['(', ')']) {
            break;
        }
        if capitalised || (small && start < words.len()) {
            start = i;
        } else {
            break;
        }
        // A sentence boundary ends the title.
        if i > 0 && words[i - 1].ends_with(['.', ':', ';', '!', '?']) {
            break;
        }
    }
    let mut run: &[&str] = &words[start..];
    // "See the Lone Working Policy": a capitalised word starting a sentence
    // is not part of the title that follows "the".
    if let Some(the) = run.iter().take(2).position(|w| w.eq_ignore_ascii_case("the")) {
        run = &run[the + 1..];
    }
    let run: Vec<&str> = run.iter().copied().skip_while(|w| SMALL.contains(&w.to_lowercase().as_str())).collect();
    (!run.is_empty()).then(|| run.join(" "))
}

fn normalise(title: &str) -> Vec<String> {
    let spaced = title.replace('&', " and ");
    let words: Vec<String> = spaced
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| w.trim_matches(['\'', '’']).to_lowercase())
        .map(|w| w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).map(str::to_string).unwrap_or(w))
        .filter(|w| !w.is_empty())
        .map(singular)
        .collect();
    match words.first().map(String::as_str) {
        Some("the") => words[1..].to_vec(),
        _ => words,
    }
}

/// Forgives plural endings: policies → policy, procedures → procedure.
pub(super) fn singular(w: String) -> String {
    if w.len() > 4 && w.ends_with("ies") {
        format!("{}y", &w[..w.len() - 3])
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        w[..w.len() - 1].to_string()
    } else {
        w
    }
}

/// Whether a written title names the target.
pub fn matches(written: &str, target: &str) -> bool {
    let (w, t) = (normalise(written), normalise(target));
    !t.is_empty() && w.len() >= t.len() && w[w.len() - t.len()..] == t[..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_capitalised_run_before_the_parenthesis() {
        assert_eq!(
            written_title("managed in accordance with the Trust’s Lone Working Policy").as_deref(),
            Some("Trust’s Lone Working Policy")
        );
        assert_eq!(written_title("are outlined within the Security Policy").as_deref(), Some("Security Policy"));
        assert_eq!(
            written_title("Trust’s Risk and Safety Strategy and Policy").as_deref(),
            Some("Trust’s Risk and Safety Strategy and Policy")
        );
        assert_eq!(written_title("see the policy"), None);
        assert_eq!(written_title("It ends. Lone Working Policy").as_deref(), Some("Lone Working Policy"));
        assert_eq!(written_title("See the Lone Working Policy").as_deref(), Some("Lone Working Policy"));
        assert_eq!(written_title("See POL/1/2 (POL/1/2) and the Security Policy").as_deref(), Some("Security Policy"));
    }

    #[test]
    fn forgives_case_punctuation_the_ampersand_and_plurals() {
        assert!(matches("Trust’s Lone Working Policy", "Lone Working Policy"));
        assert!(matches("the lone-working policy", "Lone Working Policy"));
        assert!(matches("Health & Safety Policy", "Health and Safety Policy"));
        assert!(matches("Incident Reporting Procedures", "Incident Reporting Procedure"));
        assert!(matches(
            "Service Delivery Health & Safety Risk Assessment Policy",
            "Service Delivery Health and Safety Risk Assessment Policy"
        ));
        assert!(!matches("Security Policy", "Security Management Policy"));
        assert!(!matches("Policy", "Lone Working Policy"));
        assert!(matches("Lone Working Policy", "Lone Working Policies"));
    }
}
