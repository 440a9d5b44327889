"use client";
import { useEffect, type RefObject } from "react";

/** Opens a `<dialog>` as a modal once it is on the page, so focus stays inside and the rest is inert. */
export function useShowModal(ref: RefObject<HTMLDialogElement | null>) {
  useEffect(() => {
    const dialog = ref.current;
    // Strict mode runs this twice; showModal on an open dialog throws.
    if (dialog && !dialog.open) dialog.showModal();
  }, [ref]);
}
