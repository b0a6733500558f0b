//! Test helpers: the real data sets of `tests/data/regress/` (written by R 4.2.2 from
//! carData::Prestige, datasets::mtcars, datasets::swiss, MASS::anorexia, psych::bfi; see
//! `scripts/reference/regression.R`). An empty cell is a missing value.

use std::path::PathBuf;

/// A CSV table read as text columns by header name.
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn read(name: &str) -> Table {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/regress")
            .join(name);
        let mut rdr = csv::Reader::from_path(&path).expect("test data file");
        let headers = rdr
            .headers()
            .expect("header")
            .iter()
            .map(str::to_string)
            .collect();
        let rows = rdr
            .records()
            .map(|r| r.expect("record").iter().map(str::to_string).collect())
            .collect();
        Table { headers, rows }
    }

    fn index(&self, col: &str) -> usize {
        self.headers
            .iter()
            .position(|h| h == col)
            .unwrap_or_else(|| panic!("no column {col}"))
    }

    /// A numeric column; an empty cell is NaN.
    pub fn num(&self, col: &str) -> Vec<f64> {
        let j = self.index(col);
        self.rows
            .iter()
            .map(|r| {
                if r[j].is_empty() {
                    f64::NAN
                } else {
                    r[j].parse().expect("number")
                }
            })
            .collect()
    }

    /// A categorical column: its levels sorted as R's `factor` sorts them (for these ASCII
    /// labels, byte order ignoring case is the same) and each row's code.
    pub fn factor(&self, col: &str) -> (Vec<String>, Vec<Option<usize>>) {
        let j = self.index(col);
        let mut levels: Vec<String> = self
            .rows
            .iter()
            .map(|r| r[j].clone())
            .filter(|s| !s.is_empty())
            .collect();
        levels.sort();
        levels.dedup();
        let codes = self
            .rows
            .iter()
            .map(|r| levels.iter().position(|l| *l == r[j]))
            .collect();
        (levels, codes)
    }
}
