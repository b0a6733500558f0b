//! The words of the readable reports in English and Chinese (`--lang en|zh`), in one place:
//! the catalogue [`W`] (headings, table titles, column labels, class names, each word's two
//! languages side by side), the framing words of [`Text`], and every typed note in Chinese
//! ([`Text::note`]; English is the note's own `Display`). Statistic symbols (M, SD, t, p, d_z,
//! CI) stay as APA writes them in both languages, as Chinese journals do.

use crate::note::Note;
pub use crate::scale::spec::Lang;
use crate::stats::{Inapplicable, NotComputable, Prerequisite, Remark, Subject};

/// Every phrase a human report uses.
#[derive(Debug, Clone, Copy)]
pub struct Text {
    pub lang: Lang,
    /// Punctuation around the words: "Total: Before and after" / "总分：前后测得分"; a
    /// caption's name and text ("total scores …" / "总分：前后测得分"); brackets ("(n = 11)" /
    /// "（n = 11）").
    pub colon: &'static str,
    pub caption_sep: &'static str,
    pub open: &'static str,
    pub close: &'static str,
    pub title: &'static str,
    pub study: &'static str,
    pub results_in_brief: &'static str,
    /// The parts of the results: their heading, and each part's.
    pub results_in_detail: &'static str,
    pub descriptives_part: &'static str,
    pub reliability_part: &'static str,
    pub paired_part: &'static str,
    pub waves_part: &'static str,
    pub small_study_part: &'static str,
    pub items_part: &'static str,
    pub participants_part: &'static str,
    /// A table of both groups together ("both groups pooled").
    pub pooled: &'static str,
    pub descriptives: &'static str,
    pub reliability: &'static str,
    pub paired_t: &'static str,
    pub wilcoxon: &'static str,
    pub effect_sizes: &'static str,
    pub normality: &'static str,
    pub reliable_change: &'static str,
    pub groups: &'static str,
    pub figures: &'static str,
    /// Heading of the tables (Word).
    pub tables: &'static str,
    /// The word of a table's caption ("Table 1") and of a figure's.
    pub table_label: &'static str,
    pub figure_label: &'static str,
    pub notes: &'static str,
    pub per_participant: &'static str,
    pub change_legend: &'static str,
    pub recovered_legend: &'static str,
    // table headers
    pub scale: &'static str,
    pub n: &'static str,
    pub pre: &'static str,
    pub post: &'static str,
    pub diff: &'static str,
    pub measure: &'static str,
    pub value: &'static str,
    pub method: &'static str,
    pub items: &'static str,
    pub group: &'static str,
    pub id: &'static str,
    pub change: &'static str,
    pub class: &'static str,
    pub clinical_class: &'static str,
    pub mean_diff: &'static str,
    pub pseudomedian: &'static str,
    pub not_computed: &'static str,
    // plots
    pub before_after: &'static str,
    pub before_after_desc: &'static str,
    pub before_after_caption: &'static str,
    pub before_after_groups_desc: &'static str,
    pub before_after_groups_caption: &'static str,
    pub score: &'static str,
    pub differences: &'static str,
    pub differences_desc: &'static str,
    pub differences_caption: &'static str,
    pub differences_bars_caption: &'static str,
    /// "{shown} of {n} participants drawn": a plot thinned for legibility.
    pub sample_drawn: &'static str,
    pub difference_axis: &'static str,
    pub count: &'static str,
    pub mean: &'static str,
    pub qq: &'static str,
    pub qq_desc: &'static str,
    pub qq_caption: &'static str,
    pub theoretical_quantiles: &'static str,
    pub forest: &'static str,
    pub forest_desc: &'static str,
    pub forest_caption: &'static str,
    pub forest_groups_caption: &'static str,
    pub change_by_group: &'static str,
    pub change_by_group_desc: &'static str,
    pub change_by_group_caption: &'static str,
    pub change_axis: &'static str,
    pub across_waves: &'static str,
    pub across_waves_desc: &'static str,
    pub across_waves_caption: &'static str,
    pub across_waves_groups_desc: &'static str,
    pub across_waves_groups_caption: &'static str,
    pub bayes_robustness: &'static str,
    pub bayes_robustness_desc: &'static str,
    pub bayes_robustness_caption: &'static str,
    pub bayes_robustness_groups_caption: &'static str,
    pub prior_scale_axis: &'static str,
    pub items_answers: &'static str,
    pub items_desc: &'static str,
    pub items_caption: &'static str,
    pub share_axis: &'static str,
    pub jacobson_truax: &'static str,
    pub jacobson_truax_desc: &'static str,
    pub jacobson_truax_caption: &'static str,
    pub jacobson_truax_groups_caption: &'static str,
    // RCI classes
    pub improved: &'static str,
    pub no_change: &'static str,
    pub deteriorated: &'static str,
    pub recovered: &'static str,
}

const EN: Text = Text {
    lang: Lang::En,
    colon: ": ",
    caption_sep: " ",
    open: " (",
    close: ")",
    title: "Pre/post comparison",
    study: "Study",
    results_in_brief: "Results in brief",
    results_in_detail: "Results in detail",
    descriptives_part: "Scores before and after",
    reliability_part: "Reliability of the scores",
    paired_part: "Change from pre to post",
    waves_part: "Across the waves",
    small_study_part: "What a small study can say",
    items_part: "Which items moved",
    participants_part: "Every participant",
    pooled: "both groups pooled",
    descriptives: "Descriptives",
    reliability: "Reliability (Cronbach's alpha)",
    paired_t: "Paired t-test",
    wilcoxon: "Wilcoxon signed-rank test",
    effect_sizes: "Effect sizes",
    normality: "Normality of the differences (Shapiro-Wilk)",
    reliable_change: "Reliable change",
    groups: "Comparison group",
    figures: "Figures",
    tables: "Tables",
    table_label: "Table",
    figure_label: "Figure",
    notes: "Notes",
    per_participant: "Change per participant",
    change_legend: "Change post \u{2212} pre on each scale; \u{2191} reliably improved, \u{2193} reliably deteriorated (reliable change index, Jacobson & Truax, 1991); unmarked: no reliable change. change.csv (--out-dir) has the pre and post scores and the RCI of every participant.",
    recovered_legend: " R: recovered (reliably improved and crossed the cut-off).",
    scale: "Scale",
    n: "n",
    pre: "Pre",
    post: "Post",
    diff: "Difference",
    measure: "Measure",
    value: "Value",
    method: "Method",
    items: "Items",
    group: "Group",
    id: "Id",
    change: "Change",
    class: "Class",
    clinical_class: "Clinical class",
    mean_diff: "Mean difference",
    pseudomedian: "Pseudomedian",
    not_computed: "not computed",
    before_after: "before and after",
    before_after_desc: "One line per participant from the pre-test to the post-test; the means with their confidence intervals in blue.",
    before_after_caption: "scores before and after, one grey line per participant; blue: means with confidence intervals",
    before_after_groups_desc: "One line per participant from the pre-test to the post-test, coloured by group; each group's means with their confidence intervals.",
    before_after_groups_caption: "scores before and after, one line per participant, coloured by group; thick: each group's means with confidence intervals",
    score: "Score",
    differences: "differences (post - pre)",
    differences_desc: "Each dot is one participant's difference; the dashed line marks no change, the solid line the mean difference.",
    differences_caption: "differences post - pre, one dot per participant; dashed: no change; solid: mean",
    differences_bars_caption: "differences post - pre, bars: participants per value; dashed: no change; solid: mean",
    sample_drawn: "{shown} of {n} participants drawn, an evenly spaced sample",
    difference_axis: "Post - pre",
    count: "Participants",
    mean: "mean",
    qq: "normal Q-Q plot",
    qq_desc: "Sorted differences against normal quantiles; points near the dashed line are consistent with normality.",
    qq_caption: "normal Q-Q plot of the differences; dashed: line through the quartiles",
    theoretical_quantiles: "Normal quantiles",
    forest: "Effect sizes (d_z) of every scale",
    forest_desc: "Cohen's d_z of each scale with its confidence interval; the dashed line marks no effect.",
    forest_caption: "Effect size d_z with confidence interval per scale; dashed: no effect",
    forest_groups_caption: "Effect size d_z of each group's change with confidence interval per scale; dashed: no effect",
    change_by_group: "change by group",
    change_by_group_desc: "Each participant's change per group (light dots), with the group's mean change and its confidence interval.",
    change_by_group_caption: "change post - pre by group; light dots: participants; thick: each group's mean with confidence interval; dashed: no change",
    change_axis: "Change (post - pre)",
    across_waves: "across the waves",
    across_waves_desc: "One line per participant across the waves; the means with their confidence intervals in blue.",
    across_waves_caption: "scores at every wave, one grey line per participant with a score at each; blue: means with confidence intervals",
    across_waves_groups_desc: "One line per participant across the waves, coloured by group; each group's means with their confidence intervals.",
    across_waves_groups_caption: "scores at every wave, one line per participant with a score at each, coloured by group; thick: each group's means with confidence intervals",
    bayes_robustness: "Bayes factor over the prior scale",
    bayes_robustness_desc: "BF10 of each scale for Cauchy prior scales r from 0.5 to 1.5 (log scale); the dot marks the r used, dashed lines the edges of anecdotal (1/3 to 3) and strong (beyond 10) evidence.",
    bayes_robustness_caption: "BF10 over the prior scale r, one line per scale (log scale); dot: the r used; dashed: BF10 = 1/10, 1/3, 3, 10",
    bayes_robustness_groups_caption: "BF10 of the difference in change between the groups over the prior scale r, one line per scale (log scale); dot: the r used; dashed: BF10 = 1/10, 1/3, 3, 10",
    prior_scale_axis: "Prior scale r",
    items_answers: "answers before and after",
    items_desc: "For each item the share of each answer before (upper bar) and after (lower bar), the lower answers to the left of zero and the higher to the right, the middle answer split across zero.",
    items_caption: "answers per item (keyed; R: reverse-worded), upper bar before, lower bar after; left of zero the lower answers, right the higher",
    share_axis: "Share of answers (%)",
    jacobson_truax: "who changed (Jacobson-Truax)",
    jacobson_truax_desc: "Each participant's post-test against their pre-test; the diagonal marks no change, the grey band no reliable change, dashed lines the clinical cut-off; points coloured by reliable-change class.",
    jacobson_truax_caption: "post-test against pre-test per participant; diagonal: no change; grey band: no reliable change; dashed: clinical cut-off; blue: reliably improved, orange: reliably deteriorated, grey: no reliable change",
    jacobson_truax_groups_caption: "post-test against pre-test per participant (classes by each group's own reliable change, so no common band); diagonal: no change; dashed: clinical cut-off; blue: reliably improved, orange: reliably deteriorated, grey: no reliable change; circles: the first group, squares: the second",
    improved: "reliably improved",
    no_change: "no reliable change",
    deteriorated: "reliably deteriorated",
    recovered: "recovered",
};

const ZH: Text = Text {
    lang: Lang::Zh,
    colon: "：",
    caption_sep: "：",
    open: "（",
    close: "）",
    title: "前后测比较",
    study: "研究概况",
    results_in_brief: "结果摘要",
    results_in_detail: "结果详述",
    descriptives_part: "前后测得分",
    reliability_part: "得分的信度",
    paired_part: "前后测的变化",
    waves_part: "跨时点分析",
    small_study_part: "小样本研究的证据",
    items_part: "各题目的变化",
    participants_part: "每名参与者的变化",
    pooled: "两组合并",
    descriptives: "描述统计",
    reliability: "信度（Cronbach's α）",
    paired_t: "配对样本 t 检验",
    wilcoxon: "Wilcoxon 符号秩检验",
    effect_sizes: "效应量",
    normality: "差值的正态性检验（Shapiro-Wilk）",
    reliable_change: "可靠变化",
    groups: "对照组",
    figures: "图",
    tables: "表格",
    table_label: "表",
    figure_label: "图",
    notes: "注",
    per_participant: "个体变化",
    change_legend: "各量表上后测 \u{2212} 前测的变化；\u{2191} 可靠改善，\u{2193} 可靠恶化（可靠变化指数，Jacobson & Truax, 1991）；无标记：无可靠变化。每名参与者的前后测得分与 RCI 见 change.csv（--out-dir）。",
    recovered_legend: "R：康复（可靠改善且越过临床划界分）。",
    scale: "量表",
    n: "n",
    pre: "前测",
    post: "后测",
    diff: "差值",
    measure: "指标",
    value: "值",
    method: "方法",
    items: "题目数",
    group: "组别",
    id: "编号",
    change: "变化",
    class: "类别",
    clinical_class: "临床分类",
    mean_diff: "平均差值",
    pseudomedian: "伪中位数",
    not_computed: "无法计算",
    before_after: "前后测得分",
    before_after_desc: "每条灰线为一名参与者从前测到后测的变化；蓝色为平均数及其置信区间。",
    before_after_caption: "前后测得分，每条灰线为一名参与者；蓝色：平均数及其置信区间",
    before_after_groups_desc: "每条线为一名参与者从前测到后测的变化，按组着色；粗线为各组平均数及其置信区间。",
    before_after_groups_caption: "前后测得分，每条线为一名参与者，按组着色；粗线：各组平均数及其置信区间",
    score: "得分",
    differences: "差值（后测 \u{2212} 前测）",
    differences_desc: "每个点为一名参与者的差值；虚线表示无变化，实线表示平均差值。",
    differences_caption: "后测减前测的差值，每点一名参与者；虚线：无变化；实线：平均数",
    differences_bars_caption: "后测减前测的差值，条形：各差值的人数；虚线：无变化；实线：平均数",
    sample_drawn: "从 {n} 名参与者中按等距抽取 {shown} 名绘图",
    difference_axis: "后测 \u{2212} 前测",
    count: "人数",
    mean: "平均数",
    qq: "差值的正态 Q-Q 图",
    qq_desc: "排序后的差值与理论正态分位数的散点；点越接近虚线越符合正态分布。",
    qq_caption: "差值的正态 Q-Q 图；虚线：经过四分位数的参考线",
    theoretical_quantiles: "正态分位数",
    forest: "各量表的效应量（d_z）",
    forest_desc: "各量表的 Cohen's d_z 及其置信区间；虚线表示无效应。",
    forest_caption: "各量表的效应量 d_z 及置信区间；虚线：无效应",
    forest_groups_caption: "各组在各量表上变化的效应量 d_z 及置信区间；虚线：无效应",
    change_by_group: "各组的变化",
    change_by_group_desc: "每个浅色点为一名参与者的变化；粗线为各组平均变化及其置信区间。",
    change_by_group_caption: "各组后测减前测的变化；浅色点：参与者；粗线：各组平均数及置信区间；虚线：无变化",
    change_axis: "变化（后测 \u{2212} 前测）",
    across_waves: "各时点得分",
    across_waves_desc: "每条灰线为一名参与者在各时点的得分；蓝色为各时点平均数及其置信区间。",
    across_waves_caption: "各时点得分，每条灰线为一名每个时点均有数据的参与者；蓝色：平均数及其置信区间",
    across_waves_groups_desc: "每条线为一名参与者在各时点的得分，按组着色；粗线为各组平均数及其置信区间。",
    across_waves_groups_caption: "各时点得分，每条线为一名每个时点均有数据的参与者，按组着色；粗线：各组平均数及其置信区间",
    bayes_robustness: "贝叶斯因子随先验尺度的变化",
    bayes_robustness_desc: "各量表在 Cauchy 先验尺度 r 从 0.5 到 1.5 时的 BF10（对数刻度）；圆点为所用的 r，虚线为微弱证据（1/3 至 3）与强证据（超过 10）的界线。",
    bayes_robustness_caption: "BF10 随先验尺度 r 的变化，每条线为一个量表（对数刻度）；圆点：所用的 r；虚线：BF10 = 1/10、1/3、3、10",
    bayes_robustness_groups_caption: "两组变化之差的 BF10 随先验尺度 r 的变化，每条线为一个量表（对数刻度）；圆点：所用的 r；虚线：BF10 = 1/10、1/3、3、10",
    prior_scale_axis: "先验尺度 r",
    items_answers: "各题前后测作答",
    items_desc: "每个题目各选项的作答比例，上方条为前测，下方条为后测；较低的选项在零的左侧，较高的在右侧，中间选项跨零平分。",
    items_caption: "各题作答（已按计分方向，R：反向计分题），上方条为前测，下方条为后测；零左侧为较低选项，右侧为较高选项",
    share_axis: "作答比例（%）",
    jacobson_truax: "Jacobson-Truax 个体变化图",
    jacobson_truax_desc: "每名参与者的前测（横轴）与后测（纵轴）；对角线表示无变化，灰色带表示无可靠变化，虚线为临床划界分；点的颜色表示可靠变化类别。",
    jacobson_truax_caption: "每名参与者的前测（横轴）与后测（纵轴）；对角线：无变化；灰色带：无可靠变化；虚线：临床划界分；蓝色：可靠改善，橙色：可靠恶化，灰色：无可靠变化",
    jacobson_truax_groups_caption: "每名参与者的前测（横轴）与后测（纵轴），各组按自身的可靠变化标准分类，故无共同的灰色带；对角线：无变化；虚线：临床划界分；蓝色：可靠改善，橙色：可靠恶化，灰色：无可靠变化；圆点：第一组，方块：第二组",
    improved: "可靠改善",
    no_change: "无可靠变化",
    deteriorated: "可靠恶化",
    recovered: "康复",
};

/// Declares the catalogue of words: the enum of their keys and each word in English and in
/// Chinese, side by side.
macro_rules! words {
    ($($name:ident => $en:expr, $zh:expr;)*) => {
        /// A word or a short phrase of the readable reports (a heading, a table's title or column
        /// label, a class's name) in each language: one catalogue, keyed as typst's
        /// translations are, so that a section names a word and never spells it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum W {
            $($name,)*
        }

        impl W {
            /// Every word of the catalogue.
            pub const ALL: &'static [W] = &[$(W::$name),*];

            /// The word in `lang`.
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((W::$name, Lang::En) => $en,
                    (W::$name, Lang::Zh) => $zh,)*
                }
            }

            /// The word in Chinese (`zh`) or English.
            pub fn pick(self, zh: bool) -> &'static str {
                self.get(if zh { Lang::Zh } else { Lang::En })
            }
        }
    };
}

words! {
    Screening => "Screening of the questionnaires", "问卷筛选";
    ReceivedAndValid => "Questionnaires received and valid", "问卷回收与有效情况";
    QuestionnairesReceived => "Received", "回收问卷";
    QuestionnairesValid => "Valid", "有效问卷";
    QuestionnairesExcluded => "Excluded (invalid)", "剔除（无效问卷）";
    Questionnaires => "Questionnaires", "问卷";
    Count => "n", "份数";
    PercentOfReceived => "% of received", "占回收问卷 %";
    ExclusionsByReason => "Exclusions by reason (a questionnaire may have several)", "按原因统计的剔除问卷（一份问卷可有多个原因）";
    ExcludedRespondents => "Excluded respondents", "剔除的问卷";
    Row => "Row", "行";
    File => "File", "文件";
    Id => "ID", "编号";
    Reasons => "Reasons", "原因";
    Reason => "Reason", "原因";
    RuleTooFast => "Too fast", "作答时间过短";
    RuleStraightLine => "Straight-lining", "所有题目同一答案";
    RuleLongestRun => "Long run of one answer", "连续相同答案过长";
    RuleIncomplete => "Too many items missing", "缺答过多";
    RuleDuplicateId => "Duplicate id", "编号重复";
    RuleDuplicateAnswers => "Duplicate answers", "答案完全重复";
    PhasesTitle => "Phases", "各阶段";
    Case => "Case", "个案";
    Score => "Score", "得分";
    Phase => "Phase", "阶段";
    Slope => "Slope", "斜率";
    PhasesColumn => "Phases", "阶段";
    Cases => "Cases", "个案数";
    AverageOverTheCases => "Average over the cases", "个案平均";
    SingleCaseAnalysis => "Single-case analysis", "个案分析";
    ResultsInBrief => "Results in brief", "结果摘要";
    Notes => "Notes", "注";
    Scale => "Scale", "量表";
    SEOfTheRCI => "SE of the RCI", "RCI 的标准误";
    Improved => "Improved", "可靠改善";
    NoChange => "No change", "无可靠变化";
    Deteriorated => "Deteriorated", "可靠恶化";
    CutOff => "Cut-off", "临床划界分";
    Recovered => "Recovered", "康复";
    ImprovedClinical => "Improved*", "改善*";
    UnchangedClinical => "Unchanged", "未变化*";
    DeterioratedClinical => "Deteriorated*", "恶化*";
    ReliableChange => "Reliable change", "可靠变化";
    OpenParen => " (", "（";
    Semicolon => "; ", "；";
    CloseParen => ")", "）";
    OnlyAtPre => "; only at pre: ", "；仅有前测：";
    OnlyAtPost => "; only at post: ", "；仅有后测：";
    FullStop => ".", "。";
    NoneWord => "none", "无";
    ListSep => ", ", "、";
    Diff => "Diff", "差值";
    AdjDiff => "Adj. diff", "调整后差值";
    PartialEtaSq => "Partial \u{03b7}\u{00b2}", "偏 \u{03b7}\u{00b2}";
    PPreXGroup => "p (pre x group)", "p（前测 × 组别）";
    Group => "Group", "组别";
    Item => "Item", "题目";
    PreM => "Pre M", "前测 M";
    PostM => "Post M", "后测 M";
    AdjustedM => "Adjusted M", "调整后 M";
    PSign => "p (sign)", "p（符号检验）";
    PVHolm => "p (V, Holm)", "p（V，Holm）";
    PStuartMaxwell => "p (Stuart-Maxwell)", "p（Stuart-Maxwell）";
    ItemsBeforeAndAfterKeyedAnswers => "Items before and after (keyed answers; R: reverse-worded)", "各题目的前后测作答（按计分方向；R：反向计分题）";
    PreMSD => "Pre M (SD)", "前测 M (SD)";
    PostMSD => "Post M (SD)", "后测 M (SD)";
    DiffMSD => "Diff M (SD)", "差值 M (SD)";
    DiffMdn => "Diff Mdn", "差值 Mdn";
    MeanDiff => "Mean diff", "平均差值";
    Method => "Method", "方法";
    Pseudomedian => "Pseudomedian", "伪中位数";
    Descriptives => "Descriptives", "描述统计";
    PairedTTest => "Paired t-test", "配对样本 t 检验";
    WilcoxonSignedRankTest => "Wilcoxon signed-rank test", "Wilcoxon 符号秩检验";
    EffectSizes => "Effect sizes", "效应量";
    Measure => "Measure", "指标";
    Value => "Value", "值";
    NormalityOfTheDifferencesShapiroWilk => "Normality of the differences (Shapiro-Wilk)", "差值的正态性检验（Shapiro-Wilk）";
    Items => "Items", "题目数";
    Pre => "Pre", "前测";
    Post => "Post", "后测";
    Solved => " (solved)", "（求解值）";
    Design => "Design", "设计";
    DesignPaired => "paired", "配对（前后测）";
    DesignTwoGroup => "two-group", "两组（变化分数）";
    DesignAncova => "ancova", "协方差分析（控制前测）";
    Test => "Test", "检验";
    Alternative => "Alternative", "备择假设";
    AlphaSymbol => "alpha", "\u{03b1}";
    Power => "Power", "检验力";
    PrePostR => "Pre-post r", "前后测相关 r";
    NPerGroup => "n per group", "每组人数";
    PowerWithNRequired => "Power with n required", "该样本量下的实际检验力";
    Dropout => "Dropout", "流失率";
    TotalToRecruit => "Total to recruit", "总招募人数";
    PowerAnalysis => "Power analysis", "统计检验力分析";
    Answer => "Answer", "结论";
    ThePlannedStudy => "The planned study", "研究设计参数";
    Quantity => "Quantity", "参数";
    QuantityValue => "Value", "数值";
    CronbachsAlpha => "Cronbach's alpha", "Cronbach's α 系数";
    Alpha => "Alpha", "α";
    StdAlpha => "Std. alpha", "标准化 α";
    MeanR => "Mean r", "平均题间相关 r";
    ItemsRReverseKeyed => "Items (R = reverse-keyed)", "题目分析（R = 反向计分题）";
    CorrectedItemTotalR => "Corrected item-total r", "校正的题总相关（CITC）";
    AlphaIfDeleted => "Alpha if deleted", "删除该题后的 α";
    Evidence => "Evidence", "证据";
    EquivalenceBounds => "Equivalence bounds", "等效区间";
    All => "all", "全体";
    WhatTheStudyCanSaySensitivity => "What the study can say: sensitivity, Bayes factor, equivalence", "敏感性分析、贝叶斯因子与等效性检验";
    SmallestDANCOVA => "Smallest d: ANCOVA", "最小可检出 d：协方差分析";
    RWithinGroups => "r within groups", "组内 r";
    AcrossTheWavesDescriptivesParticipantsWith => "Across the waves: descriptives (participants with every wave)", "各时点描述统计（每个时点均有数据的参与者）";
    Wave => "Wave", "时点";
    AcrossTheWavesFriedmanTestAnd => "Across the waves: Friedman test and repeated-measures ANOVA", "各时点间的 Friedman 检验与重复测量方差分析";
    MauchlyWP => "Mauchly W (p)", "Mauchly W（p）";
    PairwiseComparisonsOfTheWavesP => "Pairwise comparisons of the waves (p Holm-adjusted within each scale)", "时点两两比较（p 值在各量表内 Holm 校正）";
    Waves => "Waves", "时点";
    GroupTerm => "group", "组别";
    TimeTerm => "time", "时间";
    GroupByTime => "group \u{00d7} time", "组别 \u{00d7} 时间";
    MixedAnovaTitle => "Mixed ANOVA (group \u{00d7} time, type III)", "混合设计方差分析（组别 \u{00d7} 时间，III 型）";
    Term => "Term", "效应";
    WaveAncovaTitle => "ANCOVA of each wave after the pre-test on the pre-test (treatment \u{2212} comparison)", "以前测为协变量的后续各时点协方差分析（实验组 \u{2212} 对照组）";
    AdjustedDiff => "Adjusted diff", "调整后差值";
    DidTheChangeLastEachWave => "Did the change last? Each wave after the post-test, compared with the post-test", "干预效果是否维持？后测之后各时点与后测的比较";
    ChangeSincePost => "Change since post", "较后测的变化";
    VsPreImprovedNoChangeDeteriorated => "vs pre: improved/no change/deteriorated", "相对前测：可靠改善/无可靠变化/可靠恶化";
    ResultsInDetail => "Results in detail", "详细结果";
    Composition => "Composition of the sample", "样本构成";
    AgainstATestValue => "Against a test value", "与检验值的比较（单样本 t 检验）";
    GroupDifferences => "Group differences", "差异分析";
    Crosstabs => "Crosstabs", "交叉表（卡方检验）";
    Correlations => "Correlations", "相关分析";
    Regression => "Regression", "回归分析";
    MissingWord => "(missing)", "（缺失）";
    Variable => "Variable", "变量";
    Level => "Level", "类别";
    Percent => "%", "百分比（%）";
    ValidPercent => "Valid %", "有效百分比（%）";
    Min => "Min", "最小值";
    Max => "Max", "最大值";
    SkewnessSE => "Skewness (SE)", "偏度（标准误）";
    KurtosisSE => "Kurtosis (SE)", "峰度（标准误）";
    TestValue => "Test value", "检验值";
    Statistic => "Statistic", "统计量";
    EffectSize => "Effect size", "效应量";
    Pair => "Pair", "比较";
    Total => "Total", "合计";
    Block => "Block", "层";
    Added => "Added", "加入的变量";
    AdjR2 => "Adj. R²", "调整 R²";
    FChange => "F change", "F 变化量";
    KmoAndBartlett => "KMO and Bartlett's test", "KMO 和 Bartlett 球形检验";
    KmoMeasure => "Kaiser–Meyer–Olkin measure of sampling adequacy", "KMO 取样适切性量数";
    BartlettChi => "Bartlett's test of sphericity: approx. χ²", "Bartlett 球形检验：近似卡方";
    Df => "df", "自由度";
    Component => "Component", "成分";
    FactorWord => "Factor", "因子";
    Eigenvalue => "Eigenvalue", "特征根";
    PercentVariance => "% of variance", "方差百分比";
    CumulativePercent => "Cumulative %", "累计百分比";
    ExtractionSs => "Extraction SS loadings", "提取载荷平方和";
    RotationSs => "Rotation SS loadings", "旋转载荷平方和";
    TotalVarianceExplained => "Total variance explained", "总方差解释";
    UnrotatedLoadings => "Loadings (unrotated)", "载荷矩阵（未旋转）";
    PatternMatrix => "Pattern matrix (rotated loadings)", "模式矩阵（旋转后载荷）";
    RotatedLoadings => "Rotated loadings", "旋转后的载荷矩阵";
    FactorCorrelations => "Factor correlations", "因子相关矩阵";
    Communality => "Communality", "共同度";
    Subscale => "Subscale", "维度";
    LoadsOn => "Loads on", "所在因子";
    SubscaleFactor => "Subscale's factor", "维度对应因子";
    AsExpected => "As expected", "符合预期";
    ItemsAdequacy => "Items: sampling adequacy and placement", "题目：取样适切性与归属";
    SimulatedMean => "Simulated (mean)", "模拟特征根（平均数）";
    ParallelAnalysis => "Parallel analysis", "平行分析";
    Omega => "McDonald's ω", "McDonald ω 系数";
    OmegaIfDeleted => "ω if deleted", "删除该题后的 ω";
    CriticalRatio => "CR (t)", "决断值（t）";
    Flag => "Flag", "标记";
    SplitHalf => "Split-half reliability (SPSS's split model)", "分半信度（SPSS 分半模型）";
    Split => "Split", "分半方式";
    AlphaPart1 => "α part 1", "前半 α";
    AlphaPart2 => "α part 2", "后半 α";
    CorrelationBetweenForms => "r between forms", "两半相关";
    SpearmanBrownEqual => "Spearman–Brown (equal)", "Spearman–Brown（等长）";
    SpearmanBrownUnequal => "Spearman–Brown (unequal)", "Spearman–Brown（不等长）";
    GuttmanSplitHalf => "Guttman split-half", "Guttman 分半系数";
}

/// A wave prepost names itself (`--pre`, `--post`), in Chinese.
fn wave_zh(wave: &str) -> &str {
    match wave {
        "pre" => "前测",
        "post" => "后测",
        "all waves" => "所有时点",
        other => other,
    }
}

/// A note in Chinese (before the quotation marks and the spacing of Chinese text).
fn note_zh(note: &Note) -> String {
    match note {
        Note::Stat(why) => stat_zh(why),
        Note::Remark(r) => remark_zh(r),
        Note::ScoreMissing {
            wave,
            score,
            n,
            needed,
            items,
        } => format!(
            "{}：{n} 名作答者的 {score} 记为缺失（{items} 题中作答不足 {needed} 题）",
            wave_zh(wave)
        ),
        Note::ScoreProrated {
            wave,
            score,
            n,
            items,
            mean,
        } => format!(
            "{}：{n} 名作答者的 {score} 由少于 {items} 题计分（{}）",
            wave_zh(wave),
            if *mean {
                "取已答题目的平均数".to_string()
            } else {
                format!("按已答题目的平均数 × {items} 折算")
            }
        ),
        Note::ScoreImputed {
            wave,
            score,
            n,
            items,
        } => format!(
            "{}：{n} 名作答者的 {score} 有未答题目，以该题的平均数代替后按全部 {items} 题计分",
            wave_zh(wave)
        ),
        Note::InvalidAnswers {
            wave,
            total,
            by_item,
        } => format!(
            "{}：{total} 个无效作答按缺失处理（{}）",
            wave_zh(wave),
            crate::note::counts_by_item(by_item)
        ),
        Note::SkippedAnswers {
            wave,
            total,
            by_item,
        } => format!(
            "{}：问卷星数据中 {total} 个跳过或未显示的作答（-2、-3、(跳过) 或空）按缺失处理（{}）",
            wave_zh(wave),
            crate::note::counts_by_item(by_item)
        ),
        Note::UserMissing {
            file,
            column,
            n,
            codes,
        } => format!("{file} 的列\"{column}\"：{n} 个 SPSS 用户缺失值（{codes}）按缺失处理"),
        Note::ColumnOnlyIn { column, files } => {
            format!("列\"{column}\"仅见于 {files}，未比较")
        }
        Note::ColumnMixed { column, files: 2 } => format!(
            "列\"{column}\"在一个文件中为数值，在另一个文件中只有文本或缺失值，未比较"
        ),
        Note::ColumnMixed { column, .. } => format!(
            "列\"{column}\"在部分文件中为数值，在其余文件中只有文本或缺失值，未比较"
        ),
        Note::ColumnEmptyIn { column, files } => {
            format!("列\"{column}\"在 {files} 中没有任何值，未比较")
        }
        Note::ColumnEmpty { column } => format!("列\"{column}\"在所有文件中都没有值，未比较"),
        Note::RowsLeftOut { labels, file } => format!(
            "{file} 中时间标签为 {} 的行未纳入分析",
            crate::note::quoted(labels).replace(", ", "、")
        ),
        Note::NoCaseColumn { column, case } => {
            format!("没有个案列\"{column}\"：所有行视为一个个案，命名为\"{case}\"")
        }
        Note::WavesNotCompared { waves } => format!(
            "时点 {} 不参与前后测比较，只用于跨时点分析",
            crate::note::quoted(waves).replace(", ", "、")
        ),
        Note::WavesChosen { pre, post } => format!(
            "比较的是时点 \"{pre}\" 与时点 \"{post}\"（可用 --pre-label 与 --post-label 选择）"
        ),
        Note::SameFile { pre, post, file } => {
            let wave = |label: &str, own: &str, name: &str| {
                if label == own {
                    name.to_string()
                } else {
                    format!("时点\"{label}\"")
                }
            };
            format!(
                "{}与{}是同一个文件（{file}）：所有差值均为 0",
                wave(pre, "pre", "前测"),
                wave(post, "post", "后测")
            )
        }
        Note::ParticipantsLeftOut { n, limit } => format!(
            "{n} 名参与者：超过 {limit} 名时，本报告不列出每名参与者的表格与图（--out-dir 的 change.csv 含全部参与者）"
        ),
        Note::CaseSessionsLeftOut { case, n, score } => {
            format!("个案 {case}：{n} 次测量缺少 {score} 的值，未纳入")
        }
        Note::PhaseWithoutScore { phase, score } => format!("阶段 {phase} 没有 {score} 的值"),
        Note::CaseAverageWithheld {
            score,
            contrast,
            measure,
            why,
        } => format!(
            "{score}，{}：未计算 {measure} 的逆方差加权平均：{}",
            contrast.replace('-', " → "),
            stat_zh(why)
        ),
        Note::OnePhase => "只有一个阶段：没有可对比的阶段".to_string(),
        Note::PseudomedianCoverage { level, n, achieved } => format!(
            "{n} 个差值无法得到 {}% 的伪中位数区间；所示区间的覆盖率为 {}%",
            crate::note::fmt_level(*level),
            crate::note::fmt_level(*achieved)
        ),
        Note::ConstantDifferencesNoInterval => {
            "所有差值相同，正态近似的标准误为 0：无置信区间".to_string()
        }
        Note::OneRankedNoInterval => "只有一个差值参与排秩，r 必为 ±1：无置信区间".to_string(),
        Note::OneParticipantRciMethod { method } => {
            format!("只有一名参与者时仅适用 --rci-method jt（{method} 需要样本平均数）")
        }
        Note::NoReliability => "未提供该量表的信度系数：请用 --reliability 量表=信度值 指定，或提供题目层面的数据（--scale）".to_string(),
        Note::OneParticipantNeedsNorms => "少于 2 对数据：请给出常模（--norm 量表=平均数,标准差），以常模组的标准差评判单名参与者".to_string(),
        Note::CriterionNeedsSample { criterion } => format!(
            "临床显著改变划界标准 {criterion} 需要至少两名参与者的前测标准差；只有一名时请用 --criterion b（仅用常模）"
        ),
        Note::NoCompleteCaseAcrossWaves => {
            "没有参与者在每个时点都有该量表的得分".to_string()
        }
        Note::ImanDavenportInfinite => {
            "每名参与者对各时点的排序相同（W = 1）：F 为无穷大，没有 p 值（见 Friedman 检验）"
                .to_string()
        }
        Note::PerfectlyCorrelatedWithinGroups => "组内前测与后测完全相关".to_string(),
        Note::ExactRankRaisesN {
            alpha,
            least,
            paired: true,
        } => format!(
            "少于 {least} 对时精确秩检验无法达到 α = {alpha}：所需人数已提高至 {least} 对"
        ),
        Note::ExactRankRaisesN { alpha, least, .. } => format!(
            "每组少于 {least} 人时精确秩检验无法达到 α = {alpha}：所需人数已提高至每组 {least} 人"
        ),
        Note::AsymptoticEfficiency => "渐近相对效率适用于大样本；每组少于约 20 人时，精确检验的检验力可能低于所示值".to_string(),
        Note::HeywoodCase { items } => format!(
            "出现 Heywood 个案：{} 的独特性达到下限（0.005，与 psych 和 factanal 相同），共同度约为 1；因子可能过多或样本量过小",
            items.join("、")
        ),
    }
}

/// Why a statistic was not computed, in Chinese.
fn stat_zh(why: &NotComputable) -> String {
    match why {
        NotComputable::TooFewObservations { n, needed } => {
            format!("至少需要 {needed} 个观测值，现有 {n} 个")
        }
        NotComputable::ConstantDifferences => "差值几乎为常数（标准差为 0）".to_string(),
        NotComputable::AllDifferencesZero => "所有差值均为 0".to_string(),
        NotComputable::ZeroVariance { what } => format!("{}的方差为 0", subject_zh(*what)),
        NotComputable::TooManyObservations { n, limit } => {
            format!("至多接受 {limit} 个观测值，现有 {n} 个")
        }
        NotComputable::NonFinite => "数据含有 NaN 或无穷值".to_string(),
        NotComputable::Depends { on } => format!("无法计算：{}", prerequisite_zh(*on)),
        NotComputable::NotApplicable { why } => inapplicable_zh(*why).to_string(),
    }
}

fn subject_zh(s: Subject) -> &'static str {
    match s {
        Subject::PreAndPost => "前测与后测",
        Subject::PreTest => "前测",
        Subject::BaselinePhase => "基线阶段",
        Subject::FirstSample => "第一个样本",
        Subject::SecondSample => "第二个样本",
        Subject::PooledChangeScores => "合并的变化分数",
        Subject::PooledRanks => "合并的秩",
        Subject::Sample => "样本",
        Subject::ErrorTerm => "误差项",
        Subject::ModelTerm => "模型中的一项",
        Subject::ModelTermCollinear => "模型中的一项（共线）",
        Subject::ScoresWithinGroups => "组内得分",
        Subject::TotalScore => "总分",
        Subject::EachPhase => "每个阶段",
        Subject::Group => "某一组",
        Subject::AbsoluteDeviations => "组内绝对离差",
        Subject::PooledWithinGroupVariance => "合并的组内方差",
        Subject::BothGroupsOfPair => "该对比的两组",
        Subject::Outcome => "因变量",
        Subject::PostTest => "后测",
        Subject::ConstantItem => "某一题目（其作答为常数）",
        Subject::ConstantItemPairwise => "某一题目（在两题均作答的数据中为常数）",
        Subject::StandardizedTotal => "标准化总分",
        Subject::HalfScore => "某一半的得分",
    }
}

fn prerequisite_zh(p: Prerequisite) -> &'static str {
    match p {
        Prerequisite::Reliability => "[0, 1) 内的信度（可靠变化指数）",
        Prerequisite::PostSdAndR => "后测标准差与前后测相关（Hageman-Arrindell）",
        Prerequisite::SampleMeans => "样本平均数（只有一名参与者：请用 --rci-method jt）",
        Prerequisite::Norms => "常模（--norm 量表=平均数,标准差）",
        Prerequisite::DZ => "d_z",
        Prerequisite::DAv => "d_av",
        Prerequisite::Wilcoxon => "Wilcoxon 符号秩检验",
        Prerequisite::PairedT => "配对样本 t 检验",
    }
}

fn inapplicable_zh(why: Inapplicable) -> &'static str {
    use Inapplicable::*;
    match why {
        NoAnswerChanged => "没有作答发生变化",
        EquivalenceBounds => "等效区间的下界须小于上界",
        EquivalenceAlpha => "α 须在 0 与 0.5 之间",
        CorrelationRange => "前后测相关须大于 −1 且小于 1",
        AlphaRange => "α 须在 0 与 1 之间",
        NoEffectReachesPower => "没有效应量能达到该检验力",
        NoSampleReachesPower => "对该效应，没有样本量能达到该检验力",
        NoAlphaGivesPower => "(0, 1) 内没有 α 能得到该检验力",
        PowerRange => "检验力须大于 α 且小于 1",
        PriorScale => "先验尺度须大于 0",
        BayesFactorBeyondDouble => "t 值过大，BF10 超出双精度数的范围：存在效应的压倒性证据",
        BayesFactorBelowDouble => "t 值远在单侧备择假设所指方向的反侧，BF10 低于双精度数的范围：该方向不存在效应的压倒性证据",
        LrrNeedsCounts => "对数反应比要求得分不小于 0（计数型量表）",
        TwoWavesNeeded => "至少需要两个时点",
        AllRanksTied => "每名参与者在各时点的得分都相同（所有秩相等）",
        GroupWithoutCompleteCase => "某一组中没有在所有时点均有数据的参与者",
        SphericityTrivial => "只有两个时点：球形假设自然成立",
        FewerParticipantsThanWaves => "（每组）参与者少于时点数：误差矩阵奇异",
        SingularErrorMatrix => "误差矩阵奇异（某一时点对比没有残差变异）",
        DifferenceUnreliable => "差值的信度（Hageman-Arrindell r_dd）不大于 0",
        PerfectFit => "近乎完美拟合：得分恰为前测与组别的线性函数，没有可供检验的误差 (R: \"essentially perfect fit: summary may be unreliable\")",
        PooledPhasesNotASeries => "合并后的阶段不是连续的一组测量：不计算基线趋势",
        PairedTNotComputed => "无法计算配对样本 t 检验",
        TwoPairsDrm => "只有两对数据时 r 总为 ±1，d_rm 不含信息",
        ExactRankNeverReachesAlpha => "参与者太少，无论效应多大，精确秩检验都无法达到 α（其最小的 p 值也大于 α）",
        LrrNeedsNonNegative => "对数反应比要求得分不小于 0（0 表示行为未出现）",
        ProportionRange => "比例须在 0 与 1 之间",
        PercentageRange => "百分比须在 0 与 100 之间",
        LorNeedsProportions => "对数优势比要求得分为比例或百分比（--outcome-scale proportion 或 percentage）",
        RatioMeanAtBound => "某一阶段的平均数为 0（或位于比例、百分比量表的上限），且没有截断常数：请给出每次观察的区间数（比例、百分比）或观察时长（速率）",
        InverseVarianceNeedsSe => "逆方差加权平均需要每个个案的标准误",
        ZeroStandardError => "某个案的标准误为 0，其逆方差权重无穷大",
        BeyondDoubleRange => "该值超出双精度数的范围",
        TwoGroupsWithData => "至少需要两个有数据的组",
        OmegaSqZero => "ω² 为 0（F ≤ 1），其置信区间无定义",
        ConfLevelRange => "置信水平须在 0 与 1 之间",
        NoncentralFIntervalNotFound => "未能求得 F 统计量非中心参数的区间",
        CrosstabNotRectangular => "交叉表须为矩形表",
        TableTooSmall => "列联表至少需要两个非空行与两个非空列",
        FisherNotRequested => "未要求 r × c 表的 Fisher 精确检验",
        CramersVTableTooSmall => "Cramér's V 至少需要两行两列",
        FisherTableTooSmall => "Fisher 检验至少需要两个非空行与两个非空列",
        FisherTooManyLevels => "Fisher 精确检验只对较小一维不超过 12 个水平的表计算",
        FisherTableTooLarge => "列联表过大，无法做 Fisher 精确检验（请用卡方检验）",
        FisherBudgetExceeded => "列联表过大，Fisher 精确检验超出计算预算（请用卡方检验）",
        NoncentralChisqArguments => "非中心卡方分布要求 df > 0 且非中心参数有限且不小于 0",
        ChisqIntervalArguments => "该区间需要有限的卡方值与 0 到 1 之间的置信水平",
        NoncentralityNotBracketed => "未能界定非中心参数的区间",
        PostHocTwoGroups => "事后比较至少需要两个组",
        StudentizedRangeMeans => "学生化极差分布只对 2 到 10000 个平均数计算",
        ProbabilityRange => "概率须在 0 与 1 之间",
        StudentizedRangeNotBracketed => "未能界定学生化极差分布的分位数",
        RangesCount => "极差的个数须在 1 与 10^6 之间",
        StudentizedRangeDf => "学生化极差分布要求自由度为正",
        CorrelationColumnsLength => "相关矩阵的各列长度须相同",
        CategoryOutsideLevels => "某一类别编码不在水平列表中",
        PredictorOneLevel => "列删除后某一分类预测变量有观测的水平少于两个（R: contrasts can be applied only to factors with 2 or more levels）",
        RegressionPerfectFit => "近乎完美拟合：因变量恰为预测变量的线性函数，没有可供检验的误差 (R: \"essentially perfect fit: summary may be unreliable\")",
        AliasedCoefficients => "模型中有完全共线（别名）的系数（car::vif：存在别名系数）",
        TooCollinearForVif => "预测变量近乎完全共线，无法计算 VIF",
        AliasedColumn => "别名：该列为常数或为其前各列的精确线性组合 (R: NA)",
        NoEstimablePredictor => "模型中没有可估计的预测变量",
        BlockNotEstimable => "该层没有增加可估计的列（其各列均完全共线）",
        GroupOutsideLevels => "某一组别编码不在水平列表中",
        AncovaTwoGroups => "协方差分析至少需要两个有观测的组",
        PreTestFunctionOfGroup => "前测恰为组别的函数（各组内为常数），无法将组别效应与之分开",
        SingularCorrelation => "相关矩阵奇异或非正定（某一题目为常数、与其他题目重复或为其他题目的线性组合，或成对删除使矩阵不定）",
        ItemColumnsDiffer => "各题目列的长度不同",
        ExtractionNonFinite => "因子抽取得到了非有限值",
        ExtractionNotConverged => "因子抽取在 500 次牛顿迭代内未收敛",
        PrincipalAxisDiverged => "主轴因子法发散（某一共同度大于 2）",
        PrincipalAxisNegativeEigenvalue => "主轴因子法在因子中遇到负特征根",
        PrincipalAxisSettings => "主轴因子法要求 min_err ≥ 0，迭代次数在 1 与 1e6 之间",
        ComponentCount => "成分数须在 1 与题目数之间",
        NoFactorAsked => "至少需要一个因子",
        TooManyFactors => "因子过多：因子模型的因子数须少于题目数",
        TooManyFactorsMl => "对最大似然法而言因子过多：模型的自由度为负",
        NoFactorToExtract => "没有可抽取的因子（没有特征根高于标准）",
        NoLoadings => "没有可旋转的载荷",
        KaiserZeroRow => "某一题目的载荷全为 0（共同度为 0），无法进行 Kaiser 标准化",
        VarimaxUndefined => "方差最大旋转无定义（某一因子没有载荷）",
        VarimaxNotConverged => "方差最大旋转未收敛（10000 次迭代，或已无可走的步长）",
        ObliminNotConverged => "斜交旋转（oblimin）未收敛（10000 次迭代，或已无可走的步长）",
        PromaxPower => "promax 的幂须至少为 1",
        PromaxSingular => "promax 旋转无定义（载荷矩阵奇异）",
        ObliminSingular => "oblimin 旋转得到了奇异的变换矩阵",
        ParallelIterations => "平行分析至少需要一个模拟数据集",
        ParallelQuantile => "平行分析的分位数须在 0 与 1 之间",
        EmptyHalf => "每一半至少需要一个题目",
        ExtremeFraction => "高低分组的比例须在 (0, 0.5] 内",
        ExtremeGroupsOverlap => "高分组与低分组重叠（不同的总分太少）",
    }
}

fn remark_zh(r: &Remark) -> String {
    match r {
        Remark::ExactRefused { n, limit } => {
            format!("要求精确 p 值，但参与排秩的差值有 {n} 个，超过上限 {limit}：改用正态近似")
        }
        Remark::ExactRefusedGroups { nx, ny } => {
            format!("要求精确 p 值，但两组（{nx} 人与 {ny} 人）过大：改用正态近似")
        }
        Remark::InteractionPerfectFit => {
            "加入前测 × 组别交互后拟合近乎完美：无法检验回归斜率是否平行".to_string()
        }
        Remark::PowerReachedAtSmallestSample => {
            "t 检验所允许的最小样本（自由度为 1）已达到计划的检验力：确切的样本量低于该值"
                .to_string()
        }
        Remark::InteractionCollinear => {
            "前测 × 组别交互无法估计（与前测和组别共线，例如某组内前测为常数）".to_string()
        }
    }
}

/// A group as Chinese names it: "program 组", "实验组", "第 1 组"; a label that is a group
/// already as it is ("干预组", "實驗組", "control group", not "干预组组").
pub fn group_zh(label: &str) -> String {
    if label.ends_with(['组', '組']) || label.to_lowercase().ends_with("group") {
        label.to_string()
    } else if !label.is_empty() && label.chars().all(|c| c.is_ascii_digit()) {
        format!("第 {label} 组")
    } else if label.chars().last().is_some_and(is_cjk) {
        format!("{label}组")
    } else {
        format!("{label} 组")
    }
}

/// Straight double quotes, in pairs, as Chinese quotation marks: "follow" → “follow”.
fn chinese_quotes(s: &str) -> String {
    if !s.matches('"').count().is_multiple_of(2) {
        return s.to_string();
    }
    let mut open = true;
    s.chars()
        .map(|c| match c {
            '"' => {
                open = !open;
                if open {
                    '\u{201d}'
                } else {
                    '\u{201c}'
                }
            }
            c => c,
        })
        .collect()
}

/// Whether a character is Chinese (a CJK ideograph) or Chinese punctuation (CJK symbols,
/// fullwidth forms, the quotation marks “ ”).
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{201c}' | '\u{201d}' | '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// Chinese text as Chinese typesetting spaces it: a space between Chinese and Latin letters or
/// numbers ("在 80% 的"), none between two Chinese characters. Sentences put a name before
/// Chinese words with a space ("self_perception 由前测"); a Chinese name (a spec's
/// `label_zh`, "自我认知由前测") loses it here.
pub fn cjk_spacing(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let between_cjk = c == ' '
            && i > 0
            && is_cjk(chars[i - 1])
            && chars.get(i + 1).is_some_and(|&n| is_cjk(n));
        if !between_cjk {
            out.push(c);
        }
    }
    out
}

impl Text {
    /// The name of a clinical class (`recovered`, `improved`, `unchanged`, `deteriorated`).
    pub fn clinical(&self, class: &str) -> &'static str {
        match (self.lang, class) {
            (Lang::En, "recovered") => "recovered",
            (Lang::En, "improved") => "improved",
            (Lang::En, "unchanged") => "unchanged",
            (Lang::En, "deteriorated") => "deteriorated",
            (Lang::Zh, "recovered") => "康复",
            (Lang::Zh, "improved") => "改善",
            (Lang::Zh, "unchanged") => "未变化",
            (Lang::Zh, "deteriorated") => "恶化",
            _ => "",
        }
    }

    /// A note in the report's language.
    pub fn note(&self, note: &Note) -> String {
        self.note_naming(note, &|s| s.to_string())
    }

    /// A note in the report's language, the score it names named by `score` (a spec's label).
    pub fn note_naming(&self, note: &Note, score: &dyn Fn(&str) -> String) -> String {
        // (a note naming a score names it by its label)
        let named = match note {
            Note::ScoreMissing {
                wave,
                score: s,
                n,
                needed,
                items,
            } => Note::ScoreMissing {
                wave: wave.clone(),
                score: score(s),
                n: *n,
                needed: *needed,
                items: *items,
            },
            Note::ScoreProrated {
                wave,
                score: s,
                n,
                items,
                mean,
            } => Note::ScoreProrated {
                wave: wave.clone(),
                score: score(s),
                n: *n,
                items: *items,
                mean: *mean,
            },
            Note::ScoreImputed {
                wave,
                score: s,
                n,
                items,
            } => Note::ScoreImputed {
                wave: wave.clone(),
                score: score(s),
                n: *n,
                items: *items,
            },
            Note::CaseSessionsLeftOut { case, n, score: s } => Note::CaseSessionsLeftOut {
                case: case.clone(),
                n: *n,
                score: score(s),
            },
            Note::PhaseWithoutScore { phase, score: s } => Note::PhaseWithoutScore {
                phase: phase.clone(),
                score: score(s),
            },
            Note::CaseAverageWithheld {
                score: s,
                contrast,
                measure,
                why,
            } => Note::CaseAverageWithheld {
                score: score(s),
                contrast: contrast.clone(),
                measure: measure.clone(),
                why: why.clone(),
            },
            other => other.clone(),
        };
        match self.lang {
            Lang::En => named.to_string(),
            Lang::Zh => cjk_spacing(&chinese_quotes(&note_zh(&named))),
        }
    }

    /// A report's notes in its language, each score named by `score`.
    pub fn notes_naming(&self, notes: &[Note], score: &dyn Fn(&str) -> String) -> Vec<String> {
        notes.iter().map(|n| self.note_naming(n, score)).collect()
    }

    /// "not computed: why" with the reason in the report's language (without one: "see the
    /// notes").
    pub fn not_computed_because(&self, why: Option<&Note>) -> String {
        let why = match (why, self.lang) {
            (Some(n), _) => self.note(n),
            (None, Lang::En) => "see notes".to_string(),
            (None, Lang::Zh) => "见注".to_string(),
        };
        match self.lang {
            Lang::En => format!("{}: {why}", self.not_computed),
            Lang::Zh => format!("{}：{why}", self.not_computed),
        }
    }

    /// The alternative hypothesis about `of` (English: R's name): "单侧（差值 > 0）".
    pub fn alternative(&self, a: crate::stats::Alternative, of: &str) -> String {
        use crate::stats::Alternative::*;
        match (self.lang, a) {
            (Lang::En, a) => a.as_str().to_string(),
            (Lang::Zh, TwoSided) => "双侧".to_string(),
            (Lang::Zh, Greater) => format!("单侧（{of} > 0）"),
            (Lang::Zh, Less) => format!("单侧（{of} < 0）"),
        }
    }

    /// The layout of the input (`two-files`, `waves`, `long`, `wide`).
    pub fn layout(&self, name: &str) -> String {
        let zh = match name {
            "two-files" => "前测、后测各一个文件",
            "waves" => "每个时点一个文件",
            "long" => "长格式，一行一个时点",
            "wide" => "宽格式，一行一名参与者",
            _ => name,
        };
        match self.lang {
            Lang::En => name.to_string(),
            Lang::Zh => zh.to_string(),
        }
    }

    /// How the Wilcoxon test treats zero differences (English: R's and scipy's name).
    pub fn zero_method(&self, name: &str) -> String {
        let zh = match name {
            "wilcox" => "剔除零差值（wilcox）",
            "pratt" => "零差值参与排秩，不计入统计量（pratt）",
            "zsplit" => "零差值的秩正负各半（zsplit）",
            _ => name,
        };
        match self.lang {
            Lang::En => name.to_string(),
            Lang::Zh => zh.to_string(),
        }
    }

    /// How a Wilcoxon p was computed (`exact`, `normal`, `normal-cc`).
    pub fn p_method(&self, name: &str) -> String {
        let zh = match name {
            "exact" => "精确",
            "normal" => "正态近似",
            "normal-cc" => "正态近似（连续性校正）",
            _ => name,
        };
        match self.lang {
            Lang::En => name.to_string(),
            Lang::Zh => zh.to_string(),
        }
    }

    /// An effect size's name in a table (English: its key).
    pub fn effect(&self, key: &str) -> String {
        let zh = match key {
            "rank_biserial" => "秩二列相关 r",
            "cles" => "优势概率（CLES）",
            _ => key,
        };
        match self.lang {
            Lang::En => key.to_string(),
            Lang::Zh => zh.to_string(),
        }
    }

    /// Where a reliability came from: the data's alpha, or given (`--reliability`).
    pub fn reliability_source(&self, source: &str) -> &'static str {
        match (self.lang, source == "data") {
            (Lang::En, true) => " (alpha)",
            (Lang::En, false) => " (given)",
            (Lang::Zh, true) => "（α）",
            (Lang::Zh, false) => "（指定值）",
        }
    }

    pub fn of(lang: Lang) -> Text {
        match lang {
            Lang::En => EN,
            Lang::Zh => ZH,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_worded_in_each_language_from_their_values() {
        let zh = Text::of(Lang::Zh);
        let missing = Note::ScoreMissing {
            wave: "post".into(),
            score: "emotion".into(),
            n: 1,
            needed: 4,
            items: 5,
        };
        assert_eq!(
            zh.note(&missing),
            "后测：1 名作答者的 emotion 记为缺失（5 题中作答不足 4 题）"
        );
        assert_eq!(
            zh.note(&Note::ScoreProrated {
                wave: "pre".into(),
                score: "total".into(),
                n: 2,
                items: 20,
                mean: false
            }),
            "前测：2 名作答者的 total 由少于 20 题计分（按已答题目的平均数 × 20 折算）"
        );
        assert_eq!(
            zh.note(&Note::ScoreImputed {
                wave: "pre".into(),
                score: "total".into(),
                n: 2,
                items: 20,
            }),
            "前测：2 名作答者的 total 有未答题目，以该题的平均数代替后按全部 20 题计分"
        );
        let user_missing = Note::UserMissing {
            file: "pre.sav".into(),
            column: "q3".into(),
            n: 2,
            codes: "9".into(),
        };
        assert_eq!(
            user_missing.to_string(),
            "pre.sav, column \"q3\": 2 user-missing values (9) read as missing"
        );
        assert_eq!(
            zh.note(&user_missing),
            "pre.sav 的列“q3”：2 个 SPSS 用户缺失值（9）按缺失处理"
        );
        assert_eq!(
            zh.note(&Note::ColumnOnlyIn {
                column: "age".into(),
                files: "pre.csv".into()
            }),
            "列“age”仅见于 pre.csv，未比较"
        );
        assert_eq!(
            zh.note(
                &NotComputable::ZeroVariance {
                    what: Subject::PreTest
                }
                .into()
            ),
            "前测的方差为 0"
        );
        assert_eq!(
            zh.note(
                &NotComputable::Depends {
                    on: Prerequisite::DZ
                }
                .into()
            ),
            "无法计算：d_z"
        );
        // text from the data is never read as a note
        assert_eq!(
            zh.note(&Note::ColumnOnlyIn {
                column: "{n} the sample".into(),
                files: "a.csv".into()
            }),
            "列“{n} the sample”仅见于 a.csv，未比较"
        );
        assert_eq!(
            zh.not_computed_because(Some(&NotComputable::AllDifferencesZero.into())),
            "无法计算：所有差值均为 0"
        );
        assert_eq!(zh.not_computed_because(None), "无法计算：见注");
        assert_eq!(
            zh.note(&Note::WavesNotCompared {
                waves: vec!["follow".into()]
            }),
            "时点“follow”不参与前后测比较，只用于跨时点分析"
        );
        // the score named by its label, in either language
        let label = |s: &str| {
            if s == "emotion" {
                "情绪管理".to_string()
            } else {
                s.to_string()
            }
        };
        assert_eq!(
            zh.note_naming(&missing, &label),
            "后测：1 名作答者的情绪管理记为缺失（5 题中作答不足 4 题）"
        );
        let en = Text::of(Lang::En);
        let label = |_: &str| "Emotion management".to_string();
        assert_eq!(
            en.note_naming(&missing, &label),
            "post: Emotion management missing for 1 respondent (fewer than 4 of 5 items answered)"
        );
        assert_eq!(en.note(&missing), missing.to_string());
    }

    /// Every word of the catalogue has an English and a Chinese form.
    #[test]
    fn every_word_has_both_languages() {
        for w in W::ALL {
            assert!(
                !w.get(Lang::En).is_empty() && !w.get(Lang::Zh).is_empty(),
                "{w:?}"
            );
        }
        assert_eq!(W::Scale.pick(true), "量表");
        assert_eq!(W::Scale.pick(false), "Scale");
    }

    /// The notes of the scale validation have their Chinese.
    #[test]
    fn a_heywood_case_is_worded_in_chinese() {
        let zh = Text::of(Lang::Zh).note(&Note::HeywoodCase {
            items: vec!["q1".into(), "q7".into()],
        });
        assert!(zh.contains("Heywood") && zh.contains("q1、q7"), "{zh}");
        assert!(zh.chars().any(is_cjk) && !zh.contains("the "), "{zh}");
    }

    /// Every reason and remark of the statistics has its Chinese (no English noun left in it).
    #[test]
    fn every_reason_a_statistic_is_not_computed_has_its_chinese() {
        use crate::stats::NotComputable::*;
        let zh = Text::of(Lang::Zh);
        let mut reasons = vec![
            TooFewObservations { n: 1, needed: 2 },
            ConstantDifferences,
            AllDifferencesZero,
            TooManyObservations {
                n: 6000,
                limit: 5000,
            },
            NonFinite,
        ];
        reasons.extend(Subject::ALL.iter().map(|&what| ZeroVariance { what }));
        reasons.extend(Prerequisite::ALL.iter().map(|&on| Depends { on }));
        reasons.extend(Inapplicable::ALL.iter().map(|&why| NotApplicable { why }));
        for e in reasons {
            let text = zh.note(&e.clone().into());
            assert!(
                text.chars().any(is_cjk) && !text.contains("the "),
                "{e}: {text}"
            );
        }
        for r in [
            Remark::ExactRefused {
                n: 6000,
                limit: 5000,
            },
            Remark::ExactRefusedGroups { nx: 900, ny: 900 },
            Remark::InteractionPerfectFit,
            Remark::InteractionCollinear,
        ] {
            let text = zh.note(&Note::Remark(r));
            assert!(text.chars().any(is_cjk) && !text.contains("the "), "{text}");
        }
    }

    #[test]
    fn groups_are_named_once() {
        assert_eq!(group_zh("program"), "program 组");
        assert_eq!(group_zh("实验"), "实验组");
        assert_eq!(group_zh("干预组"), "干预组");
        assert_eq!(group_zh("實驗組"), "實驗組");
        assert_eq!(group_zh("Control group"), "Control group");
        assert_eq!(group_zh("1"), "第 1 组");
        assert_eq!(group_zh("waitlist 2"), "waitlist 2 组");
    }

    #[test]
    fn no_space_between_two_chinese_characters() {
        assert_eq!(
            cjk_spacing("自我认知 由前测 M = 1，在 80% 的 total 由"),
            "自我认知由前测 M = 1，在 80% 的 total 由"
        );
        assert_eq!(cjk_spacing("（精确检验） 与"), "（精确检验）与");
    }
}
