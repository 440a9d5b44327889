"use client";
import { LoadError } from "@/components/ui/load-error.tsx";

export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  return <LoadError title="This page could not load." cause="The database or IAM may be unreachable." error={error} retry={retry} />;
}
