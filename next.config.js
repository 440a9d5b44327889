/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // A locations CSV (at most 5 MB, lib/locations/registry.ts) travels as one server action field.
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
  // The CLI and tests share lib/ with the app; native database drivers stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
        ],
      },
    ];
  },
};

export default nextConfig;
