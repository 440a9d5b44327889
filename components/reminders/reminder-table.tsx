// Reminders and how their delivery went: on the key page (one key) and on /reminders (all, newest first).
import Link from "next/link";
import type { ReminderRecord } from "@/lib/db/reminders.ts";
import { formatDateTime } from "../ui/format.ts";
import { DataTable, cell } from "../ui/table.tsx";

const STATUS: Record<ReminderRecord["status"], string> = { sent: "Sent", failed: "Failed", pending: "Sending" };

type Props = { reminders: ReminderRecord[]; caption: string; showKey?: boolean };

export function ReminderTable({ reminders, caption, showKey = false }: Props) {
  if (reminders.length === 0) return <p className="text-sm">No reminders sent yet.</p>;
  const columns = [...(showKey ? ["Key", "User"] : []), "Reminder", "To", "Status", "Attempts", "Last change"];
  return (
    <DataTable columns={columns} caption={caption}>
      {reminders.map((r) => (
        <tr key={r.id}>
          {showKey && (
            <>
              <td className={`${cell} font-mono text-xs`}>
                <Link href={`/keys/${r.accessKeyId}`} className="text-blue-700 underline dark:text-blue-300">
                  {r.accessKeyId}
                </Link>
              </td>
              <td className={cell}>{r.userName}</td>
            </>
          )}
          <td className={cell}>{r.milestone}</td>
          <td className={cell}>{r.channels.map((c) => (c === "email" ? r.contact : "webhook")).join(", ")}</td>
          <td className={cell}>
            {STATUS[r.status]}
            {r.lastError && <span className="block text-xs text-red-700 dark:text-red-300">{r.lastError}</span>}
          </td>
          <td className={cell}>{r.attempts}</td>
          <td className={cell}>{formatDateTime(r.updatedAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
