//! The agreement coefficients themselves, over a plain table of ratings:
//! units × raters, each cell a category number or [`MISSING`].
//!
//! Nothing here knows about statements or tags, so the formulas can be
//! checked against published worked examples whose categories are numbers
//! (Krippendorff's 4-coder example, the Fleiss and Cohen textbook cases).
//!
//! Everything is computed from one pass over the table into per-unit
//! category counts, accumulated as a coincidence matrix (Krippendorff 2011,
//! "Computing Krippendorff's Alpha-Reliability"). The formulas are written
//! by hand rather than taken from a crate: no Rust crate offers α with
//! missing data, weights and the ordinal metric together, and they are a
//! few dozen lines each.
//!
//! A figure whose formula divides by zero (every value in one category, or
//! fewer than two pairable values) has no value: `None`, printed as
//! "n/a" and `null`.

use serde::Serialize;

/// The cell value for "this rater gave no value to this unit".
pub const MISSING: u32 = u32::MAX;

/// One coefficient and how many units (statements, or text segments) it
/// rests on.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Figure {
    /// The coefficient, or `None` when it is undefined for these data.
    pub value: Option<f64>,
    /// The number of units the figure was computed from.
    pub statements: usize,
}

impl Figure {
    fn new(value: f64, statements: usize) -> Self {
        Self {
            value: value.is_finite().then_some(value),
            statements,
        }
    }

    /// An undefined figure over `statements` units.
    pub fn none(statements: usize) -> Self {
        Self {
            value: None,
            statements,
        }
    }
}

/// The difference function between two categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Any two different categories differ by 1.
    Nominal,
    /// Categories are ranks `0 < 1 < 2 ...`: the difference grows with how
    /// many values fall between them (Krippendorff's ordinal metric).
    Ordinal,
}

/// A table of ratings: `values[unit * raters + rater]`, each a category
/// below `categories` or [`MISSING`]; optional per-unit weights (the length
/// of a text segment, for the unitized α).
#[derive(Debug, Clone, Copy)]
pub struct Ratings<'a> {
    /// How many raters (columns).
    pub raters: usize,
    /// How many categories values are drawn from.
    pub categories: usize,
    /// The cells, unit by unit.
    pub values: &'a [u32],
    /// One weight per unit, or `None` for weight 1 each.
    pub weights: Option<&'a [f64]>,
}

/// Everything the coefficients need, gathered in one pass over the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    /// Categories.
    pub categories: usize,
    /// Coincidence matrix `o[c * categories + k]`, weighted.
    pub coincidence: Vec<f64>,
    /// Units with at least two values (pairable).
    pub pairable: usize,
    /// Sum of unit weights over pairable units.
    pub pairable_weight: f64,
    /// Weighted mean over pairable units of the share of agreeing pairs.
    pub agreement_sum: f64,
    /// Per category, the weighted sum over units with any value of
    /// (values in the category / values in the unit): Gwet's π numerator.
    pub prevalence_sum: Vec<f64>,
    /// Weight of units with at least one value.
    pub rated_weight: f64,
    /// Values per category over all units (unweighted): label shares.
    pub labels: Vec<usize>,
}

/// Distinct rows up to which [`Tally::of`] tallies by row pattern.
const MAX_PATTERNS: usize = 1 << 14;

/// Working space for [`Tally::add`], reused across rows.
struct Scratch {
    counts: Vec<u32>,
    present: Vec<usize>,
}

impl Tally {
    /// Counts `ratings`.
    ///
    /// With few raters and categories, the table is first reduced to how
    /// often (and with how much weight) each distinct row occurs: three
    /// reviewers and three tags have at most 4³ = 64 distinct rows, so
    /// 100,000 statements cost one cheap pass to build a key per row and 64
    /// tallies instead of 100,000. Every figure is a sum over rows, so the
    /// result is the same (up to the order floating-point sums are taken
    /// in). Larger tables tally row by row.
    pub fn of(ratings: &Ratings<'_>) -> Self {
        let v = ratings.categories;
        let mut tally = Tally {
            categories: v,
            coincidence: vec![0.0; v * v],
            pairable: 0,
            pairable_weight: 0.0,
            agreement_sum: 0.0,
            prevalence_sum: vec![0.0; v],
            rated_weight: 0.0,
            labels: vec![0; v],
        };
        if ratings.raters == 0 {
            return tally;
        }
        let mut scratch = Scratch {
            counts: vec![0u32; v],
            present: Vec::with_capacity(v),
        };
        let weight_of = |unit: usize| match ratings.weights {
            Some(weights) => weights.get(unit).copied().unwrap_or(0.0),
            None => 1.0,
        };
        // One digit per rater: a category, or `v` for missing (values out
        // of range count as missing, as in the row-by-row tally).
        let base = v + 1;
        let patterns = u32::try_from(ratings.raters)
            .ok()
            .and_then(|raters| base.checked_pow(raters))
            .filter(|&p| p <= MAX_PATTERNS);
        let Some(patterns) = patterns else {
            for (unit, row) in ratings.values.chunks_exact(ratings.raters).enumerate() {
                tally.add(row.iter().copied(), 1, weight_of(unit), &mut scratch);
            }
            return tally;
        };
        let mut seen = vec![0usize; patterns];
        let mut weights = vec![0.0f64; patterns];
        for (unit, row) in ratings.values.chunks_exact(ratings.raters).enumerate() {
            let key = row
                .iter()
                .fold(0usize, |key, &value| key * base + (value as usize).min(v));
            if let (Some(n), Some(w)) = (seen.get_mut(key), weights.get_mut(key)) {
                *n += 1;
                *w += weight_of(unit);
            }
        }
        for (key, (&n, &weight)) in seen.iter().zip(&weights).enumerate() {
            if n == 0 {
                continue;
            }
            let digits = (0..ratings.raters).scan(key, |rest, _| {
                let digit = *rest % base;
                *rest /= base;
                // `v` (missing) stays out of range, so `add` skips it.
                Some(digit as u32)
            });
            tally.add(digits, n, weight, &mut scratch);
        }
        tally
    }

    /// Adds `units` units that all have the values `row` and together
    /// weigh `weight`.
    fn add(
        &mut self,
        row: impl Iterator<Item = u32>,
        units: usize,
        weight: f64,
        scratch: &mut Scratch,
    ) {
        let Scratch { counts, present } = scratch;
        present.clear();
        let mut m = 0u32;
        for value in row {
            let Some(count) = counts.get_mut(value as usize) else {
                continue;
            };
            if *count == 0 {
                present.push(value as usize);
            }
            *count += 1;
            m += 1;
        }
        let v = self.categories;
        if m >= 1 {
            self.rated_weight += weight;
            for &c in present.iter() {
                let n = counts[c];
                self.labels[c] += n as usize * units;
                self.prevalence_sum[c] += weight * f64::from(n) / f64::from(m);
            }
        }
        if m >= 2 {
            self.pairable += units;
            self.pairable_weight += weight;
            let scale = weight / f64::from(m - 1);
            let mut agreeing = 0.0;
            for &c in present.iter() {
                let nc = f64::from(counts[c]);
                agreeing += nc * (nc - 1.0);
                for &k in present.iter() {
                    let pairs = if c == k {
                        nc * (nc - 1.0)
                    } else {
                        nc * f64::from(counts[k])
                    };
                    self.coincidence[c * v + k] += pairs * scale;
                }
            }
            self.agreement_sum += weight * agreeing / f64::from(m * (m - 1));
        }
        for &c in present.iter() {
            counts[c] = 0;
        }
    }

    /// The marginals `n_c` of the coincidence matrix and their total `n`.
    fn marginals(&self) -> (Vec<f64>, f64) {
        let v = self.categories;
        let nc: Vec<f64> = (0..v)
            .map(|c| self.coincidence[c * v..(c + 1) * v].iter().sum())
            .collect();
        let n = nc.iter().sum();
        (nc, n)
    }

    /// Krippendorff's α with `metric`.
    pub fn alpha(&self, metric: Metric) -> Figure {
        let v = self.categories;
        let (nc, n) = self.marginals();
        if n <= 1.0 {
            return Figure::none(self.pairable);
        }
        let delta = |c: usize, k: usize| -> f64 {
            match metric {
                Metric::Nominal => f64::from(u8::from(c != k)),
                Metric::Ordinal => {
                    let (lo, hi) = if c < k { (c, k) } else { (k, c) };
                    let between: f64 = nc[lo..=hi].iter().sum();
                    let d = between - (nc[lo] + nc[hi]) / 2.0;
                    d * d
                }
            }
        };
        let mut observed = 0.0;
        let mut expected = 0.0;
        for c in 0..v {
            for k in 0..v {
                if c == k {
                    continue;
                }
                let d = delta(c, k);
                observed += self.coincidence[c * v + k] * d;
                expected += nc[c] * nc[k] * d;
            }
        }
        if expected <= 0.0 {
            return Figure::none(self.pairable);
        }
        Figure::new(1.0 - (n - 1.0) * observed / expected, self.pairable)
    }

    /// α of "category `c` against all others": the coincidence matrix
    /// collapsed to two categories, which is the coincidence matrix of the
    /// recoded data.
    pub fn alpha_one_vs_rest(&self, c: usize) -> Figure {
        let v = self.categories;
        let mut binary = [0.0f64; 4];
        for i in 0..v {
            for k in 0..v {
                let cell = (usize::from(i != c)) * 2 + usize::from(k != c);
                binary[cell] += self.coincidence[i * v + k];
            }
        }
        let collapsed = Tally {
            categories: 2,
            coincidence: binary.to_vec(),
            pairable: self.pairable,
            pairable_weight: self.pairable_weight,
            agreement_sum: 0.0,
            prevalence_sum: Vec::new(),
            rated_weight: 0.0,
            labels: Vec::new(),
        };
        collapsed.alpha(Metric::Nominal)
    }

    /// Share of agreeing pairs, averaged over pairable units.
    pub fn percent_agreement(&self) -> Figure {
        if self.pairable_weight <= 0.0 {
            return Figure::none(self.pairable);
        }
        Figure::new(self.agreement_sum / self.pairable_weight, self.pairable)
    }

    /// Gwet's AC1 (Gwet 2008), multi-rater form with missing values: the
    /// chance agreement is `Σ π_k (1 − π_k) / (q − 1)` over the `q`
    /// categories.
    pub fn gwet_ac1(&self) -> Figure {
        let q = self.categories;
        if self.pairable_weight <= 0.0 || self.rated_weight <= 0.0 || q < 2 {
            return Figure::none(self.pairable);
        }
        let pa = self.agreement_sum / self.pairable_weight;
        let pe: f64 = self
            .prevalence_sum
            .iter()
            .map(|s| {
                let pi = s / self.rated_weight;
                pi * (1.0 - pi)
            })
            .sum::<f64>()
            / (q as f64 - 1.0);
        if pe >= 1.0 {
            return Figure::none(self.pairable);
        }
        Figure::new((pa - pe) / (1.0 - pe), self.pairable)
    }

    /// The most frequent category and its share of all values.
    pub fn dominant(&self) -> Option<(usize, f64)> {
        let total: usize = self.labels.iter().sum();
        if total == 0 {
            return None;
        }
        let (c, &n) = self.labels.iter().enumerate().max_by_key(|(_, n)| **n)?;
        Some((c, n as f64 / total as f64))
    }
}

/// Cohen's κ for the two raters of `ratings` (which must have exactly two
/// columns), on the units both rated.
pub fn cohen_kappa(ratings: &Ratings<'_>) -> Figure {
    let v = ratings.categories;
    if ratings.raters != 2 {
        return Figure::none(0);
    }
    let mut table = vec![0usize; v * v];
    let mut n = 0usize;
    for row in ratings.values.chunks_exact(2) {
        let (a, b) = (row[0] as usize, row[1] as usize);
        if a < v && b < v {
            table[a * v + b] += 1;
            n += 1;
        }
    }
    if n == 0 {
        return Figure::none(0);
    }
    let total = n as f64;
    let observed = (0..v).map(|c| table[c * v + c]).sum::<usize>() as f64 / total;
    let expected: f64 = (0..v)
        .map(|c| {
            let row: usize = table[c * v..(c + 1) * v].iter().sum();
            let column: usize = (0..v).map(|r| table[r * v + c]).sum();
            (row as f64 / total) * (column as f64 / total)
        })
        .sum();
    if expected >= 1.0 {
        return Figure::none(n);
    }
    Figure::new((observed - expected) / (1.0 - expected), n)
}

/// Fleiss' κ on the units every rater rated (the formula assumes the same
/// number of ratings per unit).
pub fn fleiss_kappa(ratings: &Ratings<'_>) -> Figure {
    let v = ratings.categories;
    let m = ratings.raters;
    if m < 2 {
        return Figure::none(0);
    }
    let mut counts = vec![0usize; v];
    let mut totals = vec![0usize; v];
    let mut units = 0usize;
    let mut agreement = 0.0;
    for row in ratings.values.chunks_exact(m) {
        if row.iter().any(|&x| x as usize >= v) {
            continue;
        }
        counts.iter_mut().for_each(|c| *c = 0);
        for &x in row {
            counts[x as usize] += 1;
        }
        let same: usize = counts.iter().map(|c| c * c).sum();
        agreement += (same - m) as f64 / (m * (m - 1)) as f64;
        for (t, c) in totals.iter_mut().zip(&counts) {
            *t += c;
        }
        units += 1;
    }
    if units == 0 {
        return Figure::none(0);
    }
    let p_bar = agreement / units as f64;
    let all = (units * m) as f64;
    let pe: f64 = totals.iter().map(|&t| (t as f64 / all).powi(2)).sum();
    if pe >= 1.0 {
        return Figure::none(units);
    }
    Figure::new((p_bar - pe) / (1.0 - pe), units)
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: u32 = MISSING;

    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
    /// section C: four observers, twelve units, values 1..5, missing data.
    /// Rows are observers A..D; converted to units × raters and to 0-based
    /// categories below.
    const KRIPPENDORFF: [[u32; 12]; 4] = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, M, M, M],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, M, 3],
        [M, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, M],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, M],
    ];

    fn by_units<const R: usize, const U: usize>(rows: &[[u32; U]; R]) -> Vec<u32> {
        (0..U)
            .flat_map(|u| rows.iter().map(move |r| r[u]))
            .map(|x| if x == M { M } else { x - 1 })
            .collect()
    }

    #[test]
    fn krippendorff_published_example() {
        let values = by_units(&KRIPPENDORFF);
        let ratings = Ratings {
            raters: 4,
            categories: 5,
            values: &values,
            weights: None,
        };
        let tally = Tally::of(&ratings);
        let nominal = tally.alpha(Metric::Nominal);
        let ordinal = tally.alpha(Metric::Ordinal);
        assert_eq!((nominal.value.unwrap() * 1000.0).round(), 743.0);
        assert_eq!((ordinal.value.unwrap() * 1000.0).round(), 815.0);
        // Unit 12 has one value only, so 11 units are pairable.
        assert_eq!(nominal.statements, 11);
        // The paper's n.. = 40 pairable values.
        let total: f64 = tally.coincidence.iter().sum();
        assert!((total - 40.0).abs() < 1e-12);
    }

    #[test]
    fn fleiss_textbook_example() {
        // Fleiss (1971) as tabulated on Wikipedia: 10 subjects, 14 raters,
        // 5 categories; each row is how many raters chose each category.
        let table: [[usize; 5]; 10] = [
            [0, 0, 0, 0, 14],
            [0, 2, 6, 4, 2],
            [0, 0, 3, 5, 6],
            [0, 3, 9, 2, 0],
            [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0],
            [3, 2, 6, 3, 0],
            [2, 5, 3, 2, 2],
            [6, 5, 2, 1, 0],
            [0, 2, 2, 3, 7],
        ];
        let values: Vec<u32> = table
            .iter()
            .flat_map(|row| {
                row.iter()
                    .enumerate()
                    .flat_map(|(c, &n)| std::iter::repeat_n(c as u32, n))
            })
            .collect();
        let ratings = Ratings {
            raters: 14,
            categories: 5,
            values: &values,
            weights: None,
        };
        let kappa = fleiss_kappa(&ratings);
        assert_eq!((kappa.value.unwrap() * 1000.0).round(), 210.0);
        assert_eq!(kappa.statements, 10);
    }

    #[test]
    fn cohen_textbook_example() {
        // 50 proposals: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: κ = 0.4.
        let mut values = Vec::new();
        for (a, b, n) in [(0, 0, 20), (0, 1, 5), (1, 0, 10), (1, 1, 15)] {
            for _ in 0..n {
                values.extend([a, b]);
            }
        }
        values.extend([M, 0]);
        let ratings = Ratings {
            raters: 2,
            categories: 2,
            values: &values,
            weights: None,
        };
        let kappa = cohen_kappa(&ratings);
        assert!((kappa.value.unwrap() - 0.4).abs() < 1e-12);
        assert_eq!(kappa.statements, 50, "the half-rated unit is left out");
    }

    #[test]
    fn undefined_figures_have_no_value() {
        let values = [0, 0, 0, 0, M, 0];
        let ratings = Ratings {
            raters: 2,
            categories: 3,
            values: &values,
            weights: None,
        };
        let tally = Tally::of(&ratings);
        assert_eq!(tally.alpha(Metric::Nominal).value, None);
        assert_eq!(tally.percent_agreement().value, Some(1.0));
        assert_eq!(cohen_kappa(&ratings).value, None);
        assert_eq!(tally.dominant(), Some((0, 1.0)));
        let empty = Tally::of(&Ratings {
            raters: 2,
            categories: 3,
            values: &[],
            weights: None,
        });
        assert_eq!(empty.alpha(Metric::Nominal), Figure::none(0));
        assert_eq!(empty.gwet_ac1().value, None);
    }
}
