// The one rule for a usable API key, shared by every shell. A key with a line break or another control
// character would go out as a malformed header, and the SDK's error then quotes it (in CI, into the
// log and the report): such a key is refused before any request.

/** True when `key` holds a control character (C0, DEL or C1), which no API key does. */
export function hasControlCharacter(key: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f-\u009f]/.test(key);
}

/** Why `key` cannot be used, completing "<where> …", or undefined when it can. */
export function keyShapeProblem(key: string): string | undefined {
  return hasControlCharacter(key)
    ? 'contains a line break or another control character, so it was not used'
    : undefined;
}
