//! The `trustdocs` program. The command line is `src/cli/`; the work is
//! the library's.

mod cli;

/// A tenth less processor time a build than glibc's allocator, whose
/// arenas also kept more of the peak (benches/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    trustdocs::memory::small_pages();
    cli::run()
}
