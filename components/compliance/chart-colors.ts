// Series colours chosen for at least 3:1 against both the light (white) and the dark (slate-900) panel, as
// WCAG 1.4.11 asks of graphics. Text in the charts uses currentColor, so it follows the page's own contrast.
export const SERIES_COLORS = ["#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed"] as const;
export const WITHIN_COLOR = "#2563eb";
export const OVER_COLOR = "#dc2626";

export const seriesColor = (i: number) => SERIES_COLORS[i % SERIES_COLORS.length];

/** Axis ticks and labels in the surrounding text colour. */
export const tick = { fill: "currentColor", fontSize: 12 } as const;
