// How discovery names the place a value stands in a nested document: `a.b[0].c`. A key that would
// make that ambiguous (a dot, a bracket, a quote, white space) is written `["a.b"]` instead.
const PLAIN_KEY = /^[^.[\]"'\s]+$/;

export function appendKey(path: string, key: string): string {
  if (!PLAIN_KEY.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path ? `${path}.${key}` : key;
}

export function appendIndex(path: string, index: number): string {
  return `${path}[${index}]`;
}
