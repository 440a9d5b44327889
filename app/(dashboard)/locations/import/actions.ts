"use server";
// Recording what a discovery on the import page found: the run is kept for the gap report (every
// occurrence it saw), and each ticked occurrence of a known key becomes a secrets-repo location.
import { z } from "zod";
import { defineAction } from "@/lib/auth/action.ts";
import { parseDiscoveryPlace, recordDiscoveredLocations } from "@/lib/discovery/record.ts";
import { saveRunOf } from "@/lib/discovery/runs.ts";
import { discoveredOccurrencesSchema } from "@/lib/discovery/upload.ts";

const fromJson = (value: unknown) => {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
};

const input = z.object({
  system: z.string({ error: "System is required" }),
  environment: z.string({ error: "Environment is required" }),
  occurrences: z.preprocess(fromJson, discoveredOccurrencesSchema.min(1, "Find the keys in a file first.")),
});

export const recordDiscoveryAction = defineAction({
  name: "location.discover",
  permission: "location.write",
  input,
  summary: ({ system, environment, occurrences }) => ({
    system,
    environment,
    occurrences: occurrences.length,
    ticked: occurrences.filter((o) => o.record).length,
  }),
  run: async ({ system, environment, occurrences }, { actor }) => {
    const place = parseDiscoveryPlace({ system, environment });
    const found = occurrences.map(({ record: _record, ...o }) => o);
    const counts = await recordDiscoveredLocations(
      found.filter((_, i) => occurrences[i].record),
      place,
      actor.name,
    );
    await saveRunOf(found, place, "dashboard", actor.name);
    return { place, counts };
  },
  done: ({ place, counts }) => ({
    message: `Recorded ${counts.created} new location${counts.created === 1 ? "" : "s"} in ${place.system} ${place.environment} (${counts.alreadyRecorded} already recorded).`,
  }),
  reply: ({ counts }) => counts,
});
