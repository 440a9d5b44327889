// `keyrotate ses-smtp-password --region R`: a secret access key on stdin, its SES SMTP password on
// stdout. The secret never goes on the command line (shell history, `ps`), and is never echoed:
// not on a terminal while it is typed or pasted, and not in any error message.
import { KeyrotateError } from "../errors.ts";
import { assertSesSmtpRegion, looksLikeSecretAccessKey, sesSmtpPassword } from "../iam/ses-smtp.ts";

const CTRL_C = "\u0003";
const CTRL_D = "\u0004";
const BACKSPACE = new Set(["\u007f", "\b"]);

/** Reads one line from a terminal with echo off (raw mode), handling backspace and Ctrl-C. */
function readHiddenLine(input: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let line = "";
    const finish = (error?: KeyrotateError) => {
      input.setRawMode(false);
      input.pause();
      input.removeListener("data", onData);
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(line);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === CTRL_C) return finish(new KeyrotateError("invalid-input", "Cancelled."));
        if (char === "\r" || char === "\n" || char === CTRL_D) return finish();
        if (BACKSPACE.has(char)) line = line.slice(0, -1);
        else line += char;
      }
    };
    input.setEncoding("utf8");
    // Echo goes off before the prompt appears: a secret pasted as soon as it shows is not echoed.
    input.setRawMode(true);
    process.stderr.write("Paste the secret access key, then Enter (it is not shown): ");
    input.on("data", onData);
    input.resume();
  });
}

async function readAll(input: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** The secret from piped input: exactly one line, surrounding whitespace and the newline trimmed. */
export function secretFromInput(text: string): string {
  const secret = text.trim();
  if (!secret) throw new KeyrotateError("invalid-input", "No secret access key on stdin.");
  // Say what is wrong without repeating any of it: the input is a secret.
  if (/[\r\n]/.test(secret)) throw new KeyrotateError("invalid-input", "Expected one line on stdin: the secret access key alone.");
  if (!looksLikeSecretAccessKey(secret)) {
    throw new KeyrotateError("invalid-input", `That is not a secret access key: expected 40 characters of A-Z, a-z, 0-9, / and + (got ${secret.length}).`);
  }
  return secret;
}

export async function printSesSmtpPassword(opts: { region: string }, input: NodeJS.ReadStream = process.stdin): Promise<void> {
  // Checked first, so a typo in the region fails before anyone pastes a secret.
  assertSesSmtpRegion(opts.region);
  const text = input.isTTY ? await readHiddenLine(input) : await readAll(input);
  process.stdout.write(`${sesSmtpPassword(secretFromInput(text), opts.region)}\n`);
}
