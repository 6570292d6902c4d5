/** Where the core reports what it decided and why (cache skipped, retry scheduled …). */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Shapes of credentials that must never reach a log, whoever wrote the line. */
const SECRET_PATTERNS: RegExp[] = [
  /sk-ant-[A-Za-z0-9_-]{8,}/g,
  /\b(x-api-key|authorization)(["']?\s*[:=]\s*["']?)(Bearer\s+)?[^\s"',}]+/gi,
];

/**
 * Each secret as it may appear in a message: verbatim, JSON-escaped, and (for a value with a line break
 * or other control character) each piece on its own, since errors often quote only part of a bad header.
 * Longest first, so a piece never splits a longer form.
 */
function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    // eslint-disable-next-line no-control-regex
    for (const piece of secret.split(/[\u0000-\u001f\u007f]+/)) forms.add(piece.trim());
  }
  return [...forms].filter((f) => f.length >= 8).sort((a, b) => b.length - a.length);
}

/** Replaces the given secrets and anything key-shaped with a marker. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const form of secretForms(secrets)) out = out.split(form).join('[REDACTED]');
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (...groups: unknown[]) =>
      typeof groups[1] === 'string' && typeof groups[2] === 'string'
        ? `${groups[1]}${groups[2]}[REDACTED]`
        : '[REDACTED]',
    );
  }
  return out;
}

/** Wraps a logger so that every line passes through `redact` with the secrets known at that moment. */
export function redactingLogger(inner: Logger, secrets: () => readonly string[] = () => []): Logger {
  const wrap = (fn: (m: string) => void) => (message: string) => fn(redact(message, secrets()));
  return {
    debug: wrap((m) => inner.debug(m)),
    info: wrap((m) => inner.info(m)),
    warn: wrap((m) => inner.warn(m)),
    error: wrap((m) => inner.error(m)),
  };
}

/** A copy of a JSON-shaped value with `redact` applied to every string in it. */
export function redactDeep<T>(value: T, secrets: readonly string[] = []): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
