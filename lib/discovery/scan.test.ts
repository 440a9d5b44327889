import { describe, expect, it } from "vitest";
import { scanText, type Occurrence } from "./scan.ts";

const ID = "AKIAIOSFODNN7EXAMPLE";
const OTHER = "ASIAJEXAMPLEXEG2JICE";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const SECRET2 = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";

const text = (...lines: string[]) => `${lines.join("\n")}\n`;
const brief = (found: Occurrence[]) => found.map((o) => [o.accessKeyId, o.identifier, o.line]);

/** No field of any occurrence holds a secret, whole or in part. */
function expectNoSecrets(found: Occurrence[], ...secrets: string[]) {
  const fields = found.flatMap((o) => Object.values(o).map(String));
  for (const secret of secrets) {
    for (const field of fields) {
      expect(field).not.toContain(secret);
      expect(field).not.toContain(secret.slice(0, 12));
      expect(field).not.toContain(secret.slice(-12));
    }
  }
}

describe("scanText", () => {
  it("names hieradata keys, plain, quoted and eyaml-decrypted, and the same key under two names twice", () => {
    const file = text(
      "---",
      `govuk::apps::support::aws_access_key_id: ${ID}`,
      `govuk::apps::support::aws_secret_access_key: ${SECRET}`,
      `govuk::apps::support_api::aws_access_key_id: "${ID}"`,
      `govuk::apps::support_api::aws_secret_access_key: "${SECRET}"`,
      `govuk::apps::email_alert_api::aws_access_key_id: '${OTHER}'`,
      `govuk::apps::email_alert_api::aws_secret_access_key: '${SECRET2}'`,
      `govuk::apps::publisher::aws_access_key_id: DEC::PKCS7[${OTHER}]!`,
      `govuk::apps::publisher::aws_secret_access_key: DEC::PKCS7[${SECRET2}]!`,
      "govuk::apps::whitehall::aws_access_key_id: >",
      `    DEC::PKCS7[${ID}]!`,
      "govuk::apps::whitehall::aws_secret_access_key: >",
      `    DEC::PKCS7[${SECRET}]!`,
      `"govuk::apps::quoted::aws_access_key_id": ${OTHER} # rotated 2026`,
    );
    const found = scanText(file, "hieradata/staging.yaml");
    expect(brief(found)).toEqual([
      [ID, "govuk::apps::support::aws_access_key_id", 2],
      [ID, "govuk::apps::support_api::aws_access_key_id", 4],
      [OTHER, "govuk::apps::email_alert_api::aws_access_key_id", 6],
      [OTHER, "govuk::apps::publisher::aws_access_key_id", 8],
      [ID, "govuk::apps::whitehall::aws_access_key_id", 11],
      [OTHER, "govuk::apps::quoted::aws_access_key_id", 14],
    ]);
    expect(found.every((o) => o.file === "hieradata/staging.yaml")).toBe(true);
    expectNoSecrets(found, SECRET, SECRET2);
  });

  it("names nested YAML by its dotted path, sequences by index, and leaves siblings and comments out", () => {
    const file = text(
      "backup:",
      "  # the key below is the old one",
      "  s3:",
      `    access_key_id: ${ID}`,
      `    secret_access_key: ${SECRET}`,
      "  targets:",
      `  - name: logs`,
      `    key: ${OTHER}`,
      `    secret: ${SECRET2}`,
      `  - ${ID}`,
      "  certificate: |",
      `    not a key: ${OTHER}`,
      "mirror:",
      "  credentials:",
      `    - key_id: ${ID}`,
      `      secret: ${SECRET}`,
      `# old: ${OTHER}`,
    );
    const found = scanText(file, "common.yml");
    expect(brief(found)).toEqual([
      [ID, "backup.s3.access_key_id", 4],
      [OTHER, "backup.targets[0].key", 8],
      [ID, "backup.targets[1]", 10],
      [OTHER, "backup.certificate", 12],
      [ID, "mirror.credentials[0].key_id", 15],
      [OTHER, "common.yml:17", 17],
    ]);
    expectNoSecrets(found, SECRET, SECRET2);
  });

  it("names JSON by its dotted path with array indexes, on the right line", () => {
    const json = JSON.stringify(
      {
        logging: { s3: [{ name: "cdn", access_key: ID, secret_key: SECRET }, { access_key: OTHER, secret_key: SECRET2 }] },
        "dotted.name": { id: ID },
        [OTHER]: "as a key",
      },
      null,
      2,
    );
    const found = scanText(json, "config/fastly.json");
    const lineOf = (needle: string, from = 0) => json.split("\n").findIndex((l, i) => i >= from && l.includes(needle)) + 1;
    expect(brief(found)).toEqual([
      [ID, "logging.s3[0].access_key", lineOf(ID)],
      [OTHER, "logging.s3[1].access_key", lineOf(OTHER)],
      [ID, '["dotted.name"].id', lineOf(ID, lineOf(OTHER))],
      [OTHER, OTHER, lineOf(`"${OTHER}"`, lineOf(OTHER))],
    ]);
    expect(scanText(`[{"a":"x"},{"b":["${ID}"]}]`, "list.json").map((o) => o.identifier)).toEqual(["[1].b[0]"]);
    expectNoSecrets(found, SECRET, SECRET2);
  });

  it("recognises JSON and YAML without a telling file name (standard input)", () => {
    expect(scanText(`{"aws": {"key": "${ID}", "secret": "${SECRET}"}}`, "(stdin)").map((o) => o.identifier)).toEqual(["aws.key"]);
    const yaml = scanText(text("---", `govuk::apps::support::aws_access_key_id: DEC::PKCS7[${ID}]!`), "(stdin)");
    expect(yaml.map((o) => o.identifier)).toEqual(["govuk::apps::support::aws_access_key_id"]);
  });

  it("names .env variables and shell exports; any other line is file:line", () => {
    const env = text(`AWS_ACCESS_KEY_ID=${ID}`, `AWS_SECRET_ACCESS_KEY=${SECRET}`, `# BACKUP_KEY=${OTHER}`);
    expect(brief(scanText(env, "deploy/.env"))).toEqual([
      [ID, "AWS_ACCESS_KEY_ID", 1],
      [OTHER, "deploy/.env:3", 3],
    ]);
    const shell = text(
      "#!/bin/sh",
      `export BACKUP_AWS_ACCESS_KEY_ID="${ID}"`,
      `export BACKUP_AWS_SECRET_ACCESS_KEY="${SECRET}"`,
      `  export  INDENTED='${OTHER}'`,
      `aws configure set aws_access_key_id ${OTHER} && aws configure set aws_secret_access_key ${SECRET2}`,
      `if [ "$KEY" == "${ID}" ]; then echo; fi`,
    );
    const found = scanText(shell, "run.sh");
    expect(brief(found)).toEqual([
      [ID, "BACKUP_AWS_ACCESS_KEY_ID", 2],
      [OTHER, "INDENTED", 4],
      [OTHER, "run.sh:5", 5],
      [ID, "run.sh:6", 6],
    ]);
    expectNoSecrets(found, SECRET, SECRET2);
    expect(brief(scanText(text("Key for the backups", `${ID} ${SECRET}`), "README.md"))).toEqual([[ID, "README.md:2", 2]]);
  });

  it("matches whole ids only: not inside a longer word, not with a 17th character, not in lower case", () => {
    const file = text(
      `X${ID}`,
      `${ID}X`,
      `${ID}0`,
      `_${ID}`,
      ID.toLowerCase(),
      "AKIA0123456789ABCDE",
      `AKID${ID.slice(4)}`,
      `[${ID}]`,
    );
    expect(brief(scanText(file, "ids.txt"))).toEqual([[ID, "ids.txt:8", 8]]);
  });

  it("counts lines across CRLF endings and a byte-order mark, and finds nothing in a file without ids", () => {
    const crlf = `\uFEFF---\r\ngovuk::a::key_id: ${ID}\r\ngovuk::a::secret: ${SECRET}\r\n\r\ngovuk::b::key_id: ${OTHER}\r\n`;
    expect(brief(scanText(crlf, "x.yaml"))).toEqual([
      [ID, "govuk::a::key_id", 2],
      [OTHER, "govuk::b::key_id", 5],
    ]);
    expect(scanText(`secret: ${SECRET}\n`, "x.yaml")).toEqual([]);
    expect(scanText("{ not json", "broken.json")).toEqual([]);
  });

  it("falls back to lines for a .json file that is not JSON, keeping secrets out of the names", () => {
    const found = scanText(`{ // comment\n  "key": "${ID}", "secret": "${SECRET}"\n}`, "broken.json");
    expect(brief(found)).toEqual([[ID, "broken.json:2", 2]]);
    expectNoSecrets(found, SECRET);
  });
});
