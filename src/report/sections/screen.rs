//! The report of `prepost screen`: the thesis sentence (received, excluded, valid, the rate),
//! the counts, the exclusions by reason and every excluded respondent, in both languages.

use super::Parts;
use crate::model::{Reason, Rule, ScreenReport};
use crate::report::doc::words::{Lang, W};
use crate::report::doc::{col, lead_left, Align, Cell, Doc, Meta, Table};
use crate::report::{Present, RenderOptions};
use crate::scale::spec::fmt_number;

/// A rule's name in a readable report.
fn rule_words(rule: Rule, zh: bool) -> &'static str {
    match rule {
        Rule::TooFast => W::RuleTooFast,
        Rule::StraightLine => W::RuleStraightLine,
        Rule::LongestRun => W::RuleLongestRun,
        Rule::Incomplete => W::RuleIncomplete,
        Rule::DuplicateId => W::RuleDuplicateId,
        Rule::DuplicateAnswers => W::RuleDuplicateAnswers,
    }
    .pick(zh)
}

/// One reason, with its numbers, as a reader reads it.
pub fn reason_text(reason: &Reason, lang: Lang) -> String {
    let n = |x: f64| fmt_number(x);
    match (reason, lang) {
        (
            Reason::TooFast {
                seconds,
                min_seconds,
            },
            Lang::En,
        ) => {
            format!("too fast ({} s, below {} s)", n(*seconds), n(*min_seconds))
        }
        (
            Reason::TooFast {
                seconds,
                min_seconds,
            },
            Lang::Zh,
        ) => {
            format!(
                "作答时间过短（{} 秒，少于 {} 秒）",
                n(*seconds),
                n(*min_seconds)
            )
        }
        (Reason::StraightLine { answer, items }, Lang::En) => {
            format!("straight-lining ({} to all {items} items)", n(*answer))
        }
        (Reason::StraightLine { answer, items }, Lang::Zh) => {
            format!("所有题目同一答案（{items} 题均答 {}）", n(*answer))
        }
        (Reason::LongestRun { run, limit }, Lang::En) => {
            format!("long run (one answer to {run} consecutive items, at least {limit})")
        }
        (Reason::LongestRun { run, limit }, Lang::Zh) => {
            format!("连续相同答案过长（连续 {run} 题相同，不少于 {limit} 题）")
        }
        (Reason::Incomplete { scores }, Lang::En) => {
            let each: Vec<String> = scores
                .iter()
                .map(|s| {
                    format!(
                        "{}: {} of {} items answered, needs {}",
                        s.score, s.answered, s.items, s.required
                    )
                })
                .collect();
            format!("too many items missing ({})", each.join("; "))
        }
        (Reason::Incomplete { scores }, Lang::Zh) => {
            let each: Vec<String> = scores
                .iter()
                .map(|s| {
                    format!(
                        "{}：答 {}/{} 题，至少需 {} 题",
                        s.score, s.answered, s.items, s.required
                    )
                })
                .collect();
            format!("缺答过多（{}）", each.join("；"))
        }
        (Reason::DuplicateId { first_row }, Lang::En) => {
            format!("duplicate id (as row {first_row})")
        }
        (Reason::DuplicateId { first_row }, Lang::Zh) => {
            format!("编号重复（与第 {first_row} 行相同）")
        }
        (Reason::DuplicateAnswers { first_row }, Lang::En) => {
            format!("duplicate answers (as row {first_row})")
        }
        (Reason::DuplicateAnswers { first_row }, Lang::Zh) => {
            format!("答案完全重复（与第 {first_row} 行相同）")
        }
    }
}

/// A share as a percentage with one decimal ("92.5%").
fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "\u{2014}".to_string(), |s| format!("{:.1}%", s * 100.0))
}

/// The thesis sentences: received, excluded, valid and the rate; then the exclusions by rule.
pub fn sentences(r: &ScreenReport, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let rate = percent(r.rate);
    out.push(match lang {
        Lang::En => format!(
            "Of the {} questionnaires received, {} were excluded as invalid, leaving {} valid questionnaires (a valid rate of {rate}).",
            r.received, r.n_excluded, r.valid
        ),
        Lang::Zh => format!(
            "共回收问卷 {} 份，剔除无效问卷 {} 份，有效问卷 {} 份，有效率为 {rate}。",
            r.received, r.n_excluded, r.valid
        ),
    });
    let counts: Vec<String> = r
        .by_rule
        .iter()
        .filter(|c| c.n > 0)
        .map(|c| match lang {
            Lang::En => format!("{} {}", rule_words(c.rule, false).to_lowercase(), c.n),
            Lang::Zh => format!("{} {} 份", rule_words(c.rule, true), c.n),
        })
        .collect();
    if !counts.is_empty() {
        out.push(match lang {
            Lang::En => format!(
                "Excluded were: {} (a questionnaire may have several reasons).",
                counts.join(", ")
            ),
            Lang::Zh => format!("其中{}（一份问卷可有多个原因）。", counts.join("，")),
        });
    }
    out
}

/// The study: the data, the scale, the rules.
fn preamble(r: &ScreenReport, lang: Lang) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let scale = r.labels.get(lang).unwrap_or(&r.scale).to_string();
    let mut rules: Vec<String> = Vec::new();
    if let Some(min) = r.rules.min_seconds {
        let column = r.duration_column.as_deref().unwrap_or("");
        rules.push(match lang {
            Lang::En => format!(
                "time taken (column {column}) below {} seconds",
                fmt_number(min)
            ),
            Lang::Zh => format!("作答时间（{column} 列）少于 {} 秒", fmt_number(min)),
        });
    }
    if r.rules.straight_line {
        rules.push(
            if zh {
                "所有题目选同一答案"
            } else {
                "one answer to every item"
            }
            .into(),
        );
    }
    if let Some(n) = r.rules.longest_run {
        rules.push(match lang {
            Lang::En => format!("one answer to {n} or more consecutive items"),
            Lang::Zh => format!("连续 {n} 题或更多答案相同"),
        });
    }
    rules.push(
        if zh {
            "缺答题数超过量表定义的允许范围（min_answered）"
        } else {
            "more items missing than the spec allows (min_answered)"
        }
        .into(),
    );
    rules.push(
        if zh {
            "重复（编号相同，或全部答案相同；保留第一份）"
        } else {
            "duplicates (the same id, or the same answers to every item; the first is kept)"
        }
        .into(),
    );
    match lang {
        Lang::En => vec![
            format!(
                "Data: {} ({} questionnaires). Scale: {scale} ({}).",
                r.files.join(", "),
                r.received,
                r.spec
            ),
            format!("Excluded as invalid: {}.", rules.join("; ")),
        ],
        Lang::Zh => vec![
            format!(
                "数据：{}（{} 份问卷）。量表：{scale}（{}）。",
                r.files.join("，"),
                r.received,
                r.spec
            ),
            format!("剔除标准：{}。", rules.join("；")),
        ],
    }
}

/// The notes: what was not judged, and where the valid rows went.
fn notes(r: &ScreenReport, lang: Lang) -> Vec<String> {
    let mut out: Vec<String> = r
        .notes
        .iter()
        .map(|n| crate::report::doc::words::Text::of(lang).note(n))
        .collect();
    if r.rules.min_seconds.is_some() && r.duration_missing > 0 {
        out.push(match lang {
            Lang::En => match r.duration_missing {
                1 => "1 questionnaire has no time taken (an empty cell): it is not judged too fast."
                    .to_string(),
                n => format!(
                    "{n} questionnaires have no time taken (an empty cell): they are not judged too fast."
                ),
            },
            Lang::Zh => format!(
                "{} 份问卷没有作答时间（空单元格），未按作答时间判断。",
                r.duration_missing
            ),
        });
    }
    out.push(match lang {
        Lang::En => "Rows are those of the file (the header is row 1). A questionnaire is counted once however many reasons it has; of duplicates the first in the file is kept.".into(),
        Lang::Zh => "行号为文件中的行号（标题行为第 1 行）。一份问卷无论有几个原因只计一次；重复的问卷保留文件中的第一份。".into(),
    });
    if let Some(kept) = &r.kept {
        out.push(match lang {
            Lang::En => format!("The {} valid rows were written to {kept}.", r.valid),
            Lang::Zh => format!("{} 份有效问卷的数据行已写入 {kept}。", r.valid),
        });
    }
    out
}

fn human(r: &ScreenReport, opts: &RenderOptions) -> Parts {
    let lang = opts.lang;
    let zh = lang == Lang::Zh;
    let share = |n: usize| percent((r.received > 0).then(|| n as f64 / r.received as f64));
    let counts = Table::text(
        W::ReceivedAndValid.pick(zh).into(),
        vec![
            W::Questionnaires.pick(zh).into(),
            W::Count.pick(zh).into(),
            W::PercentOfReceived.pick(zh).into(),
        ],
        vec![Align::Left, Align::Right, Align::Right],
        vec![
            vec![
                W::QuestionnairesReceived.pick(zh).into(),
                r.received.to_string(),
                share(r.received),
            ],
            vec![
                W::QuestionnairesExcluded.pick(zh).into(),
                r.n_excluded.to_string(),
                share(r.n_excluded),
            ],
            vec![
                W::QuestionnairesValid.pick(zh).into(),
                r.valid.to_string(),
                percent(r.rate),
            ],
        ],
    );
    let by_rule = Table::text(
        W::ExclusionsByReason.pick(zh).into(),
        vec![
            W::Reason.pick(zh).into(),
            W::Count.pick(zh).into(),
            W::PercentOfReceived.pick(zh).into(),
        ],
        vec![Align::Left, Align::Right, Align::Right],
        r.by_rule
            .iter()
            .map(|c| vec![rule_words(c.rule, zh).into(), c.n.to_string(), share(c.n)])
            .collect(),
    );
    let several = r.files.len() > 1;
    let mut headers = vec![W::Row.pick(zh).to_string()];
    if several {
        headers.push(W::File.pick(zh).into());
    }
    headers.push(W::Id.pick(zh).into());
    headers.push(W::Reasons.pick(zh).into());
    let lead = headers.len();
    let rows: Vec<Vec<String>> = r
        .excluded
        .iter()
        .map(|e| {
            let mut row = vec![e.row.to_string()];
            if several {
                row.push(e.file.clone().unwrap_or_default());
            }
            row.push(e.id.clone().unwrap_or_default());
            let reasons: Vec<String> = e.reasons.iter().map(|x| reason_text(x, lang)).collect();
            row.push(reasons.join(if zh { "；" } else { "; " }));
            row
        })
        .collect();
    let mut align = lead_left(lead, lead);
    align[0] = Align::Right;
    let mut blocks = vec![counts, by_rule];
    if !rows.is_empty() {
        blocks.push(Table::text(
            W::ExcludedRespondents.pick(zh).into(),
            headers,
            align,
            rows,
        ));
    }
    Parts {
        title: W::Screening.pick(zh).into(),
        preamble: preamble(r, lang),
        summary_title: W::ResultsInBrief.pick(zh).into(),
        summary: vec![(String::new(), super::paragraph(lang, &sentences(r, lang)))],
        blocks,
        notes_title: W::Notes.pick(zh).into(),
        notes: notes(r, lang),
    }
}

/// The counts: received, valid (with the rate), excluded, and per rule (CSV/TSV).
fn counts_table(r: &ScreenReport) -> Table {
    let share = |n: usize| (r.received > 0).then(|| n as f64 / r.received as f64);
    let mut rows = vec![
        vec![
            Cell::Text("received".into()),
            Cell::Count(r.received),
            Cell::Num(share(r.received)),
        ],
        vec![
            Cell::Text("valid".into()),
            Cell::Count(r.valid),
            Cell::Num(r.rate),
        ],
        vec![
            Cell::Text("excluded".into()),
            Cell::Count(r.n_excluded),
            Cell::Num(share(r.n_excluded)),
        ],
    ];
    for c in &r.by_rule {
        rows.push(vec![
            Cell::Text(c.rule.as_str().into()),
            Cell::Count(c.n),
            Cell::Num(share(c.n)),
        ]);
    }
    Table::data(
        "screening",
        "Screening",
        vec![
            col("count", "Count"),
            col("n", "n"),
            col("share", "Share of received"),
        ],
        rows,
    )
}

/// Every excluded respondent: row, file, id, the rules and the reasons (CSV/TSV).
fn excluded_table(r: &ScreenReport) -> Table {
    Table::data(
        "excluded",
        "Excluded respondents",
        vec![
            col("row", "Row"),
            col("file", "File"),
            col("id", "ID"),
            col("rules", "Rules"),
            col("reasons", "Reasons"),
        ],
        r.excluded
            .iter()
            .map(|e| {
                let rules: Vec<&str> = e.reasons.iter().map(|x| x.rule().as_str()).collect();
                let reasons: Vec<String> =
                    e.reasons.iter().map(|x| reason_text(x, Lang::En)).collect();
                vec![
                    Cell::Count(e.row as usize),
                    Cell::Text(e.file.clone().unwrap_or_else(|| r.files.join(", "))),
                    Cell::Text(e.id.clone().unwrap_or_default()),
                    Cell::Text(rules.join(";")),
                    Cell::Text(reasons.join("; ")),
                ]
            })
            .collect(),
    )
}

impl Present for ScreenReport {
    fn document(&self, opts: &RenderOptions) -> Doc {
        human(self, opts).into_doc(
            opts.lang,
            Meta {
                version: self.prepost_version.clone(),
                inputs: Some(self.files.join(", ")),
            },
            Vec::new(),
            None,
        )
    }

    fn tables(&self) -> Vec<Table> {
        vec![counts_table(self), excluded_table(self)]
    }

    fn write_json(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut text = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        text.push(b'\n');
        out.write_all(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RuleCount;

    #[test]
    fn the_thesis_sentence_in_both_languages() {
        let r = ScreenReport {
            received: 186,
            valid: 172,
            n_excluded: 14,
            rate: Some(172.0 / 186.0),
            by_rule: vec![
                RuleCount {
                    rule: Rule::TooFast,
                    n: 9,
                },
                RuleCount {
                    rule: Rule::DuplicateId,
                    n: 0,
                },
                RuleCount {
                    rule: Rule::StraightLine,
                    n: 6,
                },
            ],
            ..ScreenReport::default()
        };
        let zh = sentences(&r, Lang::Zh);
        assert_eq!(
            zh[0],
            "共回收问卷 186 份，剔除无效问卷 14 份，有效问卷 172 份，有效率为 92.5%。"
        );
        assert_eq!(
            zh[1],
            "其中作答时间过短 9 份，所有题目同一答案 6 份（一份问卷可有多个原因）。"
        );
        let en = sentences(&r, Lang::En);
        assert_eq!(en[0], "Of the 186 questionnaires received, 14 were excluded as invalid, leaving 172 valid questionnaires (a valid rate of 92.5%).");
        assert!(en[1].starts_with("Excluded were: too fast 9, straight-lining"));
    }
}
