"use client";
// The dashboard's view lives in the URL: every change navigates, the server answers with that page.
import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";
import { keyViewQuery, type KeyView } from "@/lib/inventory/key-view.ts";

export function useKeyView(view: KeyView) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  /** A filter or sort starts again at page 1; `replace` for typing, so Back skips each keystroke. */
  const change = (next: Partial<KeyView>, { replace = false } = {}) => {
    const url = `${pathname}${keyViewQuery({ ...view, page: 1, ...next })}`;
    startTransition(() => (replace ? router.replace(url, { scroll: false }) : router.push(url, { scroll: false })));
  };
  return { pending, change };
}
