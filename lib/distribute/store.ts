import { z } from "zod";

/** Location kinds keyrotate writes the new key into itself; every other kind waits for a person's tick. */
export const STORE_KINDS = ["aws-secrets-manager", "aws-ssm-parameter"] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export const isStoreKind = (kind: string): kind is StoreKind => (STORE_KINDS as readonly string[]).includes(kind);

export const DEFAULT_ID_FIELD = "AWS_ACCESS_KEY_ID";
export const DEFAULT_SECRET_FIELD = "AWS_SECRET_ACCESS_KEY";

/**
 * Where a store is. For aws-secrets-manager the location's identifier is the secret's name or ARN and the
 * JSON field names say where the id and the secret go; for aws-ssm-parameter the identifier is the key id's
 * parameter and `secretParameter` the SecureString that holds the secret.
 */
export type StoreSpec = {
  accountId: string;
  region: string;
  idField?: string;
  secretField?: string;
  secretParameter?: string;
};

/** As typed: without an account, the store is in the key's own account. */
export type StoreInput = Omit<StoreSpec, "accountId"> & { accountId: string | null };

const accountId = z.string().regex(/^\d{12}$/, "Store account must be a 12-digit AWS account id");
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "Region must be an AWS region such as eu-west-2");
const fieldName = (label: string) => z.string().trim().min(1, `${label} is required`).max(200, `${label} must be 200 characters or fewer`);
const parameterName = z
  .string()
  .trim()
  .min(1, "Secret parameter is required")
  .max(2048, "Secret parameter must be 2048 characters or fewer")
  .regex(/^[\w.\-/]*$/, "Secret parameter may hold letters, digits and _ . - / only");

const storedSpec = z.object({
  accountId,
  region,
  idField: z.string().optional(),
  secretField: z.string().optional(),
  secretParameter: z.string().optional(),
});

/** The store column as the database holds it; a value that no longer parses is treated as no store. */
export function parseStore(json: string | null): StoreSpec | null {
  if (!json) return null;
  try {
    const parsed = storedSpec.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function serializeStore(store: StoreInput | null, ownerAccountId: string): string | null {
  if (!store) return null;
  const spec: StoreSpec = { ...store, accountId: store.accountId ?? ownerAccountId };
  return JSON.stringify(spec);
}

/** The form's and the CSV's store fields, all optional text; `storeFieldsFor` checks them against the kind. */
export const storeFieldsSchema = z.object({
  storeAccountId: z.string().trim().optional().nullable(),
  region: z.string().trim().optional().nullable(),
  idField: z.string().trim().optional().nullable(),
  secretField: z.string().trim().optional().nullable(),
  secretParameter: z.string().trim().optional().nullable(),
});
export type StoreFields = z.output<typeof storeFieldsSchema>;

/** The store of a kind keyrotate writes, or the messages (by field) that say what is missing. */
export function storeFieldsFor(kind: string, fields: StoreFields): { store: StoreInput | null; issues: { path: string; message: string }[] } {
  if (!isStoreKind(kind)) return { store: null, issues: [] };
  const issues: { path: string; message: string }[] = [];
  const check = <T>(path: string, schema: z.ZodType<T>, value: unknown): T | undefined => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    issues.push(...result.error.issues.map((i) => ({ path, message: i.message })));
    return undefined;
  };
  const account = fields.storeAccountId ? check("storeAccountId", accountId, fields.storeAccountId) : null;
  const where = check("region", region, fields.region ?? "");
  if (kind === "aws-secrets-manager") {
    const idField = check("idField", fieldName("Key id field"), fields.idField || DEFAULT_ID_FIELD);
    const secretField = check("secretField", fieldName("Secret field"), fields.secretField || DEFAULT_SECRET_FIELD);
    if (idField !== undefined && idField === secretField) issues.push({ path: "secretField", message: "Secret field must differ from the key id field" });
    return { store: { accountId: account ?? null, region: where ?? "", idField, secretField }, issues };
  }
  const secretParameter = check("secretParameter", parameterName, fields.secretParameter ?? "");
  return { store: { accountId: account ?? null, region: where ?? "", secretParameter }, issues };
}
