// axe (WCAG 2.1 A and AA) on a page as it stands, in the light and the dark colour scheme: shared by the specs.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect } from "./fixtures.ts";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const SCHEMES = ["light", "dark"] as const;

// axe-core's types, reached through the builder: axe-core itself is only @axe-core/playwright's dependency.
type Result = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];
type NodeResult = Result["nodes"][number];

/** Foreground, background and ratio where axe measured them, so a reader sees which colours to change. */
function contrast(node: NodeResult): string {
  const data = node.any.find((check) => check.id === "color-contrast")?.data as
    | { fgColor?: string; bgColor?: string; contrastRatio?: number }
    | undefined;
  return data?.contrastRatio ? ` (${data.fgColor} on ${data.bgColor}: ${data.contrastRatio}:1)` : "";
}

function summarize(v: Result): string {
  const targets = v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")}${contrast(n)}`);
  const more = v.nodes.length > 3 ? `; and ${v.nodes.length - 3} more` : "";
  return `${v.id} [${v.impact}] ${v.help}, ${v.nodes.length} element(s): ${targets.join("; ")}${more}`;
}

/** `include` narrows the check to a part of the page (an open dialog); `hover` is a CSS selector to hover first. */
type Scope = { include?: string; hover?: string };

/** Runs axe on the page as it is, once per colour scheme. Soft, so one run reports every failing page. */
export async function checkPage(page: Page, what: string, { include, hover }: Scope = {}) {
  // A page still loading has no title yet, and a region still fetching (aria-busy: the keys table while a
  // filter loads) is dimmed on purpose: axe checks the page once it has loaded and settled.
  await page.waitForLoadState("load");
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    // Otherwise whatever the last click left under the mouse would be measured in its hover colours.
    if (hover) await page.locator(hover).hover();
    else await page.mouse.move(0, 0);
    // The `dark:` classes follow this media query; a run that never switched would check light twice.
    expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(colorScheme === "dark");
    // The switch (or the hover) starts colour transitions: measure the colours they settle on, not half-way.
    await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a instanceof CSSTransition).map((a) => a.finished.catch(() => undefined))));
    for (const busy of await page.locator("[aria-busy]").all()) await expect(busy).toHaveCSS("opacity", "1");
    const builder = new AxeBuilder({ page }).withTags(TAGS);
    const { violations } = await (include ? builder.include(include) : builder).analyze();
    const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect.soft(serious.map(summarize), `axe: ${what}, ${colorScheme} scheme`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
}
