//! `trustdocs diff` and `trustdocs pack`: two versions of a document
//! compared, on the terminal or in the committee's paper.

use super::args::{ContentDir, Format, FormatArg, CONTENT};
use super::exit::{fail, Exit, Stage};
use super::terminal::stdout_style;
use std::path::PathBuf;
use trustdocs::model::{Date, Version};
use trustdocs::report::Style;
use trustdocs::{Error, Project};

#[derive(clap::Args)]
pub struct DiffArgs {
    /// The document's id, e.g. CORP/STRAT/003.
    id: String,
    /// `[FROM [TO]] [DIR]`: the versions to compare (default: the version in preparation
    /// against the current one, else the current one against the one before it), then the
    /// content folder (default: content).
    #[arg(value_name = "FROM TO DIR", num_args = 0..=3)]
    rest: Vec<String>,
    #[command(flatten)]
    format: FormatArg,
}

#[derive(clap::Args)]
pub struct PackArgs {
    /// The document's id, e.g. CORP/STRAT/003.
    id: String,
    #[command(flatten)]
    content: ContentDir,
    /// The PDF to write (default: <id>-v<version>-committee-paper.pdf here).
    #[arg(long)]
    out: Option<PathBuf>,
}

/// The comparison on standard output.
pub fn diff(a: DiffArgs, today: Date) -> Exit {
    let (versions, dir) = match versions_and_folder(&a.rest) {
        Ok(args) => args,
        Err(e) => return fail(&e, Stage::Work),
    };
    let project = match Project::load(&dir, today) {
        Ok(p) => p,
        Err(e) => return fail(&e, Stage::Input),
    };
    match project.diff(&a.id, &versions) {
        Ok(c) => {
            match a.format.format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&c).expect("a comparison serialises")),
                Format::Human => {
                    print!("{}", trustdocs::compare::terminal::render(&c, stdout_style() == Style::Color))
                }
            }
            Exit::Done
        }
        Err(e) => fail(&e, Stage::Work),
    }
}

/// `ID [FROM [TO]] [DIR]`: the words after the id that read as versions
/// are versions; a last word that does not is the content folder.
fn versions_and_folder(rest: &[String]) -> Result<(Vec<Version>, PathBuf), Error> {
    let mut versions = Vec::new();
    let mut dir = None;
    for (i, arg) in rest.iter().enumerate() {
        let last = i + 1 == rest.len();
        match Version::parse(arg.trim_start_matches(['v', 'V'])) {
            Ok(v) if versions.len() < 2 && !(last && i == 2) => versions.push(v),
            _ if last => dir = Some(PathBuf::from(arg)),
            _ => {
                return Err(Error::Usage(format!(
                    "`{arg}` is not a version: write `trustdocs diff ID [FROM [TO]] [DIR]`, versions as numbers such as 3 or 2.1"
                )))
            }
        }
    }
    Ok((versions, dir.unwrap_or_else(|| PathBuf::from(CONTENT))))
}

/// The committee's paper, and where it went.
pub fn pack(a: PackArgs, today: Date) -> Exit {
    let checked = match trustdocs::check(&a.content.dir, today) {
        Ok(c) => c,
        Err(e) => return fail(&e, Stage::Input),
    };
    match checked.pack(&a.id, a.out) {
        Ok(path) => {
            println!("wrote the committee paper to {}", path.display());
            Exit::Done
        }
        Err(e) => fail(&e, Stage::Work),
    }
}

#[cfg(test)]
mod tests {
    use super::versions_and_folder;

    #[test]
    fn words_that_read_as_versions_are_versions_and_a_last_other_word_the_folder() {
        let args = |words: &[&str]| versions_and_folder(&words.iter().map(|w| w.to_string()).collect::<Vec<_>>());
        let (versions, dir) = args(&["v3", "4", "lib"]).unwrap();
        assert_eq!((versions.len(), dir.to_str()), (2, Some("lib")));
        assert_eq!(args(&[]).unwrap().1.to_str(), Some("content"));
        assert!(args(&["x", "3"]).is_err());
    }
}
