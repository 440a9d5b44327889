import type { InventorySummary } from "@/lib/inventory/key-rows.ts";
import { FigureCards } from "../ui/figure-cards.tsx";

const cards: Array<{ key: keyof InventorySummary; label: string }> = [
  { key: "keys", label: "Keys" },
  { key: "overdue", label: "Overdue" },
  { key: "dueSoon", label: "Due soon" },
  { key: "usersWithTwoKeys", label: "Users with two keys" },
  { key: "neverUsed", label: "Never used" },
  { key: "exempted", label: "Exempted" },
];

export function SummaryCards({ summary }: { summary: InventorySummary }) {
  return <FigureCards name="Summary" attribute="summary" figures={cards.map((c) => ({ ...c, value: summary[c.key] }))} />;
}
