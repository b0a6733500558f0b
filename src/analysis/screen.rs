//! Screening questionnaires: the rules applied to every respondent's answers, giving each
//! respondent's reasons for exclusion (none: valid). Pure (no I/O).
//!
//! - too fast: the time taken is below `min_seconds` (strictly);
//! - straight-lining: every item answered, all with one answer (over the raw answers, before
//!   reverse keying: the longest run of one answer equals the number of items);
//! - longest run: the longest run of one answer over consecutive items, in the order given (the
//!   input's columns: the questionnaire's order) (Johnson 2005; R careless::longstring), is at
//!   least `longest_run`; a missing answer ends a run;
//! - incomplete: a score is missing by the spec's missing-item rule (decided by the scoring
//!   kernel, passed in);
//! - duplicate id: the same id as an earlier respondent of the same input; duplicate answers:
//!   the same answer (or none) to every item as an earlier respondent of the same input, at
//!   least one item answered. The first in file order is kept, whatever else excludes it; later
//!   copies name its row. (Several inputs of `score` are often waves of the same people, so
//!   their ids repeat across files by design.)

use crate::model::{
    ExcludedRespondent, IncompleteScore, Reason, Rule, RuleCount, ScreenReport, ScreenRules,
};
use std::collections::HashMap;

/// The respondents to screen, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct ScreenInput<'a> {
    /// The number of items.
    pub items: usize,
    /// Row-major, `items` per respondent: the raw answers (NaN = missing), in the order of the
    /// questionnaire.
    pub answers: &'a [f64],
    /// Per respondent: (its input, its row), as the user sees them.
    pub places: &'a [(usize, u64)],
    /// The inputs' names (several: named in the reasons).
    pub files: &'a [String],
    /// Per respondent: its id (None without an id column, or an empty cell).
    pub ids: &'a [Option<String>],
    /// Per respondent: the time taken in seconds (None: not known); empty without a duration
    /// column.
    pub seconds: &'a [Option<f64>],
    /// Per respondent: the scores missing by the missing-item rule.
    pub incomplete: &'a [Vec<IncompleteScore>],
}

/// The longest run of one answer over consecutive items (careless::longstring); a missing
/// answer ends a run and is no run itself.
pub fn longest_run(answers: &[f64]) -> usize {
    let mut best = 0;
    let mut run = 0;
    let mut last = f64::NAN;
    for &a in answers {
        if a.is_nan() {
            run = 0;
        } else if run > 0 && a == last {
            run += 1;
        } else {
            run = 1;
        }
        last = a;
        best = best.max(run);
    }
    best
}

/// Each respondent's reasons for exclusion, in the order of [`Rule::ALL`].
pub fn screen(rules: &ScreenRules, input: &ScreenInput) -> Vec<Vec<Reason>> {
    let k = input.items;
    let n = input.places.len();
    let mut first_id: HashMap<(usize, &str), u64> = HashMap::new();
    let mut first_answers: HashMap<(usize, Vec<u64>), u64> = HashMap::new();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let answers = &input.answers[i * k..(i + 1) * k];
        let mut reasons = Vec::new();
        if let (Some(min), Some(Some(seconds))) = (rules.min_seconds, input.seconds.get(i)) {
            if *seconds < min {
                reasons.push(Reason::TooFast {
                    seconds: *seconds,
                    min_seconds: min,
                });
            }
        }
        let run = longest_run(answers);
        if rules.straight_line && k >= 2 && run == k {
            reasons.push(Reason::StraightLine {
                answer: answers[0],
                items: k,
            });
        }
        if let Some(limit) = rules.longest_run {
            if run >= limit {
                reasons.push(Reason::LongestRun { run, limit });
            }
        }
        if !input.incomplete[i].is_empty() {
            reasons.push(Reason::Incomplete {
                scores: input.incomplete[i].clone(),
            });
        }
        let (file, row) = input.places[i];
        if let Some(id) = input.ids.get(i).and_then(|x| x.as_deref()) {
            match first_id.get(&(file, id)) {
                Some(&first_row) => reasons.push(Reason::DuplicateId { first_row }),
                None => {
                    first_id.insert((file, id), row);
                }
            }
        }
        if answers.iter().any(|a| !a.is_nan()) {
            // (every NaN the same key; 0 and −0 the same answer)
            let key: Vec<u64> = answers
                .iter()
                .map(|a| {
                    if a.is_nan() {
                        u64::MAX
                    } else {
                        (a + 0.0).to_bits()
                    }
                })
                .collect();
            match first_answers.entry((file, key)) {
                std::collections::hash_map::Entry::Occupied(first) => {
                    reasons.push(Reason::DuplicateAnswers {
                        first_row: *first.get(),
                    })
                }
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(row);
                }
            }
        }
        out.push(reasons);
    }
    out
}

/// Fills a report's counts, rate and excluded respondents from the verdicts of [`screen`].
pub fn fill(report: &mut ScreenReport, input: &ScreenInput, verdicts: &[Vec<Reason>]) {
    let received = verdicts.len();
    let excluded: Vec<ExcludedRespondent> = verdicts
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.is_empty())
        .map(|(i, reasons)| {
            let (file, row) = input.places[i];
            ExcludedRespondent {
                row,
                file: (input.files.len() > 1).then(|| input.files[file].clone()),
                id: input.ids.get(i).cloned().flatten(),
                reasons: reasons.clone(),
            }
        })
        .collect();
    let rules = &report.rules;
    let applied = |rule: Rule| match rule {
        Rule::TooFast => rules.min_seconds.is_some(),
        Rule::StraightLine => rules.straight_line,
        Rule::LongestRun => rules.longest_run.is_some(),
        Rule::Incomplete | Rule::DuplicateAnswers => true,
        Rule::DuplicateId => !input.ids.is_empty(),
    };
    report.by_rule = Rule::ALL
        .iter()
        .filter(|r| applied(**r))
        .map(|&rule| RuleCount {
            rule,
            n: excluded
                .iter()
                .filter(|e| e.reasons.iter().any(|r| r.rule() == rule))
                .count(),
        })
        .collect();
    report.received = received;
    report.valid = received - excluded.len();
    report.n_excluded = excluded.len();
    report.rate = (received > 0).then(|| report.valid as f64 / received as f64);
    report.excluded = excluded;
}

#[cfg(test)]
mod tests {
    use super::*;

    const NA: f64 = f64::NAN;

    #[test]
    fn longest_run_as_careless_longstring() {
        // careless::longstring(rbind(c(1,1,2,2,2,3), c(4,4,4,4,4,4), c(1,NA,1,1,NA,2)))
        // = 3, 6, 2
        assert_eq!(longest_run(&[1.0, 1.0, 2.0, 2.0, 2.0, 3.0]), 3);
        assert_eq!(longest_run(&[4.0; 6]), 6);
        assert_eq!(longest_run(&[1.0, NA, 1.0, 1.0, NA, 2.0]), 2);
        // (careless counts each NA as a run of 1: it differs only below the smallest limit, 2)
        assert_eq!(longest_run(&[NA, NA]), 0);
        assert_eq!(longest_run(&[]), 0);
    }

    fn input<'a>(
        answers: &'a [f64],
        places: &'a [(usize, u64)],
        ids: &'a [Option<String>],
        seconds: &'a [Option<f64>],
        incomplete: &'a [Vec<IncompleteScore>],
        files: &'a [String],
    ) -> ScreenInput<'a> {
        ScreenInput {
            items: 3,
            answers,
            places,
            files,
            ids,
            seconds,
            incomplete,
        }
    }

    #[test]
    fn every_rule_and_every_reason_of_a_respondent() {
        let answers = [
            1.0, 2.0, 3.0, // row 2: valid
            4.0, 4.0, 4.0, // row 3: straight-lined and too fast
            1.0, 2.0, 3.0, // row 4: same answers as row 2, and same id
            2.0, NA, NA, // row 5: incomplete
            5.0, 5.0, 1.0, // row 6: a run of 2, no duration
        ];
        let places = [(0, 2), (0, 3), (0, 4), (0, 5), (0, 6)];
        let ids: Vec<Option<String>> = ["a", "b", "a", "c", "d"]
            .iter()
            .map(|s| Some(s.to_string()))
            .collect();
        let seconds = [Some(90.0), Some(20.0), Some(60.0), Some(59.9), None];
        let missing = IncompleteScore {
            score: "total".into(),
            answered: 1,
            items: 3,
            required: 2,
        };
        let incomplete = [vec![], vec![], vec![], vec![missing.clone()], vec![]];
        let files = ["f.csv".to_string()];
        let inp = input(&answers, &places, &ids, &seconds, &incomplete, &files);
        let rules = ScreenRules {
            min_seconds: Some(60.0),
            straight_line: true,
            longest_run: None,
        };
        let v = screen(&rules, &inp);
        assert!(v[0].is_empty());
        assert_eq!(
            v[1],
            vec![
                Reason::TooFast {
                    seconds: 20.0,
                    min_seconds: 60.0
                },
                Reason::StraightLine {
                    answer: 4.0,
                    items: 3
                }
            ]
        );
        assert_eq!(
            v[2],
            vec![
                Reason::DuplicateId { first_row: 2 },
                Reason::DuplicateAnswers { first_row: 2 }
            ],
            "60 s is not below 60"
        );
        assert_eq!(
            v[3],
            vec![
                Reason::TooFast {
                    seconds: 59.9,
                    min_seconds: 60.0
                },
                Reason::Incomplete {
                    scores: vec![missing]
                }
            ]
        );
        assert!(v[4].is_empty(), "no duration: not judged");
        let mut report = ScreenReport {
            rules,
            ..ScreenReport::default()
        };
        fill(&mut report, &inp, &v);
        assert_eq!(
            (report.received, report.valid, report.n_excluded),
            (5, 2, 3)
        );
        assert_eq!(report.rate, Some(0.4));
        let counts: Vec<(Rule, usize)> = report.by_rule.iter().map(|c| (c.rule, c.n)).collect();
        assert_eq!(
            counts,
            vec![
                (Rule::TooFast, 2),
                (Rule::StraightLine, 1),
                (Rule::Incomplete, 1),
                (Rule::DuplicateId, 1),
                (Rule::DuplicateAnswers, 1)
            ]
        );
        let rows: Vec<u64> = report.excluded.iter().map(|e| e.row).collect();
        assert_eq!(rows, vec![3, 4, 5]);
        // a longest run of 2 flags rows 3 and 6 (and 4's run is 1)
        let rules = ScreenRules {
            longest_run: Some(2),
            ..ScreenRules::default()
        };
        let v = screen(&rules, &inp);
        assert_eq!(v[4], vec![Reason::LongestRun { run: 2, limit: 2 }]);
        assert_eq!(v[1], vec![Reason::LongestRun { run: 3, limit: 2 }]);
    }

    #[test]
    fn duplicates_are_judged_within_each_input_and_unanswered_rows_are_no_copies() {
        let answers = [
            NA, NA, NA, NA, NA, NA, 1.0, 2.0, 2.0, 1.0, 2.0, 2.0, 1.0, 2.0, 2.0,
        ];
        let places = [(0, 2), (0, 3), (0, 4), (1, 2), (1, 3)];
        let ids: Vec<Option<String>> = ["a", "b", "c", "c", "x"]
            .iter()
            .map(|s| Some(s.to_string()))
            .collect();
        let files = ["a.csv".to_string(), "b.csv".to_string()];
        let incomplete = vec![Vec::new(); 5];
        let inp = input(&answers, &places, &ids, &[], &incomplete, &files);
        let v = screen(&ScreenRules::default(), &inp);
        assert!(v[..4].iter().all(Vec::is_empty), "{v:?}");
        assert_eq!(v[4], vec![Reason::DuplicateAnswers { first_row: 2 }]);
    }
}
