"use client";
// Each group's share of keys within policy (an account's, an owner's), as a percentage.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { WITHIN_COLOR, tick } from "./chart-colors.ts";

export type ShareDatum = { label: string; percent: number };

export function ShareChart({ data }: { data: ShareDatum[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.2} horizontal={false} />
        <XAxis type="number" domain={[0, 100]} unit="%" tick={tick} stroke="currentColor" />
        <YAxis type="category" dataKey="label" tick={tick} stroke="currentColor" width={120} />
        <Bar dataKey="percent" fill={WITHIN_COLOR} maxBarSize={32} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
