// "The application now sends mail with these credentials": SES SendRawEmail through the emulator, signed
// with the given key, which makes moto record the key's last use with service `ses` (AWS records SMTP
// sends the same way). Test tooling: it talks to @aws-sdk/client-ses directly.
import { SendRawEmailCommand, SESClient, VerifyEmailIdentityCommand } from "@aws-sdk/client-ses";

const FROM = "no-reply@example.com";

export async function sendMailWithKey(
  endpoint: string,
  key: { accessKeyId: string; secretAccessKey: string },
  region = "eu-west-1",
): Promise<void> {
  // SES sends only from a verified address; verifying it with keyrotate's own test credentials marks no key.
  const admin = new SESClient({ endpoint, region, credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
  const ses = new SESClient({ endpoint, region, credentials: key });
  try {
    await admin.send(new VerifyEmailIdentityCommand({ EmailAddress: FROM }));
    const raw = [`From: ${FROM}`, "To: ops@example.com", "Subject: keyrotate cut-over", "Content-Type: text/plain", "", "Sent with the new SMTP user."].join("\r\n");
    await ses.send(new SendRawEmailCommand({ Source: FROM, Destinations: ["ops@example.com"], RawMessage: { Data: new TextEncoder().encode(raw) } }));
  } finally {
    admin.destroy();
    ses.destroy();
  }
}
