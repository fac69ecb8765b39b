//! Charts drawn on the server as SVG with `plotters` (server only). Each chart is paired on its
//! page with a table of the same numbers, so nothing is only in the picture.

use plotters::prelude::*;

/// Width and height of a chart (SVG user units; the page scales it to the column).
const SIZE: (u32, u32) = (720, 260);

/// A bar per label with its value; `value_label` writes the y axis's numbers (e.g. fen as
/// yuan). Returns an SVG document, or an empty string if drawing failed (logged).
pub fn bar_chart(labels: &[String], values: &[i64], value_label: &dyn Fn(i64) -> String) -> String {
    let mut svg = String::new();
    let drawn = draw(&mut svg, labels, values, value_label);
    match drawn {
        Ok(()) => svg,
        Err(error) => {
            tracing::error!(%error, "drawing a chart");
            String::new()
        }
    }
}

fn draw(
    svg: &mut String,
    labels: &[String],
    values: &[i64],
    value_label: &dyn Fn(i64) -> String,
) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::with_string(svg, SIZE).into_drawing_area();
    root.fill(&WHITE)?;
    let count = values.len().max(1) as u32;
    let top = values.iter().copied().max().unwrap_or(0).max(1);
    // Headroom above the tallest bar, so its top does not touch the frame.
    let top = top + top / 10 + 1;
    let mut chart = ChartBuilder::on(&root)
        .margin(12)
        .x_label_area_size(28)
        .y_label_area_size(64)
        .build_cartesian_2d((0u32..count).into_segmented(), 0i64..top)?;
    // At most about eight dates under the axis, whatever the range.
    let step = (count as usize).div_ceil(8).max(1);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(count as usize)
        .x_label_formatter(&|x| match x {
            SegmentValue::CenterOf(i) if (*i as usize).is_multiple_of(step) => labels
                .get(*i as usize)
                // The month and day are enough under the bars; the table has the full date.
                .map(|l| l.get(5..).unwrap_or(l).to_string())
                .unwrap_or_default(),
            _ => String::new(),
        })
        .y_labels(5)
        .y_label_formatter(&|y| value_label(*y))
        .light_line_style(RGBColor(238, 238, 238))
        .label_style(("sans-serif", 12))
        .draw()?;
    chart.draw_series(
        Histogram::vertical(&chart)
            .style(RGBColor(180, 54, 30).filled())
            .margin(2)
            .data(values.iter().enumerate().map(|(i, v)| (i as u32, *v))),
    )?;
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_is_an_svg_with_a_bar_per_day() {
        let labels: Vec<String> = (1..=3).map(|d| format!("2026-11-0{d}")).collect();
        let svg = bar_chart(&labels, &[3, 0, 7], &|v| v.to_string());
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("11-01") && svg.contains("11-03"));
        // A bar per day, filled in the shop's colour; a day without orders is a flat one.
        let bars: Vec<&str> = svg
            .split("<rect")
            .filter(|r| r.contains(r##"fill="#B4361E""##))
            .collect();
        assert_eq!(bars.len(), 3, "{svg}");
        // (In no fixed order: the histogram sums its data in a hash map.)
        let flat = bars.iter().filter(|r| r.contains(r#"height="0""#)).count();
        assert_eq!(flat, 1, "{svg}");
    }

    #[test]
    fn an_empty_series_still_draws_axes() {
        let svg = bar_chart(&[], &[], &|v| v.to_string());
        assert!(svg.starts_with("<svg"));
    }
}
