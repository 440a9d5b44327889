// A loopback webhook receiver: stands in for Slack in e2e tests and the demo. Keeps what it got.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type Receiver = { url: string; received: unknown[]; close(): Promise<void> };

export async function startWebhookReceiver(onMessage?: (body: unknown) => void): Promise<Receiver> {
  const received: unknown[] = [];
  const server: Server = createServer((req, res) => {
    if (req.method === "GET") {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(received));
      return;
    }
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      try {
        const body = JSON.parse(data);
        received.push(body);
        onMessage?.(body);
        res.end("ok");
      } catch {
        res.statusCode = 400;
        res.end("bad json");
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise((r) => server.close(() => r())) };
}
