// Runs the test OpenID provider by hand, with one demo user per kind of group keyrotate maps to a role:
//   node --import tsx lib/testing/oidc-provider-cli.ts [--port 9400] [--public-url http://127.0.0.1:3000]
// It prints the KEYROTATE_OIDC_* settings that point the app at it. Ctrl-C stops it.
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { startOidcProvider, type OidcTestUser } from "./oidc-provider.ts";

export const DEMO_OIDC_USERS: OidcTestUser[] = [
  { sub: "ada", name: "Ada Admin", email: "ada@example.test", groups: ["admin"] },
  { sub: "ines", name: "Ines Internal-admin", email: "ines@example.test", groups: ["internal-admin"] },
  { sub: "hugo", name: "Hugo Platformhealth", email: "hugo@example.test", groups: ["platformhealth-poweruser"] },
  { sub: "pat", name: "Pat Poweruser", email: "pat@example.test", groups: ["poweruser"] },
  { sub: "vic", name: "Vic Viewer", email: "vic@example.test", groups: ["staff"] },
  { sub: "nia", name: "Nia No-groups", groups: [] },
];

const USAGE = `Options:
  --port N                         port on 127.0.0.1 (default 9400; 0 picks a free one)
  --public-url URL                 the app's public URL (default http://127.0.0.1:3000)
  --client-id ID                   (default keyrotate)
  --client-secret SECRET           (default keyrotate-dev-secret)
  --redirect-uri URL               repeatable (default PUBLIC_URL/auth/callback)
  --post-logout-redirect-uri URL   repeatable (default PUBLIC_URL/)
  --groups-claim NAME              claim carrying the groups (default groups)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "9400" },
      "public-url": { type: "string", default: "http://127.0.0.1:3000" },
      "client-id": { type: "string", default: "keyrotate" },
      "client-secret": { type: "string", default: "keyrotate-dev-secret" },
      "redirect-uri": { type: "string", multiple: true },
      "post-logout-redirect-uri": { type: "string", multiple: true },
      "groups-claim": { type: "string", default: "groups" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${values.port}`);
  const publicUrl = values["public-url"].replace(/\/+$/, "");
  const provider = await startOidcProvider({
    port,
    groupsClaim: values["groups-claim"],
    users: DEMO_OIDC_USERS,
    clients: [
      {
        clientId: values["client-id"],
        clientSecret: values["client-secret"],
        redirectUris: values["redirect-uri"] ?? [`${publicUrl}/auth/callback`],
        postLogoutRedirectUris: values["post-logout-redirect-uri"] ?? [`${publicUrl}/`],
      },
    ],
  });
  console.log(`Test OpenID provider at ${provider.issuer} (Ctrl-C to stop). Users:`);
  for (const user of DEMO_OIDC_USERS) console.log(`  ${user.name} (${user.sub}): ${user.groups.join(", ") || "no groups"}`);
  console.log(`KEYROTATE_OIDC_ISSUER=${provider.issuer}`);
  console.log(`KEYROTATE_OIDC_CLIENT_ID=${values["client-id"]}`);
  console.log(`KEYROTATE_OIDC_CLIENT_SECRET=${values["client-secret"]}`);
  console.log(`KEYROTATE_PUBLIC_URL=${publicUrl}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void provider.stop().then(() => process.exit(0)));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
