//! Bar charts drawn as SVG in the app (no chart library in the download). Each is for the
//! eye only (`aria-hidden`); the table under it carries the same figures for screen readers.

use leptos::prelude::*;

/// One series of a stacked bar: its name and the CSS class that colours it.
pub type Series = (&'static str, &'static str);

const WIDTH: f64 = 640.0;
const LABEL: f64 = 190.0;
const ROW: f64 = 30.0;
const TOP: f64 = 34.0;

/// Horizontal stacked bars, one per row (`label`, a value per series), longest first as
/// given; at most 15 rows.
pub fn bars(rows: &[(String, Vec<i64>)], series: &[Series]) -> impl IntoView {
    let rows: Vec<&(String, Vec<i64>)> = rows.iter().take(15).collect();
    let max = rows
        .iter()
        .map(|(_, v)| v.iter().sum::<i64>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let height = TOP + ROW * rows.len() as f64 + 8.0;
    let scale = (WIDTH - LABEL - 60.0) / max;
    let step = (WIDTH / series.len().max(1) as f64).min(130.0);
    let legend = series
        .iter()
        .enumerate()
        .map(|(i, (name, class))| {
            let x = i as f64 * step;
            view! {
                <rect x=x y="6" width="14" height="14" class=*class/>
                <text x=x + 20.0 y="18" class="chart-text">{*name}</text>
            }
        })
        .collect_view();
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, (label, values))| {
            let y = TOP + i as f64 * ROW;
            let mut x = LABEL;
            let parts = values
                .iter()
                .zip(series)
                .map(|(v, (_, class))| {
                    let w = *v as f64 * scale;
                    let at = x;
                    x += w;
                    view! { <rect x=at y=y + 4.0 width=w height=ROW - 10.0 class=*class/> }
                })
                .collect_view();
            let short: String = label.chars().take(12).collect();
            view! {
                <text x=LABEL - 8.0 y=y + ROW / 2.0 + 5.0 text-anchor="end" class="chart-text">{short}</text>
                {parts}
                <text x=x + 6.0 y=y + ROW / 2.0 + 5.0 class="chart-text">{values.iter().sum::<i64>()}</text>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {height}") aria-hidden="true" focusable="false"
            preserveAspectRatio="xMinYMin meet">
            {legend}
            {bars}
        </svg>
    }
}
