// Plain shapes lib/iam hands out: no SDK types cross this boundary.
export type KeyStatus = "Active" | "Inactive";

export type KeyLastUsed = {
  lastUsedDate: Date | null;
  service: string | null; // null when never used (IAM says "N/A")
  region: string | null;
};

export type IamAccessKey = {
  accessKeyId: string;
  userName: string;
  status: KeyStatus;
  createDate: Date;
};

export type IamAccessKeyWithUse = IamAccessKey & { lastUsed: KeyLastUsed };

export type Tag = { key: string; value: string };

/** A user's own facts, as ListUsers returns them. */
export type IamUser = { userName: string; userId: string; arn: string; path: string; createDate: Date };

export type IamUserWithKeys = IamUser & {
  /** null when this read did not include them (ListUsers does not return tags). */
  tags: Tag[] | null;
  keys: IamAccessKeyWithUse[];
};

export type NewAccessKey = IamAccessKey & { secretAccessKey: string };

/** A freshly created key as a person receives it, once: the only moment keyrotate holds the secret. */
export type NewSecret = Pick<NewAccessKey, "accessKeyId" | "secretAccessKey" | "userName">;

export type CallerIdentity = { accountId: string; arn: string; userId: string };
