"use client";
// The fields of a location keyrotate writes itself: where the secret or the parameters are. Shown only for
// those kinds; the server checks them (and that keyrotate can reach the store) when the location is saved.
import { DEFAULT_ID_FIELD, DEFAULT_SECRET_FIELD, type StoreSpec } from "@/lib/distribute/store.ts";
import { Field, controlClass } from "../ui/field.tsx";

type Props = { kind: string; store?: StoreSpec | null; errors: Record<string, string[] | undefined> };

export function StoreFields({ kind, store, errors }: Props) {
  if (kind !== "aws-secrets-manager" && kind !== "aws-ssm-parameter") return null;
  const sm = kind === "aws-secrets-manager";
  return (
    <fieldset className="grid gap-3 rounded border border-slate-200 p-3 sm:col-span-2 sm:grid-cols-2 dark:border-slate-700">
      <legend className="px-1 text-sm font-medium">{sm ? "The secret keyrotate writes (Identifier: its name or ARN)" : "The parameters keyrotate writes (Identifier: the key id's parameter)"}</legend>
      <Field label="Region" errors={errors.region} hint="e.g. eu-west-2">
        {(p) => <input {...p} name="region" defaultValue={store?.region} aria-required autoComplete="off" className={controlClass} />}
      </Field>
      <Field label="Store account" errors={errors.storeAccountId} hint="12-digit id; empty: the key's own account.">
        {(p) => <input {...p} name="storeAccountId" defaultValue={store?.accountId} inputMode="numeric" autoComplete="off" className={controlClass} />}
      </Field>
      {sm ? (
        <>
          <Field label="Key id field" errors={errors.idField} hint={`JSON field; empty: ${DEFAULT_ID_FIELD}.`}>
            {(p) => <input {...p} name="idField" defaultValue={store?.idField} autoComplete="off" className={`${controlClass} font-mono`} />}
          </Field>
          <Field label="Secret field" errors={errors.secretField} hint={`JSON field; empty: ${DEFAULT_SECRET_FIELD}.`}>
            {(p) => <input {...p} name="secretField" defaultValue={store?.secretField} autoComplete="off" className={`${controlClass} font-mono`} />}
          </Field>
        </>
      ) : (
        <Field label="Secret parameter" errors={errors.secretParameter} hint="The SecureString holding the secret access key." className="sm:col-span-2">
          {(p) => <input {...p} name="secretParameter" defaultValue={store?.secretParameter} aria-required autoComplete="off" className={`${controlClass} font-mono`} />}
        </Field>
      )}
    </fieldset>
  );
}
