// One review sends the same shared block with every expert, so the core's per-request notes
// ("Cache breakpoint skipped, …") would repeat once per expert. A run logs each such line once.
import type { Logger } from '../core';

export function onceLogger(logger: Logger): Logger {
  const seen = new Set<string>();
  const once = (write: (m: string) => void) => (message: string) => {
    if (seen.has(message)) return;
    seen.add(message);
    write(message);
  };
  return {
    debug: once((m) => logger.debug(m)),
    info: once((m) => logger.info(m)),
    warn: (m) => logger.warn(m),
    error: (m) => logger.error(m),
  };
}
