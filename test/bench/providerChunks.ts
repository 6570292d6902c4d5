// What each provider adds to the editor's bundle, from the production build: the files reachable from
// its lazy entry (dist/chunks/bedrock-*.js, vertex-*.js, httpTransport-*.js) that nothing else loads.
// The Anthropic API path (activation and the features) never requires them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const LAZY = { bedrock: /^bedrock-/, vertex: /^vertex-/, proxy: /^httpTransport-/ } as const;

function requiresOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/require\("(\.{1,2}\/[^"]+\.js)"\)/g)].map((m) => normalize(join(dirname(file), m[1]!)));
}

function reach(entries: string[], skip: (file: string) => boolean): Set<string> {
  const seen = new Set<string>();
  const stack = [...entries];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f) || skip(f)) continue;
    seen.add(f);
    stack.push(...requiresOf(f));
  }
  return seen;
}

export interface ProviderChunkSizes {
  /** Bytes only that provider's lazy entry brings in. */
  bytes: Record<keyof typeof LAZY, number>;
  files: Record<keyof typeof LAZY, number>;
  /** Bytes the Anthropic path (activation and every feature) can load. */
  anthropicPathBytes: number;
}

export function providerChunkSizes(dist: string): ProviderChunkSizes {
  const chunks = readdirSync(join(dist, 'chunks'));
  const entryOf = (re: RegExp) => chunks.filter((f) => re.test(f)).map((f) => join(dist, 'chunks', f));
  const lazyEntries = new Set(Object.values(LAZY).flatMap(entryOf));
  const features = readdirSync(dist)
    .filter((f) => f.endsWith('.js') && f !== 'cli.js')
    .map((f) => join(dist, f));
  const base = reach(features, (f) => lazyEntries.has(f));
  const size = (files: Iterable<string>) => [...files].reduce((sum, f) => sum + statSync(f).size, 0);
  const bytes = {} as ProviderChunkSizes['bytes'];
  const files = {} as ProviderChunkSizes['files'];
  for (const [name, re] of Object.entries(LAZY) as Array<[keyof typeof LAZY, RegExp]>) {
    const only = [...reach(entryOf(re), () => false)].filter((f) => !base.has(f));
    bytes[name] = size(only);
    files[name] = only.length;
  }
  return { bytes, files, anthropicPathBytes: size(base) };
}
