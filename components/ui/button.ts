// Button looks shared by the forms; focus rings stay visible in both colour schemes. Hovering darkens
// in both schemes: white text on blue-500 or red-500 falls below 4.5:1.
const base =
  "rounded px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:focus-visible:outline-blue-400 disabled:cursor-wait disabled:opacity-60";

export const primaryButton = `${base} bg-blue-700 text-white hover:bg-blue-800 dark:bg-blue-600 dark:hover:bg-blue-700`;

export const secondaryButton = `${base} border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700`;

export const dangerButton = `${base} bg-red-700 text-white hover:bg-red-800 dark:bg-red-600 dark:hover:bg-red-700`;
