// The baseline a sync is measured against: what a script would do with no report and no concurrency, for
// the same facts (each user's keys, their last use, and the user's tags, which name owners).
import { GetAccessKeyLastUsedCommand, IAMClient, ListUserTagsCommand, paginateListAccessKeys, paginateListUsers } from "@aws-sdk/client-iam";

export async function naiveSequentialSync(endpoint: string): Promise<number> {
  const iam = new IAMClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } });
  let keys = 0;
  for await (const page of paginateListUsers({ client: iam }, {})) {
    for (const user of page.Users ?? []) {
      await iam.send(new ListUserTagsCommand({ UserName: user.UserName }));
      for await (const keyPage of paginateListAccessKeys({ client: iam }, { UserName: user.UserName })) {
        for (const key of keyPage.AccessKeyMetadata ?? []) {
          await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.AccessKeyId }));
          keys++;
        }
      }
    }
  }
  iam.destroy();
  return keys;
}
