import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Providers } from "./providers.tsx";
import "./globals.css";

export const metadata: Metadata = {
  title: "keyrotate",
  description: "Rotate AWS IAM access keys safely",
};

const nav = [
  { href: "/", label: "Keys" },
  { href: "/search", label: "Search" },
  { href: "/locations/import", label: "Import" },
  { href: "/audit", label: "Audit" },
];

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <nav aria-label="Main" className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-3">
            <Link href="/" className="font-semibold tracking-tight">
              keyrotate
            </Link>
            {nav.map((item) => (
              <Link key={item.href} href={item.href} className="text-sm text-slate-600 hover:text-slate-900 focus-visible:underline dark:text-slate-300 dark:hover:text-white">
                {item.label}
              </Link>
            ))}
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-7xl px-4 py-6">
          <Providers>{children}</Providers>
        </main>
      </body>
    </html>
  );
}
