// How a location is named in messages, audit records and confirm prompts: enough to tell two apart
// (the same identifier often exists in several environments).
type Named = { system: string; environment: string; identifier: string };

export function describeLocation(location: Named): string {
  return `${location.identifier} (${location.system}, ${location.environment})`;
}
