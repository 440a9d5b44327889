"use client";
// Re-renders the page when a waiting period ends, so a button the rules held back enables itself
// without anyone reloading at 2 a.m.
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function RefreshAt({ at }: { at: string | null }) {
  const router = useRouter();
  useEffect(() => {
    if (!at) return;
    const wait = new Date(at).getTime() - Date.now();
    if (wait < 0) return;
    const timer = setTimeout(() => router.refresh(), Math.min(wait + 500, 2_147_000_000));
    return () => clearTimeout(timer);
  }, [at, router]);
  return null;
}
