import type { Metadata } from "next";
import { ReminderTable } from "@/components/reminders/reminder-table.tsx";
import { pageActor } from "@/lib/auth/gate.ts";
import { listReminders } from "@/lib/db/reminders.ts";

export const metadata: Metadata = { title: "Reminders · keyrotate" };
export const dynamic = "force-dynamic";

export default async function RemindersPage() {
  await pageActor("inventory.read", "/reminders");
  const reminders = await listReminders({ limit: 200 });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Reminders</h1>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Sent by <code>keyrotate remind</code> and the in-app schedule: 15, 7 and 1 days before a key is due, then daily while it is overdue. A failed
          delivery is tried again on the next run.
        </p>
      </div>
      <ReminderTable reminders={reminders} caption="The most recent reminders" showKey />
    </div>
  );
}
