// Recorded LookupEvents pages (fixtures/cloudtrail/, made by generate-cloudtrail-fixtures.ts): 117 events
// of one access key in pages of 50, 50 and 17, newest first. Served as-is by the loopback fake, and as the
// SDK would decode them to aws-sdk-client-mock in unit tests.
import { readFileSync } from "node:fs";

/** The access key the recording is about, and the moment it was taken (the lookup's "now"). */
export const RECORDED_KEY_ID = "AKIAPAYMENTS00000001";
export const RECORDED_AT = new Date("2026-12-01T09:00:00Z");
export const RECORDED_PAGE_FILES = ["lookup-events-page-1.json", "lookup-events-page-2.json", "lookup-events-page-3.json"] as const;

/** One event of a LookupEvents response body, in the wire format (EventTime in epoch seconds). */
export type WireLookupEvent = {
  EventId: string;
  EventName: string;
  ReadOnly?: string;
  AccessKeyId?: string;
  EventTime: number;
  EventSource: string;
  Username?: string;
  Resources?: { ResourceType?: string; ResourceName?: string }[];
  CloudTrailEvent: string;
};

export type WireLookupPage = { Events: WireLookupEvent[]; NextToken?: string };

/** The same page as the SDK hands it out after decoding: EventTime becomes a Date. */
export type DecodedLookupPage = {
  Events: (Omit<WireLookupEvent, "EventTime"> & { EventTime: Date })[];
  NextToken?: string;
};

/**
 * The recorded pages. With another `accessKeyId`, every mention of the recorded key (top-level field and
 * inside CloudTrailEvent) names that key instead, so an e2e test can ask about a key the emulator made.
 */
export function recordedLookupPages(accessKeyId: string = RECORDED_KEY_ID): WireLookupPage[] {
  return RECORDED_PAGE_FILES.map((file) => {
    const text = readFileSync(new URL(`./fixtures/cloudtrail/${file}`, import.meta.url), "utf8");
    return JSON.parse(text.replaceAll(RECORDED_KEY_ID, accessKeyId)) as WireLookupPage;
  });
}

export function decodeLookupPage(page: WireLookupPage): DecodedLookupPage {
  return {
    Events: page.Events.map((e) => ({ ...e, EventTime: new Date(e.EventTime * 1000) })),
    ...(page.NextToken ? { NextToken: page.NextToken } : {}),
  };
}
