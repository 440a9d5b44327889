// Integration tests: an emulator for this test file, with the SDK pointed at it by configuration.
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll } from "vitest";
import { emulatorEnv, startEmulator, type Emulator } from "./moto/process.ts";

export function setupEmulator(extraEnv: Record<string, string> = {}): { endpoint: () => string } {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator();
    Object.assign(process.env, emulatorEnv(emulator.endpoint), extraEnv);
  });
  afterAll(async () => emulator?.stop());
  return { endpoint: () => emulator!.endpoint };
}

/** "The application now uses this key": any call signed with it makes moto record its last use. */
export async function useKey(endpoint: string, accessKeyId: string, secretAccessKey: string): Promise<void> {
  const sts = new STSClient({ endpoint, region: "eu-west-2", credentials: { accessKeyId, secretAccessKey } });
  await sts.send(new GetCallerIdentityCommand({}));
}
