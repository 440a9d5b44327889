"use client";
// The old and the new key's last use (up the side) against when keyrotate looked (along the bottom): the
// old key's line going flat while the new one climbs is the cut-over.
import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { seriesColor, tick } from "@/components/compliance/chart-colors.ts";

/** Milliseconds since the epoch; null: no use (or no sample) at that moment. */
export type UsagePoint = { at: number; old: number | null; new: number | null };

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const short = (ms: number) => new Date(ms).toISOString().slice(5, 16).replace("T", " ");

export function UsageHistoryChart({ points }: { points: UsagePoint[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={points} margin={{ top: 8, right: 24, bottom: 4, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.2} />
        <XAxis type="number" dataKey="at" domain={["dataMin", "dataMax"]} scale="time" tickFormatter={hhmm} tick={tick} stroke="currentColor" />
        <YAxis type="number" domain={["dataMin", "dataMax"]} scale="time" tickFormatter={short} tick={tick} stroke="currentColor" width={96} />
        <Line type="stepAfter" dataKey="old" name="Old key" stroke={seriesColor(1)} strokeWidth={2} strokeDasharray="6 3" dot={{ r: 3 }} isAnimationActive={false} />
        <Line type="stepAfter" dataKey="new" name="New key" stroke={seriesColor(0)} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
