//! The library as a record over time, read from the timeline the resolve
//! stage computes (`model::timeline`, `resolve::Versions::spans`): which
//! version was in force on a day (`in_force.rs`), which versions are past
//! their retention period and what was decided for them (`retention.rs`),
//! and the register of every version on record (`register.rs`). Pure
//! functions of the library; the command line and the renderers print them.

pub mod csv;
pub mod in_force;
pub mod register;
pub mod retention;
pub mod reviews;
