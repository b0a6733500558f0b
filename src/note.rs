//! What the analyses say beside their numbers: remarks on the study and the reasons a statistic
//! was not computed. The JSON carries them in English; readable reports show them in their
//! language. On the ground floor with `error`: every layer that reads or analyses data may
//! make one.

/// A confidence level in percent, as every note and report writes it: 0.95 → "95", 0.975 →
/// "97.5".
pub fn fmt_level(level: f64) -> String {
    let pct = level * 100.0;
    let s = format!("{pct:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
