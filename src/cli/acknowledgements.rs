//! `trustdocs acknowledgements [DIR] --responses FILE --staff FILE`: who
//! has confirmed reading the version in force of each document staff must
//! confirm, for people, as JSON or as CSV; to the terminal or `--out`,
//! never into the content folder or a site (docs/telling-people.md).

use super::args::{ContentDir, TableFormat};
use super::exit::{fail, Exit, Stage};
use super::terminal::clean;
use std::path::PathBuf;
use trustdocs::acknowledge::{self, out, report};
use trustdocs::model::Date;
use trustdocs::Project;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    content: ContentDir,
    /// The form's responses exported as CSV (columns who, id, version, fingerprint, when).
    #[arg(long, value_name = "FILE.csv")]
    responses: PathBuf,
    /// The staff list as CSV (columns who, name, roles; roles separated by `;` or `,`).
    #[arg(long, value_name = "FILE.csv")]
    staff: PathBuf,
    /// Write the report to this file (replaced whole if it exists) instead of the terminal.
    /// Refused inside the content folder or a site a build made.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// `human`, `json` or `csv` (formula-safe, for spreadsheets).
    #[arg(long, value_enum, default_value_t = TableFormat::Human)]
    format: TableFormat,
}

pub fn run(a: Args, today: Date) -> Exit {
    let dir = &a.content.dir;
    if let Some(path) = &a.out {
        if let Err(e) = out::check(path, dir, &[&a.responses, &a.staff]) {
            return fail(&e, Stage::Input);
        }
    }
    let project = match Project::load(dir, today) {
        Ok(p) => p,
        Err(e) => return fail(&e, Stage::Input),
    };
    let found = match acknowledge::report(&project.lib, &a.responses, &a.staff) {
        Ok(r) => r,
        Err(e) => return fail(&e, Stage::Input),
    };
    let text = match a.format {
        TableFormat::Human => report::human(&found),
        TableFormat::Json => report::json(&found),
        TableFormat::Csv => report::csv(&found),
    };
    match &a.out {
        None => print(&if a.format == TableFormat::Human { clean(&text) } else { text }),
        Some(path) => match out::write(path, &text) {
            Ok(()) => eprintln!("wrote {}", clean(&path.display().to_string())),
            Err(e) => return fail(&e, Stage::Work),
        },
    }
    Exit::Done
}

/// Standard output, without panicking when a reader stops early
/// (`| head`): the rest of the report is not wanted then.
fn print(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
}
