// The regions where SES has an SMTP endpoint: plain data, safe for the rules and the browser alike.
// Regions with an SES endpoint: the "email" service in botocore 1.43.11's endpoints.json (aws and
// aws-us-gov partitions); the AWS General Reference lists an `email-smtp.<region>.amazonaws.com`
// SMTP endpoint beside each. AWS's own example script (aws-doc-sdk-examples,
// ses_generate_smtp_credentials.py) carries an older, shorter list. The European Sovereign Cloud
// (eusc-de-east-1) is left out: its endpoints are not under amazonaws.com.
export const SES_SMTP_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "af-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-5",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "sa-east-1",
  "us-gov-east-1",
  "us-gov-west-1",
] as const;

export type SesSmtpRegion = (typeof SES_SMTP_REGIONS)[number];

const KNOWN = new Set<string>(SES_SMTP_REGIONS);

export function isSesSmtpRegion(region: string): region is SesSmtpRegion {
  return KNOWN.has(region);
}
