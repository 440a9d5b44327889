// `keyrotate ses-smtp-password` as a person runs it: the real CLI in a child process. It needs no
// database and no IAM, so none is set up: the command must work without them.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// AWS's documentation example secret (a published fake). Its eu-west-1 password is pinned in
// lib/iam/ses-smtp.test.ts, where its provenance is explained.
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const PASSWORD_EU_WEST_1 = "BMW5RDrXmmVs0lV7GpI4oLkHXpZ4stDsk6q91z1g38Pk";

function keyrotate(args: string[], stdin: string) {
  const out = spawnSync(process.execPath, ["bin/keyrotate.mjs", ...args], { input: stdin, encoding: "utf8", timeout: 30_000 });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}

const lines = (text: string) => text.split("\n").filter(Boolean);
// The secret, or any 12-character stretch of it, must not leak.
const leaks = (text: string) => Array.from({ length: SECRET.length - 11 }, (_, i) => SECRET.slice(i, i + 12)).some((part) => text.includes(part));

describe("keyrotate ses-smtp-password", () => {
  it("prints only the SMTP password for the secret on stdin", () => {
    const out = keyrotate(["ses-smtp-password", "--region", "eu-west-1"], `${SECRET}\n`);
    expect(out.stderr).toBe("");
    expect(out.stdout).toBe(`${PASSWORD_EU_WEST_1}\n`);
    expect(out.status).toBe(0);
    expect(leaks(out.stdout + out.stderr)).toBe(false);
  });

  it("accepts a secret without a trailing newline, or with a Windows one", () => {
    expect(keyrotate(["ses-smtp-password", "--region", "eu-west-1"], SECRET).stdout).toBe(`${PASSWORD_EU_WEST_1}\n`);
    expect(keyrotate(["ses-smtp-password", "--region", "eu-west-1"], `${SECRET}\r\n`).stdout).toBe(`${PASSWORD_EU_WEST_1}\n`);
  });

  it("refuses an unknown region in one line, before reading any secret", () => {
    const out = keyrotate(["ses-smtp-password", "--region", "eu-middle-9"], `${SECRET}\n`);
    expect(out.status).toBe(1);
    expect(out.stdout).toBe("");
    expect(lines(out.stderr)).toHaveLength(1);
    expect(out.stderr).toMatch(/^keyrotate: SES has no SMTP endpoint in region "eu-middle-9"\. Regions: .*eu-west-1/);
    expect(leaks(out.stderr)).toBe(false);
  });

  it("refuses empty stdin in one line", () => {
    const out = keyrotate(["ses-smtp-password", "--region", "eu-west-1"], "");
    expect(out.status).toBe(1);
    expect(out.stdout).toBe("");
    expect(out.stderr).toBe("keyrotate: No secret access key on stdin.\n");
  });

  it.each([
    ["a truncated secret", SECRET.slice(0, 39), "got 39"],
    ["a secret with a stray character", `${SECRET.slice(0, 39)}-`, "got 40"],
    ["two lines", `${SECRET}\n${SECRET}\n`, "one line"],
  ])("refuses %s in one line that does not repeat it", (_label, stdin, says) => {
    const out = keyrotate(["ses-smtp-password", "--region", "eu-west-1"], stdin);
    expect(out.status).toBe(1);
    expect(out.stdout).toBe("");
    expect(lines(out.stderr)).toHaveLength(1);
    expect(out.stderr).toContain(says);
    expect(leaks(out.stderr)).toBe(false);
  });

  it("on a terminal, prompts on stderr and does not echo what is typed", () => {
    // Node has no pseudo-terminal of its own; Python's pty module (python3 runs the emulator too)
    // gives the CLI a real terminal, types the secret (with a mistyped character and a backspace),
    // and returns everything the terminal showed.
    const script = `
import os, pty, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], "bin/keyrotate.mjs", "ses-smtp-password", "--region", "eu-west-1"])
shown = b""
def read(seconds):
    global shown
    end = time.time() + seconds
    while time.time() < end:
        if select.select([fd], [], [], 0.1)[0]:
            try: shown += os.read(fd, 4096)
            except OSError: return
        if b"Enter" in shown and not typed[0]: return
typed = [False]
read(20)
typed[0] = True
os.write(fd, sys.argv[2].encode() + b"x\\x7f\\r")
read(10)
os.waitpid(pid, 0)
sys.stdout.write(shown.decode())
`;
    const out = spawnSync("python3", ["-c", script, process.execPath, SECRET], { encoding: "utf8", timeout: 40_000 });
    expect(out.status).toBe(0);
    expect(out.stdout).toContain("Paste the secret access key, then Enter (it is not shown): ");
    expect(out.stdout).toContain(PASSWORD_EU_WEST_1);
    expect(leaks(out.stdout)).toBe(false);
  });
});
