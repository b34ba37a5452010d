//! What several commands take: the content folder, `--today`, `--format`,
//! `--deny`, and dates, which the command line reads as documents write them.

use clap::ValueEnum;
use std::path::PathBuf;
use trustdocs::model::{Date, Precision};

/// The content folder a command uses when none is given.
pub const CONTENT: &str = "content";

/// The content folder, as the first argument after the command's own.
#[derive(clap::Args)]
pub struct ContentDir {
    /// The content folder (holds site.yaml and documents/).
    #[arg(default_value = CONTENT)]
    pub dir: PathBuf,
}

/// What every command accepts, before or after its name. Commands that
/// date nothing ignore `--today`, so that scripts can give it to all.
#[derive(clap::Args)]
pub struct Shared {
    /// The date to work as of, as YYYY-MM-DD or DD/MM/YYYY (default: the system date): review
    /// checks, pages and new history entries use it, and a decision may not be dated later.
    #[arg(long, global = true, value_name = "DATE", value_parser = date)]
    pub today: Option<Date>,
}

impl Shared {
    /// `--today`, or the system's date.
    pub fn today(&self) -> Date {
        self.today.unwrap_or_else(|| Date { day: chrono::Local::now().date_naive(), precision: Precision::Day })
    }
}

/// `--format`: for people or for scripts.
#[derive(clap::Args)]
pub struct FormatArg {
    /// `human` (in colour on a terminal; plain otherwise or with NO_COLOR) or `json`, for scripts.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// `--format` of the commands that list rows: for people, for scripts,
/// or for a spreadsheet or mail merge.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Human,
    Json,
    Csv,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    Errors,
    Warnings,
}

/// The value parser of every date option: a day as documents write it,
/// `2026-11-20` or `20/11/2026` (a month alone, which an amendment history
/// may give, names no day). The message names the forms accepted.
pub fn date(text: &str) -> trustdocs::Result<Date> {
    Date::parse(text, false)
}

#[cfg(test)]
mod tests {
    use super::date;

    #[test]
    fn days_are_read_as_documents_write_them() {
        assert_eq!(date("20/11/2026").ok(), date("2026-11-20").ok());
        assert_eq!(date("20/11/2026").map(|d| d.iso()).ok().as_deref(), Some("2026-11-20"));
        for wrong in ["31/02/2026", "13/25/2020", "09-01-2020", "2026-03", "23 November 2026", ""] {
            let message = date(wrong).expect_err(wrong).to_string();
            assert!(message.contains("write 2020-09-01 or 01/09/2020"), "{wrong}: {message}");
        }
        assert!(date("31/02/2026").unwrap_err().to_string().contains("February has no day 31"));
    }
}
