//! Prints how far `trustdocs import` agrees with the hand-made library in
//! content/: per front-matter key and overall, and the sections found.
//! `cargo run --example import_agreement [-- --diff]`.

#[path = "../tests/support/agreement.rs"]
mod agreement;

fn main() {
    let diff = std::env::args().any(|a| a == "--diff");
    let seeds = agreement::measure(&agreement::seed_inputs());
    println!("{}", seeds.table("From the seed texts (.txt)"));
    if diff {
        println!("{}", seeds.differences());
    }
    let docx = agreement::docx_inputs();
    if docx.iter().all(|(_, p, _)| p.exists()) {
        let m = agreement::measure(&docx);
        println!("{}", m.table("From the Word fixtures (.docx)"));
        if diff {
            println!("{}", m.differences());
        }
    }
}
