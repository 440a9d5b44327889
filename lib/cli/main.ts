// `keyrotate`: the same configuration and domain as the dashboard, from a terminal.
import { Command } from "commander";
import { runMigrations } from "./migrate.ts";
import { printKeys } from "./keys.ts";
import { exportLocations, importLocationsFile } from "./locations.ts";
import { discoverLocations, type DiscoverOptions } from "./discover.ts";
import { cliSync } from "./sync.ts";
import { cliReconcile } from "./reconcile.ts";
import { cliAddAccount, cliListAccounts, cliRemoveAccount } from "./accounts.ts";
import { printSesSmtpPassword } from "./ses-smtp-password.ts";
import { cliCreateToken, cliListTokens, cliRevokeToken } from "./tokens.ts";
import { cliRemind } from "./remind.ts";
import { fail } from "./output.ts";

const program = new Command()
  .name("keyrotate")
  .description("Rotate AWS IAM access keys safely. Configuration: the same environment as the dashboard.")
  .showHelpAfterError();

program
  .command("migrate")
  .description("apply pending database migrations (creates the SQLite file if needed)")
  .action(() => runMigrations());

program
  .command("sync")
  .description("read what changed in IAM (every managed account, or --account NAME) into the database")
  .option("--account <NAME>", "only this account")
  .action((opts: { account?: string }) => cliSync(opts));

program
  .command("reconcile")
  .description("compare IAM with keyrotate's records for every account and put right what a crash left behind")
  .option("--json", "print the findings as a JSON array")
  .action((opts: { json?: boolean }) => cliReconcile(opts));

const accounts = program.command("accounts").description("the AWS accounts keyrotate manages (environments such as production)");

accounts
  .command("add <NAME>")
  .description("manage an account: with --role-arn keyrotate assumes that role; without, the credentials' own account")
  .option("--role-arn <ARN>", "the role to assume in that account (arn:aws:iam::ACCOUNT:role/NAME)")
  .option("--external-id <ID>", "the role's ExternalId, if its trust policy asks for one")
  .option("--change-role <ROLE>", "the least role that may change keys there: viewer, rotator or admin (default rotator)")
  .action((name: string, opts: { roleArn?: string; externalId?: string; changeRole?: string }) => cliAddAccount(name, opts));

accounts
  .command("list")
  .description("list the managed accounts (removed ones too)")
  .option("--json", "print a JSON array")
  .action((opts: { json?: boolean }) => cliListAccounts(opts));

accounts
  .command("remove <NAME>")
  .description("stop managing an account (its keys, locations, rotations and audit records stay)")
  .action((name: string) => cliRemoveAccount(name));

program
  .command("keys")
  .description("list keys with age, last use and flags")
  .option("--json", "print a JSON array")
  .option("--flag <flag>", "only keys with this flag")
  .option("--account <NAME>", "only keys of this account")
  .option("--owner <TEAM>", "only keys whose user this team owns")
  .option("--no-owner", "only keys whose user has no owning team")
  .action((opts: { json?: boolean; flag?: string; account?: string; owner?: string | false }) => printKeys(opts));

const locations = program.command("locations").description("the where-used registry: where each key is stored (CSV import and export, discovery in secrets files)");

locations
  .command("import <file>")
  .description("import locations from a CSV file: every row, or none when any row is bad")
  .action((file: string) => importLocationsFile(file));

locations
  .command("export")
  .description("print every location as CSV, header first")
  .action(() => exportLocations());

locations
  .command("discover <PATH...>")
  .description("find access key ids in secrets files (files, folders, or - for standard input) and the names they stand under")
  .option("--system <NAME>", "where the files live (e.g. govuk-secrets/puppet); with --environment, the run is kept for the gap report")
  .option("--environment <NAME>", "the environment the files configure (e.g. staging); needed with --system and --record")
  .option("--json", "print a JSON array")
  .option("--record", "add each place a known key was found as a secrets-repo location (idempotent)")
  .action((paths: string[], opts: DiscoverOptions) => discoverLocations(paths, opts));

program
  .command("remind")
  .description("send the reminders owed today: 15, 7 and 1 days before a key is due, daily once overdue (never twice; failures retried)")
  .option("--dry-run", "say what would be sent, send nothing")
  .option("--json", "print the run's results as JSON")
  .action((opts: { dryRun?: boolean; json?: boolean }) => cliRemind(opts));

program
  .command("ses-smtp-password")
  .description("read a secret access key on stdin and print its SES SMTP password for a region")
  .requiredOption("--region <region>", "the AWS region whose SMTP endpoint the password is for")
  .action((opts: { region: string }) => printSesSmtpPassword(opts));

const tokens = program.command("tokens").description("API tokens for scripts that read /api/v1/keys and /api/v1/locations");

tokens
  .command("create <NAME>")
  .description("create a token and print it once, alone on the last line (only its hash is stored)")
  .option("--role <ROLE>", "viewer, rotator or admin (default viewer: enough to read the API)")
  .action((name: string, opts: { role?: string }) => cliCreateToken(name, opts));

tokens
  .command("list")
  .description("list tokens with their role, creation, last use and revocation")
  .option("--json", "print a JSON array")
  .action((opts: { json?: boolean }) => cliListTokens(opts));

tokens
  .command("revoke <NAME>")
  .description("revoke a token: requests with it get 401 from now on")
  .action((name: string) => cliRevokeToken(name));

program.parseAsync().catch(fail);
