//! The one exit-status policy, for every command: **0** done; **1** errors
//! found (or warnings, when denied), a refusal, a failure, or a content
//! folder another trustdocs command held too long; **2** bad usage or an
//! input that cannot be read. An error's status depends on when it stopped
//! the command: the same unreadable file is bad input when it is what the
//! command was given, and a failure when the command's own work needed it.

use std::process::ExitCode;
use trustdocs::diag::Summary;
use trustdocs::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    Done,
    Failed,
    Usage,
}

/// When an error stopped a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading what the command was given: its content folder, the files or
    /// documents named, the output folder.
    Input,
    /// The command's own work, once its input was read.
    Work,
}

impl Exit {
    /// The status of a command that `e` stopped at `stage`.
    pub fn of(e: &Error, stage: Stage) -> Exit {
        match (e, stage) {
            (Error::Usage(_) | Error::Unreadable(_), _) => Exit::Usage,
            (Error::Busy(_), _) => Exit::Failed,
            (_, Stage::Input) => Exit::Usage,
            (_, Stage::Work) => Exit::Failed,
        }
    }

    /// The checks' findings: errors fail, and warnings too when denied.
    pub fn findings(summary: &Summary, deny_warnings: bool) -> Exit {
        match summary.errors > 0 || (deny_warnings && summary.warnings > 0) {
            true => Exit::Failed,
            false => Exit::Done,
        }
    }

    /// An import: an input that could not be read is bad input; one that
    /// could not be written, or errors in what was written, a failure.
    pub fn import(outcome: &trustdocs::import::Outcome) -> Exit {
        if outcome.files.iter().any(|f| f.unreadable) {
            Exit::Usage
        } else if outcome.files.iter().any(|f| f.error.is_some()) || outcome.summary.errors > 0 {
            Exit::Failed
        } else {
            Exit::Done
        }
    }

    pub fn code(self) -> u8 {
        match self {
            Exit::Done => 0,
            Exit::Failed => 1,
            Exit::Usage => 2,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit.code())
    }
}

/// Prints why `e` stopped the command, and gives its status.
pub fn fail(e: &Error, stage: Stage) -> Exit {
    super::terminal::error(e);
    Exit::of(e, stage)
}

#[cfg(test)]
mod tests {
    use super::{Exit, Stage};
    use trustdocs::Error;

    #[test]
    fn bad_usage_and_unreadable_input_are_2_and_a_busy_folder_is_1_wherever_they_happen() {
        let usage = || Error::Usage("x".into());
        let busy = || Error::Busy("x".into());
        let unreadable = || Error::Unreadable(Box::new(Error::Theme("x".into())));
        for stage in [Stage::Input, Stage::Work] {
            assert_eq!(Exit::of(&usage(), stage), Exit::Usage);
            assert_eq!(Exit::of(&unreadable(), stage), Exit::Usage);
            assert_eq!(Exit::of(&busy(), stage), Exit::Failed);
        }
    }

    #[test]
    fn other_errors_are_bad_input_when_reading_and_failures_after() {
        let refused = Error::Refused("x".into());
        assert_eq!(Exit::of(&refused, Stage::Input), Exit::Usage);
        assert_eq!(Exit::of(&refused, Stage::Work), Exit::Failed);
        assert_eq!([Exit::Done, Exit::Failed, Exit::Usage].map(Exit::code), [0, 1, 2]);
    }
}
