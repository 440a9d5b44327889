import Link from "next/link";
import type { ReactNode } from "react";
import { secondaryButton } from "@/components/ui/button.ts";
import { currentActor } from "@/lib/auth/actor.ts";
import { Providers } from "../providers.tsx";

const nav = [
  { href: "/", label: "Keys" },
  { href: "/compliance", label: "Compliance" },
  { href: "/search", label: "Search" },
  { href: "/locations/import", label: "Import" },
  { href: "/locations/gaps", label: "Gaps" },
  { href: "/reminders", label: "Reminders" },
  { href: "/audit", label: "Audit" },
  { href: "/accounts", label: "Accounts" },
  { href: "/tokens", label: "API tokens" },
];

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Each page checks its own permission (lib/auth/gate.ts); the header only says who is signed in.
  const actor = await currentActor();
  return (
    <>
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <nav aria-label="Main" className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-3">
          <Link href="/" className="font-semibold tracking-tight">
            keyrotate
          </Link>
          {nav.map((item) => (
            <Link key={item.href} href={item.href} className="text-sm text-slate-700 hover:text-slate-900 focus-visible:underline dark:text-slate-300 dark:hover:text-white">
              {item.label}
            </Link>
          ))}
          {actor && (
            <form method="post" action="/auth/signout" className="ml-auto flex items-center gap-3 text-sm">
              <span data-testid="signed-in-as">
                {actor.name} <span className="text-slate-600 dark:text-slate-400">({actor.role})</span>
              </span>
              <button type="submit" className={secondaryButton}>
                Sign out
              </button>
            </form>
          )}
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        <Providers>{children}</Providers>
      </main>
    </>
  );
}
