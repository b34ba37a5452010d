//! What reaches the terminal: whether it takes colour (a terminal, and no
//! `NO_COLOR`), and text cleaned of control sequences. Messages quote
//! content (titles, file names, typst's output about a document), so every
//! one is cleaned here, where it is printed, and nowhere else.

use std::fmt::Display;
use std::io::IsTerminal;
use trustdocs::report::{self, Style};
use trustdocs::text::for_terminal;
use trustdocs::Error;

/// The style of what goes to standard output.
pub fn stdout_style() -> Style {
    style_of(&std::io::stdout())
}

/// The style of what goes to standard error.
pub fn stderr_style() -> Style {
    style_of(&std::io::stderr())
}

fn style_of(stream: &impl IsTerminal) -> Style {
    match std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && stream.is_terminal() {
        true => Style::Color,
        false => Style::Plain,
    }
}

/// `text` as the terminal may show it.
pub fn clean(text: &str) -> String {
    for_terminal(text).into_owned()
}

/// A line of `error: ` and a message, on standard error.
pub fn error_line(message: &dyn Display) {
    eprintln!("error: {}", clean(&message.to_string()));
}

/// Why a command stopped, on standard error. Findings are shown as `check`
/// shows them, then why they stop the command; a single file's reading
/// (S008) on one line with its code.
pub fn error(e: &Error) {
    let Error::Findings(f) = e else { return error_line(e) };
    match (f.is_one_file(), f.first()) {
        (true, Some(d)) => eprintln!("error[{}]: {}", d.code.as_str(), clean(&f.to_string())),
        _ => {
            let summary = trustdocs::diag::Summary::of(1, &f.diagnostics);
            eprint!("{}", report::human(&f.diagnostics, &f.sources, &summary, stderr_style()));
            error_line(e);
        }
    }
}
