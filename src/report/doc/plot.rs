//! Plain SVG plots written by hand: a few hundred lines instead of a plotting crate, so the
//! output is small, deterministic (tests compare it), and embeds inline in the one-file HTML
//! report. Text names a stack of families ([`FONT_STACK`]) with a Chinese face of each system.

use std::fmt::Write;

/// Colours (Okabe–Ito, distinguishable with colour-vision deficiencies).
pub const BLUE: &str = "#0072B2";
pub const ORANGE: &str = "#D55E00";
pub const GREEN: &str = "#009E73";
pub const GREY: &str = "#999999";
pub const INK: &str = "#222222";
/// The Okabe–Ito colours, for one line per scale.
pub const PALETTE: [&str; 7] = [
    BLUE, ORANGE, GREEN, "#CC79A7", "#E69F00", "#56B4E9", "#000000",
];

/// The figures' fonts: a Latin face of each system first (macOS, Windows, Linux), then a
/// Chinese one of each; a viewer takes each character from the first family that has it.
pub const FONT_STACK: &str = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', 'PingFang SC', \
     'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', \
     'WenQuanYi Micro Hei', sans-serif";

/// Escapes text for SVG/HTML ([`super::markup`], the one escaping of the markup formats).
pub fn esc(s: &str) -> String {
    super::markup(s)
}

/// "Nice" tick positions covering [lo, hi] (after Heckbert 1990, Graphics Gems): steps of 1, 2
/// or 5 times a power of ten, about `n` of them.
pub fn nice_ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else if lo == 0.0 {
        (-1.0, 1.0)
    } else {
        (lo - lo.abs() * 0.1, hi + hi.abs() * 0.1)
    };
    // a step of 1, 2 or 5 times a power of ten near x
    let nice = |x: f64| -> f64 {
        let e = x.log10().floor();
        let f = x / 10f64.powf(e);
        let nf = if f < 1.5 {
            1.0
        } else if f < 3.0 {
            2.0
        } else if f < 7.0 {
            5.0
        } else {
            10.0
        };
        nf * 10f64.powf(e)
    };
    let step = nice((hi - lo) / (n.max(2) - 1) as f64);
    // multiples of the step (not a running sum, which drifts: 0.1 + 0.2 != 0.3)
    let (first, last) = ((lo / step).floor() as i64, (hi / step).ceil() as i64);
    (first..=last).map(|k| k as f64 * step).collect()
}

/// Decimals that show the ticks distinctly.
fn tick_decimals(ticks: &[f64]) -> usize {
    if ticks.len() < 2 {
        return 0;
    }
    let step = (ticks[1] - ticks[0]).abs();
    if step >= 1.0 {
        0
    } else {
        (-step.log10().floor()) as usize
    }
}

/// A tick label: fixed decimals, a true minus sign.
pub fn tick_label(v: f64, decimals: usize) -> String {
    super::number::fixed(v, decimals, "\u{2212}")
}

/// One plot panel: data coordinates mapped into an SVG of fixed size.
pub struct Plot {
    pub width: f64,
    pub height: f64,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    xlim: (f64, f64),
    ylim: (f64, f64),
    body: String,
    title: String,
    desc: String,
    legend: Vec<(String, String)>,
}

/// Approximate width in pixels of `s` in a sans-serif font of `size` px (bold-ish Latin
/// ≈ 0.6 em per character, CJK a full em): enough to keep titles inside the panel.
pub fn text_width(s: &str, size: f64) -> f64 {
    s.chars()
        .map(|c| if c as u32 >= 0x2E80 { 1.0 } else { 0.6 })
        .sum::<f64>()
        * size
}

impl Plot {
    /// A panel with the given data limits (padded slightly) and room for axis labels.
    pub fn new(
        title: &str,
        desc: &str,
        width: f64,
        height: f64,
        xlim: (f64, f64),
        ylim: (f64, f64),
    ) -> Plot {
        Plot {
            width,
            height,
            left: 58.0,
            right: 16.0,
            top: 34.0,
            bottom: 46.0,
            xlim,
            ylim,
            body: String::new(),
            title: title.to_string(),
            desc: desc.to_string(),
            legend: Vec::new(),
        }
    }

    /// A legend of (colour, label) in a row under the title (call before drawing: it makes
    /// room by moving the plot area down).
    pub fn with_legend(mut self, items: &[(&str, &str)]) -> Plot {
        self.legend = items
            .iter()
            .map(|(c, l)| (c.to_string(), l.to_string()))
            .collect();
        self.top += 18.0;
        self
    }

    /// Sets a wider left margin (for long category labels).
    pub fn left_margin(mut self, m: f64) -> Plot {
        self.left = m;
        self
    }

    pub fn x(&self, v: f64) -> f64 {
        self.left
            + (v - self.xlim.0) / (self.xlim.1 - self.xlim.0)
                * (self.width - self.left - self.right)
    }

    pub fn y(&self, v: f64) -> f64 {
        self.height
            - self.bottom
            - (v - self.ylim.0) / (self.ylim.1 - self.ylim.0)
                * (self.height - self.top - self.bottom)
    }

    /// Data points as an SVG `points` attribute.
    fn points(&self, pts: &[(f64, f64)]) -> String {
        pts.iter()
            .map(|&(a, b)| format!("{:.1},{:.1}", self.x(a), self.y(b)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn line(&mut self, pts: &[(f64, f64)], stroke: &str, width: f64, opacity: f64, dash: bool) {
        if pts.len() < 2 {
            return;
        }
        let d = self.points(pts);
        let _ = write!(
            self.body,
            r#"<polyline points="{d}" fill="none" stroke="{stroke}" stroke-width="{width}" stroke-opacity="{opacity}"{}/>"#,
            if dash {
                r#" stroke-dasharray="4 3""#
            } else {
                ""
            }
        );
    }

    pub fn point(&mut self, x: f64, y: f64, r: f64, fill: &str, opacity: f64) {
        let _ = write!(
            self.body,
            r#"<circle cx="{:.1}" cy="{:.1}" r="{r}" fill="{fill}" fill-opacity="{opacity}"/>"#,
            self.x(x),
            self.y(y)
        );
    }

    /// A square marker of side 2r centred on a data point (a second group's points).
    pub fn square(&mut self, x: f64, y: f64, r: f64, fill: &str) {
        let _ = write!(
            self.body,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{fill}" fill-opacity="0.85"/>"#,
            self.x(x) - r,
            self.y(y) - r,
            2.0 * r,
            2.0 * r
        );
    }

    /// A point at pixel offset `dx` from its data position (for jittered strips).
    pub fn point_offset(&mut self, x: f64, y: f64, dx: f64, r: f64, fill: &str, opacity: f64) {
        let _ = write!(
            self.body,
            r#"<circle cx="{:.1}" cy="{:.1}" r="{r}" fill="{fill}" fill-opacity="{opacity}"/>"#,
            self.x(x) + dx,
            self.y(y)
        );
    }

    /// A filled polygon through data points (clipped to the panel by the caller's limits).
    pub fn polygon(&mut self, pts: &[(f64, f64)], fill: &str, opacity: f64) {
        let d = self.points(pts);
        let _ = write!(
            self.body,
            r#"<polygon points="{d}" fill="{fill}" fill-opacity="{opacity}"/>"#
        );
    }

    /// A filled rectangle between two corners in data coordinates.
    pub fn rect(&mut self, (x0, y0): (f64, f64), (x1, y1): (f64, f64), fill: &str, opacity: f64) {
        let (px0, px1) = (self.x(x0).min(self.x(x1)), self.x(x0).max(self.x(x1)));
        let (py0, py1) = (self.y(y0).min(self.y(y1)), self.y(y0).max(self.y(y1)));
        let _ = write!(
            self.body,
            r#"<rect x="{px0:.1}" y="{py0:.1}" width="{:.1}" height="{:.1}" fill="{fill}" fill-opacity="{opacity}"/>"#,
            (px1 - px0).max(0.5),
            py1 - py0
        );
    }

    /// Text at data coordinates, shifted by (dx, dy) pixels.
    pub fn text(
        &mut self,
        (x, y): (f64, f64),
        (dx, dy): (f64, f64),
        anchor: &str,
        size: f64,
        s: &str,
    ) {
        let _ = write!(
            self.body,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="{anchor}" font-size="{size}" fill="{INK}">{}</text>"#,
            self.x(x) + dx,
            self.y(y) + dy,
            esc(s)
        );
    }

    /// A vertical reference line at data x.
    pub fn vline(&mut self, x: f64, stroke: &str, dash: bool) {
        let (y0, y1) = (self.ylim.0, self.ylim.1);
        self.line(&[(x, y0), (x, y1)], stroke, 1.2, 0.9, dash);
    }

    /// Axes with ticks; `xcats` replaces numeric x ticks with category labels at positions.
    pub fn axes(
        &mut self,
        xlabel: &str,
        ylabel: &str,
        xcats: Option<&[(f64, String)]>,
        ycats: Option<&[(f64, String)]>,
    ) {
        let (x0, x1) = (self.left, self.width - self.right);
        let (y0, y1) = (self.height - self.bottom, self.top);
        let _ = write!(
            self.body,
            r#"<path d="M{x0:.1},{y1:.1}V{y0:.1}H{x1:.1}" fill="none" stroke="{INK}" stroke-width="1"/>"#
        );
        match ycats {
            Some(cats) => {
                for (v, label) in cats {
                    let py = self.y(*v);
                    let _ = write!(
                        self.body,
                        r#"<text x="{:.1}" y="{:.1}" text-anchor="end" font-size="11" fill="{INK}">{}</text>"#,
                        x0 - 6.0,
                        py + 4.0,
                        esc(label)
                    );
                }
            }
            None => {
                let ticks: Vec<f64> = nice_ticks(self.ylim.0, self.ylim.1, 5)
                    .into_iter()
                    .filter(|t| *t >= self.ylim.0 - 1e-9 && *t <= self.ylim.1 + 1e-9)
                    .collect();
                let dec = tick_decimals(&ticks);
                for t in ticks {
                    let py = self.y(t);
                    let _ = write!(
                        self.body,
                        r##"<path d="M{:.1},{py:.1}H{x0:.1}" stroke="{INK}"/><path d="M{x0:.1},{py:.1}H{x1:.1}" stroke="#e5e5e5"/><text x="{:.1}" y="{:.1}" text-anchor="end" font-size="11" fill="{INK}">{}</text>"##,
                        x0 - 4.0,
                        x0 - 6.0,
                        py + 4.0,
                        tick_label(t, dec)
                    );
                }
            }
        }
        match xcats {
            Some(cats) => {
                for (v, label) in cats {
                    let px = self.x(*v);
                    let _ = write!(
                        self.body,
                        r#"<text x="{px:.1}" y="{:.1}" text-anchor="middle" font-size="12" fill="{INK}">{}</text>"#,
                        y0 + 18.0,
                        esc(label)
                    );
                }
            }
            None => {
                let ticks: Vec<f64> = nice_ticks(self.xlim.0, self.xlim.1, 6)
                    .into_iter()
                    .filter(|t| *t >= self.xlim.0 - 1e-9 && *t <= self.xlim.1 + 1e-9)
                    .collect();
                let dec = tick_decimals(&ticks);
                for t in ticks {
                    let px = self.x(t);
                    let _ = write!(
                        self.body,
                        r#"<path d="M{px:.1},{y0:.1}V{:.1}" stroke="{INK}"/><text x="{px:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="{INK}">{}</text>"#,
                        y0 + 4.0,
                        y0 + 16.0,
                        tick_label(t, dec)
                    );
                }
            }
        }
        let _ = write!(
            self.body,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="12" fill="{INK}">{}</text>"#,
            (x0 + x1) / 2.0,
            self.height - 8.0,
            esc(xlabel)
        );
        if !ylabel.is_empty() {
            let _ = write!(
                self.body,
                r#"<text transform="translate(14,{:.1}) rotate(-90)" text-anchor="middle" font-size="12" fill="{INK}">{}</text>"#,
                (y0 + y1) / 2.0,
                esc(ylabel)
            );
        }
    }

    /// The finished SVG document (accessible: a title and a description). A title too long
    /// for the panel starts at the left edge, then shrinks (to 10 px), then is cut with "…".
    pub fn render(&self) -> String {
        let mut shown = self.title.clone();
        let (mut tx, mut size) = (self.left, 13.0);
        let room = |tx: f64| self.width - tx - 6.0;
        if text_width(&shown, size) > room(tx) {
            tx = 8.0;
            size = (size * room(tx) / text_width(&shown, size)).max(10.0);
            while text_width(&shown, size) > room(tx) && shown.chars().count() > 2 {
                let mut c: Vec<char> = shown.chars().collect();
                c.truncate(c.len() - 2);
                shown = c.into_iter().collect::<String>() + "\u{2026}";
            }
        }
        let mut legend = String::new();
        let mut lx = self.left;
        for (colour, label) in &self.legend {
            let _ = write!(
                legend,
                r#"<rect x="{lx:.1}" y="29" width="10" height="10" fill="{colour}"/><text x="{:.1}" y="38" font-size="11" fill="{INK}">{}</text>"#,
                lx + 14.0,
                esc(label)
            );
            lx += 14.0 + text_width(label, 11.0) + 16.0;
        }
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" font-family="{FONT_STACK}"><title>{t}</title><desc>{d}</desc><rect width="{w}" height="{h}" fill="white"/><text x="{tx}" y="20" font-size="{size:.1}" font-weight="bold" fill="{INK}">{shown}</text>{legend}{body}</svg>"#,
            w = self.width,
            h = self.height,
            t = esc(&self.title),
            d = esc(&self.desc),
            shown = esc(&shown),
            body = self.body
        )
    }
}

/// Data limits with a margin of `pad` of the range on each side.
pub fn padded(values: impl Iterator<Item = f64>, pad: f64) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    if hi == lo {
        return (lo - 1.0, hi + 1.0);
    }
    let r = hi - lo;
    (lo - pad * r, hi + pad * r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_nice_and_cover_the_range() {
        assert_eq!(
            nice_ticks(0.0, 10.0, 6),
            vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        );
        let t = nice_ticks(-0.37, 2.9, 5);
        assert!(t[0] <= -0.37 && *t.last().unwrap() >= 2.9);
        assert_eq!(tick_label(-1.5, 1), "\u{2212}1.5");
        assert_eq!(tick_label(-0.0, 1), "0.0");
    }

    #[test]
    fn a_plot_is_one_self_contained_svg() {
        let mut p = Plot::new("T <1>", "d", 300.0, 200.0, (0.0, 1.0), (0.0, 1.0));
        p.axes("x", "y", None, None);
        p.point(0.5, 0.5, 3.0, BLUE, 1.0);
        let svg = p.render();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("T &lt;1&gt;"));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn long_titles_are_kept_inside_the_panel() {
        let long = "a_rather_long_subscale_name: normal Q-Q plot of the differences";
        let svg = Plot::new(long, "d", 300.0, 200.0, (0.0, 1.0), (0.0, 1.0)).render();
        let shown = svg
            .split("font-weight=\"bold\" fill=\"#222222\">")
            .nth(1)
            .unwrap();
        let shown = shown.split('<').next().unwrap();
        let size: f64 = svg
            .split("font-size=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(
            text_width(shown, size) <= 300.0 - 8.0 - 6.0,
            "{shown} at {size}px"
        );
        assert!(shown.ends_with('\u{2026}'));
        assert!(
            svg.contains(&format!("<title>{}</title>", esc(long))),
            "the full title stays accessible"
        );
    }
}
