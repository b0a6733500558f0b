//! SVG figures as PNG (for Word, which wants pixels), by resvg with the system's fonts.

use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};

/// Families for the generic `sans-serif`, the first installed one taken (fontdb's own
/// default, Arial, is missing on most Linux systems, and text in no installed family is not
/// drawn at all). Characters a family lacks (Chinese) come from any font that has them.
const SANS_SERIF: [&str; 8] = [
    "Arial",
    "Helvetica",
    "Liberation Sans",
    "DejaVu Sans",
    "Noto Sans",
    "Noto Sans CJK SC",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
];

/// The system's fonts, loaded once.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_system_fonts();
            let installed = |family: &str| {
                db.faces()
                    .any(|face| face.families.iter().any(|(name, _)| name == family))
            };
            if let Some(family) = SANS_SERIF.into_iter().find(|f| installed(f)) {
                db.set_sans_serif_family(family);
            }
            Arc::new(db)
        })
        .clone()
}

/// Figures are rasterized at 300 dots per inch: 300/96 pixels per CSS pixel of the SVG.
const RASTER_SCALE: f32 = 300.0 / 96.0;

/// A figure as PNG at 300 dots per inch, made once (Word and the PNG files of `--out-dir`
/// share it), and its size in CSS pixels.
pub fn figure_png(f: &super::super::doc::Figure) -> &super::super::doc::Pixels {
    f.png.get_or_init(|| svg_to_png(&f.svg, RASTER_SCALE))
}

/// An SVG document rendered at `scale` times its size (300/96: 300 dots per inch for an SVG
/// sized in CSS pixels), as PNG bytes, and the SVG's size in CSS pixels.
pub fn svg_to_png(svg: &str, scale: f32) -> Result<(Vec<u8>, (f32, f32)), String> {
    let (pixmap, size) = rasterize(svg, scale)?;
    let png = pixmap.encode_png().map_err(|e| e.to_string())?;
    Ok((png, size))
}

/// The pixels of an SVG document at `scale` times its size, on white.
fn rasterize(svg: &str, scale: f32) -> Result<(tiny_skia::Pixmap, (f32, f32)), String> {
    let options = usvg::Options {
        fontdb: fonts(),
        ..Default::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    let mut pixmap = tiny_skia::Pixmap::new(w.max(1), h.max(1)).ok_or("an empty figure")?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok((pixmap, (size.width(), size.height())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_becomes_a_png_of_the_asked_resolution() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" viewBox="0 0 100 50"><rect width="100" height="50" fill="#0072B2"/><text x="5" y="30" font-size="12">前测 pre</text></svg>"##;
        let (png, (w, h)) = svg_to_png(svg, 2.0).unwrap();
        assert_eq!((w, h), (100.0, 50.0));
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        // the IHDR chunk: width and height in pixels
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!((width, height), (200, 100));
    }

    /// Dark pixels in the box (x0, y0)-(x1, y1).
    fn inked(p: &tiny_skia::Pixmap, (x0, y0): (u32, u32), (x1, y1): (u32, u32)) -> usize {
        (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| (x, y)))
            .filter(|&(x, y)| p.pixel(x, y).is_some_and(|c| c.red() < 128))
            .count()
    }

    #[test]
    fn text_is_drawn_in_an_installed_font_chinese_too() {
        // the figures' own font stack, Latin on the left, Chinese on the right
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30" font-family="{}"><text x="2" y="22" font-size="20">Mean</text><text x="70" y="22" font-size="20">前测</text></svg>"#,
            crate::report::doc::plot::FONT_STACK
        );
        let (p, _) = rasterize(&svg, 1.0).unwrap();
        assert!(inked(&p, (0, 0), (60, 30)) > 20, "no Latin text drawn");
        assert!(inked(&p, (68, 0), (120, 30)) > 20, "no Chinese text drawn");
    }
}
