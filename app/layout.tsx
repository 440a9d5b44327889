import type { Metadata } from "next";
import type { ReactNode } from "react";
import { signInConfig } from "@/lib/auth/config.ts";
import "./globals.css";

export const metadata: Metadata = {
  title: "keyrotate",
  description: "Rotate AWS IAM access keys safely",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
          Skip to content
        </a>
        {signInConfig().demo && (
          <p role="note" data-testid="demo-banner" className="bg-amber-300 px-4 py-1.5 text-center text-sm font-medium text-amber-950">
            Demo sign-in is on: anyone who reaches this server can pick any name and role. Never use it for real keys.
          </p>
        )}
        {children}
      </body>
    </html>
  );
}
