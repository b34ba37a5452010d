//! `trustdocs export ID [VERSION] [DIR] --out FILE.docx`: a version as a
//! Word document to edit, which `import --new-version-of` reads back.

use super::args::{Format, FormatArg, CONTENT};
use super::exit::{fail, Exit, Stage};
use super::terminal::clean;
use std::path::PathBuf;
use trustdocs::export::{run, Options};
use trustdocs::model::{Date, Version};
use trustdocs::Error;

#[derive(clap::Args)]
pub struct Args {
    /// The document's id, e.g. CORP/STRAT/003.
    id: String,
    /// `[VERSION] [DIR]`: the version to export (default: the one in force today, or on
    /// --today), then the content folder (default: content).
    #[arg(value_name = "VERSION DIR", num_args = 0..=2)]
    rest: Vec<String>,
    /// The Word file to write. An existing file is replaced only when export made it.
    #[arg(long)]
    out: PathBuf,
    /// Replace --out even when it is not a file export made.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    format: FormatArg,
}

pub fn run_export(a: Args, today: Date) -> Exit {
    let (version, dir) = match version_and_folder(&a.rest) {
        Ok(v) => v,
        Err(e) => return fail(&e, Stage::Input),
    };
    let opts = Options { id: a.id, version, dir, out: a.out, force: a.force, today };
    match run(&opts) {
        Ok(done) => {
            match a.format.format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&done).expect("the report serialises")),
                Format::Human => println!(
                    "exported {} version {} ({}) → {}\n  edit it in Word, then: trustdocs import {} --new-version-of {}",
                    clean(&done.id),
                    clean(&done.version),
                    clean(&done.from),
                    clean(&done.out),
                    clean(&done.out),
                    clean(&done.id)
                ),
            }
            Exit::Done
        }
        Err(e) => fail(&e, Stage::Work),
    }
}

/// `[VERSION] [DIR]`: a first word that reads as a version is the version;
/// a word that does not is the content folder.
fn version_and_folder(rest: &[String]) -> Result<(Option<String>, PathBuf), Error> {
    let is_version = |s: &str| Version::parse(s.trim_start_matches(['v', 'V'])).is_ok();
    match rest {
        [] => Ok((None, PathBuf::from(CONTENT))),
        [one] if is_version(one) => Ok((Some(one.trim_start_matches(['v', 'V']).to_string()), PathBuf::from(CONTENT))),
        [one] => Ok((None, PathBuf::from(one))),
        [v, dir] if is_version(v) => Ok((Some(v.trim_start_matches(['v', 'V']).to_string()), PathBuf::from(dir))),
        [v, _] => Err(Error::Usage(format!(
            "`{v}` is not a version: write `trustdocs export ID [VERSION] [DIR] --out FILE.docx`, the version as a number such as 3 or 2.1"
        ))),
        _ => Err(Error::Usage("write `trustdocs export ID [VERSION] [DIR] --out FILE.docx`".into())),
    }
}
