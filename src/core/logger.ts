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

/** Replaces the given secrets and anything key-shaped with a marker. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 8) out = out.split(secret).join('[REDACTED]');
  }
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (...groups: unknown[]) =>
      typeof groups[1] === 'string' && typeof groups[2] === 'string' ? `${groups[1]}${groups[2]}[REDACTED]` : '[REDACTED]',
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
