//! The `trustdocs` program. The command line is `src/cli/`; the work is
//! the library's.

mod cli;

fn main() -> std::process::ExitCode {
    trustdocs::memory::one_arena_a_core();
    cli::run()
}
