"use client";
// The dashboard's view lives in the URL: every change navigates, the server answers with that page.
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";
import { keyViewQuery, type KeyView } from "@/lib/inventory/key-view.ts";

export function useKeyView(view: KeyView) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  // Changes made while a navigation is still on its way (a flag picked before the typed filter landed)
  // build on what was last asked for, not on the page still showing; a new page from the server resets it.
  const wanted = useRef(view);
  const shown = keyViewQuery(view);
  useEffect(() => {
    wanted.current = view;
    // Only a different view (by its URL) replaces what was asked for; a refresh of the same one does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shown]);
  /** A filter or sort starts again at page 1; `replace` for typing, so Back skips each keystroke. */
  const change = (next: Partial<KeyView>, { replace = false } = {}) => {
    wanted.current = { ...wanted.current, page: 1, ...next };
    const url = `${pathname}${keyViewQuery(wanted.current)}`;
    startTransition(() => (replace ? router.replace(url, { scroll: false }) : router.push(url, { scroll: false })));
  };
  return { pending, change };
}
