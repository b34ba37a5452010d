//! Stage timings on standard error when `TRUSTDOCS_TIMINGS` is set, for the
//! benchmarks (how much checking adds to a build, where the time goes).

use std::cell::Cell;
use std::time::Instant;

pub struct Clock {
    enabled: bool,
    last: Cell<Instant>,
}

impl Clock {
    pub fn start() -> Clock {
        Clock { enabled: std::env::var_os("TRUSTDOCS_TIMINGS").is_some(), last: Cell::new(Instant::now()) }
    }

    /// Prints the time since the previous lap.
    pub fn lap(&self, stage: &str) {
        if self.enabled {
            let now = Instant::now();
            eprintln!("timing: {stage}: {:.3} s, {} MB resident", (now - self.last.get()).as_secs_f64(), resident_mb());
            self.last.set(now);
        }
    }
}

/// The process's resident memory now (Linux; 0 elsewhere).
fn resident_mb() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm.split_whitespace().nth(1).and_then(|p| p.parse().ok()).unwrap_or(0);
    pages * 4096 / (1024 * 1024)
}
