// In-memory storage for the test OpenID provider. oidc-provider has one built in, but choosing it
// prints a "development-only adapter" warning on every start; this one is private to one provider
// (two providers in one test file never share state) and small enough to read at a glance.
type Payload = Record<string, unknown> & { uid?: string; userCode?: string; grantId?: string; consumed?: number };
type Entry = { payload: Payload; expiresAt: number };

// The models whose records are tokens issued under a grant: revoking the grant removes them.
const GRANTABLE = ["AccessToken", "AuthorizationCode", "RefreshToken", "DeviceCode", "BackchannelAuthenticationRequest"];

export interface OidcAdapter {
  upsert(id: string, payload: Payload, expiresIn?: number): Promise<void>;
  find(id: string): Promise<Payload | undefined>;
  findByUid(uid: string): Promise<Payload | undefined>;
  findByUserCode(userCode: string): Promise<Payload | undefined>;
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

/** oidc-provider's `adapter` option: a factory called once per model name (Session, Grant, AccessToken, ...). */
export function createMemoryAdapter(): (model: string) => OidcAdapter {
  const store = new Map<string, Entry>();

  const live = (key: string): Payload | undefined => {
    const entry = store.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return entry.payload;
  };
  // A test provider holds a handful of records, so a scan is simpler than secondary indexes.
  const findWhere = (model: string, match: (payload: Payload) => boolean): Payload | undefined => {
    for (const key of store.keys()) {
      const payload = key.startsWith(`${model}:`) ? live(key) : undefined;
      if (payload && match(payload)) return payload;
    }
    return undefined;
  };

  return (model) => {
    const key = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        const expiresAt = typeof expiresIn === "number" ? Date.now() + expiresIn * 1000 : Infinity;
        store.set(key(id), { payload, expiresAt });
      },
      async find(id) {
        return live(key(id));
      },
      async findByUid(uid) {
        return findWhere(model, (payload) => payload.uid === uid);
      },
      async findByUserCode(userCode) {
        return findWhere(model, (payload) => payload.userCode === userCode);
      },
      async consume(id) {
        const payload = live(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        store.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        for (const [storeKey, entry] of store) {
          const tokenModel = storeKey.slice(0, storeKey.indexOf(":"));
          if (GRANTABLE.includes(tokenModel) && entry.payload.grantId === grantId) store.delete(storeKey);
        }
      },
    };
  };
}
