fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let src = trustdocs::import::layout::read(&text);
    for (i, b) in src.blocks.iter().enumerate() {
        let k = match &b.kind {
            trustdocs::import::blocks::Kind::Heading { level, number, .. } => format!("H{level} {:?}", number),
            trustdocs::import::blocks::Kind::Paragraph { .. } => "P".into(),
            trustdocs::import::blocks::Kind::ListItem { level, .. } => format!("L{level}"),
            trustdocs::import::blocks::Kind::Table { .. } => "T".into(),
            trustdocs::import::blocks::Kind::Image { .. } => "I".into(),
        };
        let p = b.plain();
        println!("{i:3} {} {k}: {}", b.loc, p.chars().take(150).collect::<String>().replace('\n', " ⏎ "));
    }
}
