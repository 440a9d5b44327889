import { ROTATION_STEPS } from "@/lib/rotation/rules/index.ts";
import type { StepInfo } from "@/lib/rotation/rules/index.ts";

/** The steps in order, the current one marked; `steps` defaults to the key rotation's. */
export function Stepper({ current, steps: all = ROTATION_STEPS }: { current: string; steps?: readonly (Omit<StepInfo, "step"> & { step: string })[] }) {
  const steps = all.filter((s) => s.step !== "cancelled" || current === "cancelled");
  const index = steps.findIndex((s) => s.step === current);
  return (
    <ol aria-label="Rotation steps" className="flex flex-wrap gap-2 text-xs">
      {steps.map((s, i) => (
        <li
          key={s.step}
          aria-current={i === index ? "step" : undefined}
          title={s.description}
          className={`rounded-full px-3 py-1 ring-1 ${
            i === index
              ? "bg-blue-700 text-white ring-blue-700"
              : i < index
                ? "bg-green-100 text-green-900 ring-green-300 dark:bg-green-950 dark:text-green-200 dark:ring-green-800"
                : "text-slate-600 ring-slate-300 dark:text-slate-400 dark:ring-slate-700"
          }`}
        >
          {i + 1}. {s.label}
        </li>
      ))}
    </ol>
  );
}
