// A driver adapter for the Prisma CLI only (migrate deploy/dev/diff on PostgreSQL). It works around
// four bugs of @prisma/adapter-pg 6.19.3 met by the JS schema engine; the app uses the stock adapter.
//  1. Introspection reads catalog columns of type "char" (oid 18) and name (oid 19), which the
//     adapter refuses as unsupported: the pool reports them as text (oid 25), which they are.
//  2. Its shadow database for `migrate dev` is the real database when a connection string is used.
//  3. It drops the shadow database before closing the pool connected to it.
//  4. Its executeScript splits a migration at every ";", breaking PL/pgSQL bodies (the audit
//     trail's append-only trigger): a script is sent whole, as PostgreSQL's simple protocol allows.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const TEXT_OID = 25;
const TEXTLIKE_CATALOG_OIDS = new Set([18, 19]);

class CatalogFriendlyPool extends pg.Pool {
  // pg's overloads are many; the adapter only uses the promise form with a config object.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as any)(...args);
    if (!(result instanceof Promise)) return result;
    return result.then((res: pg.QueryResult) => {
      for (const field of res.fields ?? []) {
        if (TEXTLIKE_CATALOG_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
      }
      return res;
    });
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function connectWhole(pool: pg.Pool) {
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
  adapter.executeScript = async (script: string) => {
    await pool.query(script);
  };
  return adapter;
}

export function cliPostgresAdapter(url: string) {
  const factory = new PrismaPg({ connectionString: url });
  return Object.assign(factory, {
    connect: () => connectWhole(new CatalogFriendlyPool({ connectionString: url })),
    async connectToShadowDb() {
      const name = `keyrotate_shadow_${process.pid}_${Date.now()}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      const shadowPool = new CatalogFriendlyPool({ connectionString: withDatabase(url, name) });
      const adapter = await connectWhole(shadowPool);
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        const dropper = new pg.Client({ connectionString: url });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS "${name}"`);
        await dropper.end();
      };
      return adapter;
    },
  });
}
