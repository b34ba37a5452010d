//! `trustdocs serve`: the preview server, which runs until stopped and
//! tells what it does as it does it.

use super::args::ContentDir;
use super::exit::{fail, Exit, Stage};
use trustdocs::model::Date;
use trustdocs::serve::{serve, ServeOptions};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    content: ContentDir,
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = 8000)]
    port: u16,
    /// Preview the public copy.
    #[arg(long)]
    public: bool,
    /// Include drafts, marked DRAFT.
    #[arg(long)]
    drafts: bool,
}

pub fn run(a: Args, today: Date) -> Exit {
    let opts = ServeOptions { dir: a.content.dir, port: a.port, public: a.public, drafts: a.drafts, today };
    match serve(opts) {
        Ok(()) => Exit::Done,
        Err(e) => fail(&e, Stage::Input),
    }
}
