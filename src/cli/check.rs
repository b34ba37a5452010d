//! `trustdocs check [DIR] [DOCUMENT...]`: every finding, or those of the
//! documents named, on standard output.

use super::args::{Deny, Format, FormatArg, CONTENT};
use super::exit::{fail, Exit, Stage};
use super::terminal::stdout_style;
use std::ffi::OsString;
use std::path::PathBuf;
use trustdocs::links::fetch::FetchOptions;
use trustdocs::model::Date;
use trustdocs::project::{ExternalOptions, ExternalReport};
use trustdocs::{report, Project};

#[derive(clap::Args)]
pub struct Args {
    /// The content folder (holds site.yaml and documents/). Default: content, or the
    /// folder the DOCUMENT files given lie in.
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
    /// Report only these documents: files under the content folder's documents/, or ids
    /// (POL/002/015). The whole library is still read, so references resolve.
    #[arg(value_name = "DOCUMENT")]
    documents: Vec<OsString>,
    #[command(flatten)]
    format: FormatArg,
    /// Exit with status 1 on warnings too (`--deny warnings`).
    #[arg(long, value_enum)]
    deny: Option<Deny>,
    /// Also ask every external link whether it answers (X010; one with a user name or
    /// password in it is asked without them): directly, never through a proxy, 8 at a time, 10 seconds
    /// each; links that answered are not asked again for a week.
    #[arg(long)]
    external: bool,
    /// The output folder whose .trustdocs/links.json keeps the results of --external
    /// (default: dist). The same rules as build --out apply.
    #[arg(long, requires = "external")]
    out: Option<PathBuf>,
}

pub fn run(a: Args, today: Date) -> Exit {
    let (dir, documents) = target(a.dir, a.documents);
    let project = match Project::load(&dir, today) {
        Ok(p) => p,
        Err(e) => return fail(&e, Stage::Input),
    };
    let selection = match documents.is_empty() {
        true => None,
        false => match project.select(&documents) {
            Ok(s) => Some(s),
            Err(e) => return fail(&e, Stage::Input),
        },
    };
    let mut checked = project.check();
    if a.external {
        let external =
            ExternalOptions { out: a.out.unwrap_or_else(|| PathBuf::from("dist")), fetch: FetchOptions::default() };
        let before = |r: ExternalReport| {
            eprintln!("asking {} external links whether they answer ({} known from the last week)", r.asked, r.cached)
        };
        // The output folder is input too: one that is not trustdocs' own is refused as `build --out` is.
        if let Err(e) = checked.check_external(selection.as_ref(), &external, &before) {
            return fail(&e, Stage::Input);
        }
    }
    if let Some(selection) = &selection {
        checked = checked.only(selection);
    }
    match a.format.format {
        Format::Json => print!("{}", report::json(&checked.diags, &checked.summary)),
        Format::Human => {
            print!("{}", report::human(&checked.diags, &checked.sources(), &checked.summary, stdout_style()))
        }
    }
    Exit::findings(&checked.summary, a.deny == Some(Deny::Warnings))
}

/// The content folder and the documents of `check [DIR] [DOCUMENT...]`.
/// The first argument is the folder when it is one; otherwise it is the
/// first document, and the folder is the one that document file lies in
/// (or `content`).
fn target(dir: Option<PathBuf>, mut documents: Vec<OsString>) -> (PathBuf, Vec<OsString>) {
    let default = PathBuf::from(CONTENT);
    match dir {
        None => (default, documents),
        Some(d) if d.is_dir() => (d, documents),
        // Neither a folder nor anything else that exists, and no `content`
        // to look in: a mistyped folder, which loading will say is missing.
        Some(d) if !d.exists() && !default.is_dir() => (d, documents),
        Some(first) => {
            let folder = trustdocs::project::content_folder_of(&first).unwrap_or(default);
            documents.insert(0, first.into_os_string());
            (folder, documents)
        }
    }
}
