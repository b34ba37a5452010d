//! Prints how far `trustdocs import` agrees with the hand-made library in
//! content/: per front-matter key and overall, and the sections found.
//! `cargo run --example import_agreement [-- --diff]`.

#[path = "../tests/support/agreement.rs"]
mod agreement;

/// The differences no warning names, and the values written without an origin.
fn silent(m: &agreement::Measure) -> String {
    let mut out =
        format!("silent differences: {} of {}\n", m.silent().len(), m.values.iter().filter(|v| !v.agrees()).count());
    for v in m.silent() {
        out.push_str(&format!("  silent: {} {}\n", v.document, v.path));
    }
    for (d, k) in &m.unaccounted {
        out.push_str(&format!("  no origin: {d} {k}\n"));
    }
    out
}

fn main() {
    let diff = std::env::args().any(|a| a == "--diff");
    let seeds = agreement::measure(&agreement::seed_inputs());
    println!("{}", seeds.table("From the seed texts (.txt)"));
    println!("{}", silent(&seeds));
    if diff {
        println!("{}", seeds.differences());
    }
    let docx = agreement::docx_inputs();
    if docx.iter().all(|(_, p, _)| p.exists()) {
        let m = agreement::measure(&docx);
        println!("{}", m.table("From the Word fixtures (.docx)"));
        println!("{}", silent(&m));
        if diff {
            println!("{}", m.differences());
        }
    }
    for (ext, title) in [("txt", "text as pdftotext -layout gives it"), ("docx", "Word")] {
        let m = agreement::measure_varied(&agreement::varied_inputs(ext));
        println!("{}", m.table(&format!("The varied corpus, {title} (.{ext}, every key)")));
        println!("{}", m.document_table(&format!("The varied corpus by document (.{ext})")));
        println!("{}", silent(&m));
        if diff {
            println!("{}", m.differences());
        }
    }
    let dist = std::env::temp_dir().join(format!("trustdocs-import-agreement-{}", std::process::id()));
    match agreement::pdf_inputs(&dist) {
        Some(pdfs) => {
            let m = agreement::measure_with(&pdfs, true);
            println!("{}", m.table("From the PDFs trustdocs makes of the hand-made library (.pdf, every key)"));
            println!("{}", silent(&m));
            if diff {
                println!("{}", m.differences());
            }
        }
        None => println!("(PDF route not measured: typst or pdftotext is missing)"),
    }
    let _ = std::fs::remove_dir_all(&dist);
}
