"use client";
import { LoadError } from "@/components/ui/load-error.tsx";

export default function KeyError({ error, retry }: { error: unknown; retry: () => void }) {
  return <LoadError title="This key could not load." cause="The database may be unreachable." error={error} retry={retry} />;
}
