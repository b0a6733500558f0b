//! The commented template `prepost scale init` writes.

/// A spec to copy and edit: every key, with what it means.
pub const TEMPLATE: &str = r#"# prepost scale specification (TOML). Documentation: docs/scale-spec.md
# Check it against your data with:  prepost scale check THIS_FILE DATA.csv

name = "My questionnaire"            # shown in reports
# description = "What it measures"
# source = "Citation of the instrument"

id = "id"             # the participant id column of the data files
min = 1               # lowest possible answer
max = 5               # highest possible answer
integer = true        # answers must be whole numbers (false allows e.g. 2.5)
method = "sum"        # "sum" or "mean" of the keyed items
min_answered = 0.8    # missing-item rule: a fraction of a score's items (<= 1) or a count (> 1).
                      # Below it the score is missing; at or above it a "sum" score is prorated
                      # as mean x number of items (a "mean" score is the mean of the answered items).
# missing = ["-99"]   # answers meaning "not answered", besides an empty cell and NA
# higher_is_better = true   # false for scales where lower is better (e.g. anxiety)

# One [[subscale]] block per subscale. Reverse-keyed items are scored as min + max - answer.
[[subscale]]
name = "subscale_one"
items = ["q1", "q2", "q3", "q4", "q5"]
reverse = ["q3"]

[[subscale]]
name = "subscale_two"
items = ["q6", "q7", "q8", "q9", "q10"]
reverse = ["q7", "q9"]
# method = "mean"          # a subscale may override method, min_answered, higher_is_better

# The total: by default all items above, named "total". Uncomment to change it.
# [total]
# name = "total"
# items = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10"]
# enabled = false          # report no total
"#;

#[cfg(test)]
mod tests {
    #[test]
    fn the_template_is_a_valid_spec() {
        let s = crate::scale::spec::parse(super::TEMPLATE).unwrap();
        assert_eq!(s.scores.len(), 3);
        assert_eq!(s.reverse, vec!["q3", "q7", "q9"]);
    }
}
