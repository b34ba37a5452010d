//! The small encodings of the browser index; `search.js` decodes them.

/// Digits of the postings encoding: the first 32 end a number, the last 32
/// carry five more bits of it. All 64 are safe in JSON and in file names.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Characters of a word that choose its shard of the word tables.
pub const KEY_CHARS: usize = 3;

/// Appends `value` in base 32, most significant group first.
pub fn push_number(out: &mut String, value: u32) {
    let mut groups = [0u8; 7];
    let mut len = 0;
    let mut v = value;
    loop {
        groups[len] = (v & 31) as u8;
        len += 1;
        v >>= 5;
        if v == 0 {
            break;
        }
    }
    for i in (0..len).rev() {
        let digit = if i == 0 { groups[i] } else { groups[i] + 32 };
        out.push(DIGITS[digit as usize] as char);
    }
}

/// Decodes what `push_number` wrote (for tests and tools).
pub fn read_numbers(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut value = 0u32;
    for b in text.bytes() {
        let Some(d) = DIGITS.iter().position(|&c| c == b) else { continue };
        value = (value << 5) | (d as u32 & 31);
        if d < 32 {
            out.push(value);
            value = 0;
        }
    }
    out
}

/// One posting of the browser index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Posting {
    pub n: u32,
    /// Score in units (`score.rs`).
    pub score: u32,
    /// 1 + the passage where the term first occurs in the body; 0 when it is not in the body.
    pub passage: u32,
}

/// Postings by number, as (gap from the previous number, score, passage)
/// triples, encoded one at a time in the order of their numbers: a stem's
/// list is kept as this text, not as twelve bytes a posting, from when it
/// is scored until it is written.
#[derive(Default, Debug, Clone, PartialEq, Eq)]
pub struct PostingsText {
    text: String,
    count: usize,
    previous: u32,
}

impl PostingsText {
    pub fn push(&mut self, p: Posting) {
        push_number(&mut self.text, p.n - self.previous);
        push_number(&mut self.text, p.score);
        push_number(&mut self.text, p.passage);
        (self.previous, self.count) = (p.n, self.count + 1);
    }

    /// How many postings.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    pub fn text(&self) -> &str {
        &self.text
    }
}

pub fn decode_postings(text: &str) -> Vec<Posting> {
    let numbers = read_numbers(text);
    let mut n = 0;
    numbers
        .chunks_exact(3)
        .map(|c| {
            n += c[0];
            Posting { n, score: c[1], passage: c[2] }
        })
        .collect()
}

/// The shard a word's entry is in: its first `KEY_CHARS` characters.
pub fn shard_key(word: &str) -> String {
    word.chars().take(KEY_CHARS).collect()
}

/// A shard key as a file name: ASCII letters and digits as they are, any
/// other character as `_<hex code point>_`.
pub fn file_name(key: &str) -> String {
    let mut out = String::new();
    for c in key.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}_", c as u32));
        }
    }
    out
}

/// Gzips a file of the browser index; `search.js` inflates it with the
/// browser's `DecompressionStream`, so any static server can serve it as it is.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    // libdeflate at level 1: at 10,000 documents its passage files were 11 %
    // smaller than miniz_oxide's at its fastest level (103 MB against 116),
    // in a fraction of the time. One compressor a thread: each holds its
    // tables, and a build writes tens of thousands of files.
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<libdeflater::Compressor> =
            std::cell::RefCell::new(libdeflater::Compressor::new(libdeflater::CompressionLvl::new(1).expect("1 is a level")));
    }
    COMPRESSOR.with_borrow_mut(|c| {
        let mut out = vec![0; c.gzip_compress_bound(bytes.len())];
        let n = c.gzip_compress(bytes, &mut out).expect("the output is as long as libdeflate's bound");
        out.truncate(n);
        out
    })
}

/// Inflates what `gzip` wrote (for tests and tools).
pub fn gunzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out)?;
    Ok(out)
}

/// FNV-1a over UTF-8 bytes: which id bucket a key is in (easy to repeat in JavaScript).
pub fn fnv1a(text: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        let mut s = String::new();
        let values = [0, 1, 31, 32, 1023, 1024, 99_999, u32::MAX];
        for v in values {
            push_number(&mut s, v);
        }
        assert_eq!(read_numbers(&s), values);
        let mut small = String::new();
        push_number(&mut small, 31);
        assert_eq!(small.len(), 1, "numbers under 32 take one character");
    }

    #[test]
    fn postings_round_trip() {
        let p = vec![
            Posting { n: 3, score: 250, passage: 0 },
            Posting { n: 4, score: 1, passage: 2 },
            Posting { n: 900, score: 77, passage: 40 },
        ];
        let mut text = PostingsText::default();
        p.iter().for_each(|&posting| text.push(posting));
        assert_eq!(text.len(), 3);
        assert_eq!(decode_postings(text.text()), p);
    }

    #[test]
    fn file_names_are_plain_ascii() {
        assert_eq!(file_name("rep"), "rep");
        assert_eq!(file_name("café"[..3].as_ref()), "caf");
        assert_eq!(file_name("né"), "n_e9_");
        assert_eq!(shard_key("équipe"), "équ");
    }

    #[test]
    fn gzip_round_trips() {
        let text = "staff report incidents ".repeat(100);
        let packed = gzip(text.as_bytes());
        assert!(packed.len() < text.len() / 5, "{} bytes", packed.len());
        assert_eq!(gunzip(&packed).unwrap(), text.as_bytes());
    }

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(""), 0x811c_9dc5);
        assert_eq!(fnv1a("a"), 0xe40c_292c);
    }
}
