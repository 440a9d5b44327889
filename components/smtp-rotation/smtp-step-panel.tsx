// The current step's controls for an SES SMTP user rotation, up to the cut-over. Server component: the
// rules' verdicts come from the page's view; the runner checks them again against IAM when a button is
// pressed. The steps that retire and remove the old user are in smtp-retire-panel.tsx.
import type { SmtpRotationView } from "@/lib/rotation/smtp-view.ts";
import type { CopySummary } from "@/lib/rotation/rules/smtp.ts";
import { Options, controlClass as input } from "../ui/field.tsx";
import { formatDateTime } from "../ui/format.ts";
import { SmtpCutoverWatcher } from "./smtp-cutover-watcher.tsx";
import { SmtpRetirePanel } from "./smtp-retire-panel.tsx";
import { SmtpRotationForm } from "./smtp-rotation-form.tsx";
import { ConfirmLocations, DistributeChecklist } from "../rotation/step-parts.tsx";
import { verdict } from "../rotation/verdict.ts";

function Copied({ copied, userName }: { copied: CopySummary; userName: string }) {
  const list = (items: string[]) => (items.length ? items.join(", ") : "none");
  return (
    <dl aria-label={`What ${userName} received`} className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      <dt className="font-medium">Path</dt>
      <dd>{copied.path}</dd>
      <dt className="font-medium">Groups</dt>
      <dd>{list(copied.groups)}</dd>
      <dt className="font-medium">Managed policies</dt>
      <dd className="break-all">{list(copied.attachedPolicyArns)}</dd>
      <dt className="font-medium">Inline policies</dt>
      <dd>{list(copied.inlinePolicyNames)}</dd>
      <dt className="font-medium">Tags</dt>
      <dd>{list(copied.tagKeys)}</dd>
      <dt className="font-medium">Permissions boundary</dt>
      <dd className="break-all">{copied.permissionsBoundaryArn ?? "none"}</dd>
    </dl>
  );
}

export function SmtpStepPanel({ view, isAdmin, pollSeconds }: { view: SmtpRotationView; isAdmin: boolean; pollSeconds: number }) {
  const { rotation, available } = view;
  const state = rotation.state;
  const common = { rotationId: rotation.id, version: rotation.version };
  const parts = { Form: SmtpRotationForm, common, view };

  switch (state.step) {
    case "confirm-locations":
      return (
        <ConfirmLocations
          {...parts}
          keyId={state.oldKeyIds[0]}
          intro={`These are the places recorded for ${state.oldUserName}. Each becomes a checklist item once the new credentials exist.`}
          acknowledge="I have checked: these SMTP credentials are used nowhere that needs updating."
        />
      );
    case "create-user": {
      const name = state.newUserName ?? (view.plannedUserName.ok ? view.plannedUserName.userName : null);
      return (
        <div className="space-y-3 text-sm">
          <p>
            keyrotate creates <strong>{name ?? "the new user"}</strong> with the path, groups, managed and inline policies, tags and permissions boundary of{" "}
            {state.oldUserName}. The old user keeps working until it is retired.
          </p>
          {state.createRequestedAt && (
            <p role="status" className="text-amber-800 dark:text-amber-300">
              Creating {state.newUserName} was started {formatDateTime(state.createRequestedAt)} but never confirmed (keyrotate may have stopped). Continue:
              a copy already under way is completed.
            </p>
          )}
          <SmtpRotationForm
            {...common}
            type="create-user"
            label={state.createRequestedAt ? `Continue creating ${name}` : `Create ${name ?? "new user"}`}
            disabledReason={verdict(available, "create-user")}
          />
        </div>
      );
    }
    case "create-key":
      return (
        <div className="space-y-3 text-sm">
          <p>
            {state.newUserName} exists with the permissions of {state.oldUserName}
            {state.copied.created ? "" : " (an interrupted copy was completed)"}:
          </p>
          <Copied copied={state.copied} userName={state.newUserName} />
          <p>
            Now create its key. Its SES SMTP password is shown once, with the SMTP user name and endpoint: have the secrets repository or the
            application&apos;s settings open.
          </p>
          <SmtpRotationForm {...common} type="create-key" label="Create SMTP credentials" disabledReason={verdict(available, "create-key")}>
            <label className="block max-w-xs">
              SES region (where the application sends mail)
              <select name="region" defaultValue={state.region ?? view.defaultRegion} className={input}>
                <Options values={view.regions} />
              </select>
            </label>
          </SmtpRotationForm>
        </div>
      );
    case "distribute":
      return (
        <DistributeChecklist
          {...parts}
          intro={
            <>
              Put the new SMTP user name <code>{state.newKeyId}</code> and its password in every location below ({state.region}), then redeploy what reads
              them. Tick each one as you go.
            </>
          }
        />
      );
    case "verify-cutover":
      return (
        <SmtpCutoverWatcher
          rotationId={rotation.id}
          oldUserName={state.oldUserName}
          newUserName={state.newUserName}
          pollSeconds={pollSeconds}
          initial={{ ...view.cutover, step: state.step, version: rotation.version }}
        />
      );
    default:
      return <SmtpRetirePanel view={view} isAdmin={isAdmin} />;
  }
}
