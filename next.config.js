/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Forms send a few fields; the CSV upload is a route handler with its own streamed limit.
  experimental: { serverActions: { bodySizeLimit: "64kb" } },
  // The CLI and tests share lib/ with the app; native database drivers stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg"],
  // Static files get these too; pages also get the nonce CSP, HSTS and a request id from proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), clipboard-write=(self)" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
