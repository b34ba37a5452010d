//! Values kept by stem for the stems one page (or one passage) touches:
//! an array indexed by a worker's stem numbers, and the list of the stems
//! touched, so that reading the values back and clearing them costs what
//! was counted, not the size of the array. Kept by a worker from page to
//! page: as hash maps made new for each page, they took an eighth of the
//! terms pass.

/// A value for each stem touched since the last `drain`.
pub struct ByStem<T> {
    values: Vec<T>,
    present: Vec<bool>,
    touched: Vec<u32>,
}

impl<T> Default for ByStem<T> {
    fn default() -> Self {
        ByStem { values: Vec::new(), present: Vec::new(), touched: Vec::new() }
    }
}

impl<T: Copy + Default> ByStem<T> {
    /// The stem's value (`T::default()` when first touched), to change.
    pub fn entry(&mut self, stem: u32) -> &mut T {
        let i = stem as usize;
        if i >= self.values.len() {
            self.values.resize(i + 1, T::default());
            self.present.resize(i + 1, false);
        }
        if !self.present[i] {
            self.present[i] = true;
            self.touched.push(stem);
        }
        &mut self.values[i]
    }

    /// The stem's value, if it was touched.
    pub fn get(&self, stem: u32) -> Option<T> {
        let i = stem as usize;
        self.present.get(i).copied().unwrap_or(false).then(|| self.values[i])
    }

    /// Untouches every stem.
    pub fn clear(&mut self) {
        self.drain().for_each(drop);
    }

    /// Each touched stem with its value, in the order first touched; all
    /// are untouched after.
    pub fn drain(&mut self) -> impl Iterator<Item = (u32, T)> + '_ {
        let (values, present) = (&mut self.values, &mut self.present);
        self.touched.drain(..).map(move |stem| {
            present[stem as usize] = false;
            (stem, std::mem::take(&mut values[stem as usize]))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::ByStem;

    #[test]
    fn a_drain_gives_each_touched_stem_once_and_clears_them_all() {
        let mut counts: ByStem<u32> = ByStem::default();
        *counts.entry(7) += 1;
        *counts.entry(2) += 1;
        *counts.entry(7) += 1;
        // Touched with the default value is still touched.
        counts.entry(4);
        assert_eq!(counts.get(7), Some(2));
        assert_eq!(counts.get(3), None);
        assert_eq!(counts.get(100), None);
        assert_eq!(counts.drain().collect::<Vec<_>>(), vec![(7, 2), (2, 1), (4, 0)]);
        assert_eq!(counts.get(7), None);
        assert_eq!(counts.drain().count(), 0);
        *counts.entry(2) += 5;
        assert_eq!(counts.drain().collect::<Vec<_>>(), vec![(2, 5)]);
        *counts.entry(9) += 1;
        counts.clear();
        assert_eq!(counts.get(9), None);
        assert_eq!(counts.drain().count(), 0);
    }
}
