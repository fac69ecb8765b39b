//! Figures for `scripts/bench`'s closing table. With `JISHI_BENCH_FIGURES` naming a file, each
//! figure is appended to it as one tab-separated line: row, column (the database), value. The
//! script adds each row's target and the baseline when it prints the table.

use std::io::Write;

/// Appends one figure; does nothing when the variable is unset (a run by hand).
pub fn record(row: &str, column: &str, value: impl std::fmt::Display) {
    let Ok(path) = std::env::var("JISHI_BENCH_FIGURES") else {
        return;
    };
    if let Ok(mut file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = writeln!(file, "{row}\t{column}\t{value}");
    }
}
