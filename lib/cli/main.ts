// `keyrotate`: the same configuration and domain as the dashboard, from a terminal.
import { Command } from "commander";
import { runMigrations } from "./migrate.ts";
import { printKeys } from "./keys.ts";
import { cliSync } from "./sync.ts";
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
  .description("read every IAM user and key into the database and print a summary")
  .action(() => cliSync());

program
  .command("keys")
  .description("list keys with age, last use and flags")
  .option("--json", "print a JSON array")
  .option("--flag <flag>", "only keys with this flag")
  .action((opts: { json?: boolean; flag?: string }) => printKeys(opts));

program.parseAsync().catch(fail);
