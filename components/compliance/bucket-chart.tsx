"use client";
// Counts per bucket (key age, last use), the buckets past a policy line in the warning colour.
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { OVER_COLOR, WITHIN_COLOR, tick } from "./chart-colors.ts";

export type BucketDatum = { label: string; count: number; overLimit: boolean };

type Props = { data: BucketDatum[]; /** Drawn at the first bucket past the line, e.g. "90 days". */ lineLabel?: string };

export function BucketChart({ data, lineLabel }: Props) {
  const firstOver = data.find((d) => d.overLimit)?.label;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 16, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.2} vertical={false} />
        <XAxis dataKey="label" tick={tick} stroke="currentColor" interval={0} />
        <YAxis allowDecimals={false} tick={tick} stroke="currentColor" width={40} />
        <Bar dataKey="count" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.label} fill={d.overLimit ? OVER_COLOR : WITHIN_COLOR} />
          ))}
        </Bar>
        {lineLabel && firstOver && (
          <ReferenceLine x={firstOver} stroke="currentColor" strokeDasharray="4 3" label={{ value: lineLabel, position: "top", fill: "currentColor", fontSize: 12 }} position="start" />
        )}
      </BarChart>
    </ResponsiveContainer>
  );
}
