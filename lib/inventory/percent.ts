/** Whole percent, rounded down so "100%" never hides an overdue key; a share of nothing is 100%. */
export const percent = (part: number, whole: number) => (whole === 0 ? 100 : Math.floor((part * 100) / whole));
