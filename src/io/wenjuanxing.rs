//! Wenjuanxing (问卷星) downloads: how a file is recognised as one, which of its columns are
//! the platform's metadata rather than answers, how its headers number the questions, and the
//! cells that mean "skipped".
//!
//! A download (the number download 按选项序号 and the text download 按选项文本, as .xlsx, .xls or
//! .csv) opens with six metadata columns, `序号, 提交答卷时间, 所用时间, 来源, 来源详情, 来自IP`
//! (reportgen's `wenjuanxing()` reader takes the first six columns so; its `load_data` adds
//! `总分`, the score of a quiz). The questions follow, each header starting with its number:
//! - `7、您的性别` (also `7：`, `7:`, `7.`): a question of one column;
//! - `12、(我能与同学友好相处)`, `12(我能与同学友好相处)`: a row of the matrix question 12, or an
//!   option of the multiple-choice question 12 (today's downloads);
//! - `第12题(我能与同学友好相处)`: the same in older downloads;
//! - `Q12`, `Q12_1`: the names of Wenjuanxing's SPSS-style download.
//!
//! A question the respondent skipped (by the questionnaire's jump logic) or was not shown is
//! `-2` or `-3` in the number download and `(跳过)` or empty in the text download.

/// The column of the time a respondent took ("123秒"; `prepost screen --min-seconds`).
pub const TIME_TAKEN: &str = "所用时间";

/// The metadata columns every download opens with.
pub const OPENING: [&str; 6] = [
    "序号",
    "提交答卷时间",
    TIME_TAKEN,
    "来源",
    "来源详情",
    "来自IP",
];

/// Other metadata columns of downloads: the score of a quiz, the answer sheet's number, the
/// time taken in other exports, the respondent's account.
const OTHER: [&str; 6] = [
    "总分",
    "答题序号",
    "答卷编号",
    "答题时长",
    "用户ID",
    "微信昵称",
];

/// The column that numbers the answer sheets: the id of a download when the spec names none.
pub const SHEET_NUMBER: &str = "序号";

/// The cells that mean a question was skipped or not shown (besides an empty cell).
pub const SKIPPED: [&str; 3] = ["-2", "-3", "(跳过)"];

/// Whether a file with these columns is a Wenjuanxing download: it has at least four of the six
/// opening metadata columns (a user may have deleted one or two).
pub fn is_download(columns: &[String]) -> bool {
    OPENING
        .iter()
        .filter(|m| columns.iter().any(|c| is_named(c, m)))
        .count()
        >= 4
}

/// Whether a column of a download is metadata, not an answer.
pub fn is_metadata(column: &str) -> bool {
    OPENING.iter().chain(&OTHER).any(|m| is_named(column, m))
}

/// A column named `name` (ASCII letters in any case: `来自ip`, `用户id`).
fn is_named(column: &str, name: &str) -> bool {
    column.eq_ignore_ascii_case(name)
}

/// Whether a trimmed cell of a download means the question was skipped or not shown.
pub fn is_skipped(cell: &str) -> bool {
    cell.is_empty() || SKIPPED.contains(&cell) || cell == "（跳过）"
}

/// The number of the question a header belongs to, by the forms of the module's doc (`7、…`,
/// `12、(…)`, `12(…)`, `第12题(…)`, `Q12`, `Q12_1`); None for any other header.
pub fn question_number(header: &str) -> Option<u32> {
    let header = header.trim();
    if let Some(rest) = header.strip_prefix('第') {
        let (n, rest) = leading_number(rest)?;
        return rest.starts_with('题').then_some(n);
    }
    if let Some(rest) = header
        .strip_prefix('Q')
        .or_else(|| header.strip_prefix('q'))
    {
        let (n, rest) = leading_number(rest)?;
        let sub_item = rest
            .strip_prefix(['_', '.', '-'])
            .is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
        return (rest.is_empty() || sub_item).then_some(n);
    }
    let (n, rest) = leading_number(header)?;
    let rest = rest.trim_start();
    let numbered = rest.starts_with(['、', '：', ':', '(', '（'])
        // "7. 您的性别", not the number "3.5"
        || rest
            .strip_prefix(['.', '．'])
            .is_some_and(|s| !s.starts_with(|c: char| c.is_ascii_digit()));
    numbered.then_some(n)
}

/// The number a text starts with (one to four digits) and the rest.
fn leading_number(text: &str) -> Option<(u32, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    Some((text[..digits].parse().ok()?, &text[digits..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn downloads_are_recognised_by_their_metadata() {
        let full = names(&[&OPENING[..], &["1、性别"]].concat());
        assert!(is_download(&full));
        // two deleted, and IP in lower case
        assert!(is_download(&names(&[
            "序号",
            "所用时间",
            "来源",
            "来自ip",
            "q1"
        ])));
        assert!(!is_download(&names(&["序号", "来源", "q1", "q2"])));
        assert!(!is_download(&names(&["id", "q1"])));
        for m in [
            "序号",
            "所用时间",
            "来自IP",
            "来自ip",
            "总分",
            "用户ID",
            "答题序号",
        ] {
            assert!(is_metadata(m), "{m}");
        }
        assert!(!is_metadata("1、您的性别"));
    }

    #[test]
    fn question_numbers_of_the_header_forms() {
        for (header, n) in [
            ("7、您的性别", Some(7)),
            ("7：您的性别", Some(7)),
            ("7:您的性别", Some(7)),
            ("7. 您的性别", Some(7)),
            ("12、(我能与同学友好相处)", Some(12)),
            ("12(我能与同学友好相处)", Some(12)),
            ("12（我能与同学友好相处）", Some(12)),
            ("第12题(我能与同学友好相处)", Some(12)),
            ("第6题(其他【请注明】)", Some(6)),
            ("第8题(ACG文化(动漫、游戏等))", Some(8)),
            ("25、(其他（请补充）:)", Some(25)),
            ("Q12", Some(12)),
            ("q3", Some(3)),
            ("Q12_1", Some(12)),
            ("Q12.2", Some(12)),
            ("序号", None),
            ("来自IP", None),
            ("Q", None),
            ("Q12_", None),
            ("Q12a", None),
            ("Quality", None),
            ("12", None),
            ("3.5", None),
            ("第一题", None),
            ("age", None),
        ] {
            assert_eq!(question_number(header), n, "{header}");
        }
    }

    #[test]
    fn skipped_cells() {
        for cell in ["", "-2", "-3", "(跳过)", "（跳过）"] {
            assert!(is_skipped(cell), "{cell:?}");
        }
        for cell in ["-1", "2", "跳过了", "(空)"] {
            assert!(!is_skipped(cell), "{cell:?}");
        }
    }
}
