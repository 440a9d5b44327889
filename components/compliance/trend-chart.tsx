"use client";
// The share of keys within policy over time, one line per account, from the snapshots each sync leaves.
import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { seriesColor, tick } from "./chart-colors.ts";

export type TrendPoint = { at: number; percent: number };
export type TrendSeries = { label: string; points: TrendPoint[] };

const day = (ms: number) => new Date(ms).toISOString().slice(5, 10);

export function TrendChart({ series }: { series: TrendSeries[] }) {
  const times = series.flatMap((s) => s.points.map((p) => p.at));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart margin={{ top: 8, right: 24, bottom: 4, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.2} />
        <XAxis type="number" dataKey="at" domain={[Math.min(...times), Math.max(...times)]} scale="time" tickFormatter={day} tick={tick} stroke="currentColor" allowDuplicatedCategory={false} />
        <YAxis domain={[0, 100]} unit="%" tick={tick} stroke="currentColor" width={48} />
        {series.map((s, i) => (
          <Line key={s.label} data={s.points} dataKey="percent" name={s.label} stroke={seriesColor(i)} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
