//! The integration tests: one binary, so the library (and tantivy) is
//! linked once, with one module per area. `common` holds the fixtures and
//! helpers; whole example libraries are folders under `tests/fixtures/`.
//! The browser and accessibility tests need the npm packages in
//! `tests/browser` and `tests/a11y` (`bash scripts/test.sh` installs them).

mod common;
mod search_library;

mod a11y;
mod acknowledgements;
mod architecture;
mod browser;
mod check_documents;
mod check_output;
mod checks;
mod cli;
mod compare;
mod concurrency;
mod current;
mod diff;
mod documentation;
mod external_links;
mod feeds;
mod fuzz;
mod governance;
mod hostile;
mod ids;
mod import;
mod import_agreement;
mod in_force;
mod incremental;
mod library_pages;
mod lock;
mod lock_attacks;
mod out_folder;
mod pdf;
mod public_copy;
mod publish;
mod ratify;
mod readiness;
mod redline;
mod register;
mod retention;
mod review_status;
mod reviews;
mod role_contacts;
mod route;
mod schema;
mod search;
mod search_terms;
mod serve;
mod site;
mod suggestions;
mod unsafe_urls;
mod versions;
mod withdraw;
mod word;
