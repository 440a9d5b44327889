"use client";
// useActionState for a form whose fields must survive a failed submit. React resets a form after its
// `action` prop runs, even when the server refused the input; submitting through onSubmit instead keeps
// what the person typed, and the form is reset only once the server accepted it.
import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
import type { ActionState, ServerAction } from "@/lib/auth/action.ts";

/** A form's state before its first answer; also what is sent as the "previous state", so a reply
 * holding a secret never travels back to the server. */
export const IDLE: ActionState<never> = { ok: false, message: "" };

/** `onSettled` runs as soon as the server answers, even if the answer removes this form from the page. */
export function useFormAction<Reply>(action: ServerAction<Reply>, onSettled?: (state: ActionState<Reply>) => void) {
  const settled = useRef(onSettled);
  useEffect(() => {
    settled.current = onSettled;
  });
  const [state, dispatch, pending] = useActionState(async (_prev: ActionState<Reply>, form: FormData) => {
    let next: ActionState<Reply>;
    try {
      next = await action(IDLE, form);
    } catch {
      // The request never reached the action (network down, server restarting): keep the form as typed.
      next = { ok: false, message: "Could not reach the server: nothing was saved. Try again." };
    }
    settled.current?.(next);
    return next;
  }, IDLE);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (state.ok) formRef.current?.reset();
  }, [state]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  }

  return { state, pending, formRef, onSubmit };
}
