// The frame of a rotation's page, whatever its kind: where it sits, who started it, the stepper, the
// current step's panel above the last command's outcome, a way to cancel, and the history. The kind's
// page loads the view and fills in its title, panel and form.
import Link from "next/link";
import type { ComponentProps, ComponentType, ReactNode } from "react";
import type { AuditEntry } from "@/lib/db/audit.ts";
import { AuditTable } from "../audit/audit-table.tsx";
import { HeadedSection } from "../ui/headed-section.tsx";
import { formatDateTime } from "../ui/format.ts";
import type { RotationFormProps } from "./command-form.tsx";
import { OutcomeHolder } from "./outcome-holder.tsx";
import { CancelRotation } from "./step-parts.tsx";
import { Stepper } from "./stepper.tsx";

type Started = { id: string; version: number; accountId: string; startedBy: string; startedAt: Date; step: string };

export function RotationFrame(props: {
  /** The kind, as the breadcrumb names it. */
  crumb: string;
  title: ReactNode;
  rotation: Started;
  stepLabel: string;
  steps?: ComponentProps<typeof Stepper>["steps"];
  panel: ReactNode;
  Form: ComponentType<RotationFormProps>;
  available: ComponentProps<typeof CancelRotation>["available"];
  history: AuditEntry[];
  historyCaption: string;
  /** Shown between the step and the history. */
  children?: ReactNode;
}) {
  const { rotation } = props;
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          <Link href="/" className="underline">
            Keys
          </Link>{" "}
          / {props.crumb}
        </p>
        <h1 className="text-xl font-semibold">{props.title}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Account {rotation.accountId} · started by {rotation.startedBy} {formatDateTime(rotation.startedAt)} · now:{" "}
          <span data-testid="rotation-step">{props.stepLabel}</span>
        </p>
      </div>
      <Stepper current={rotation.step} steps={props.steps} />
      <OutcomeHolder>
        <section aria-labelledby="step-heading" className="rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="step-heading" className="mb-3 text-lg font-semibold">
            {props.stepLabel}
          </h2>
          {props.panel}
        </section>
        <CancelRotation Form={props.Form} common={{ rotationId: rotation.id, version: rotation.version }} available={props.available} />
      </OutcomeHolder>
      {props.children}
      <HeadedSection id="history" title="History">
        <AuditTable rows={props.history} caption={props.historyCaption} />
      </HeadedSection>
    </div>
  );
}
