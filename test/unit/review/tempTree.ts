// Real files in a temporary folder, for tests that go through node:fs.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempTree {
  root: string;
  remove(): void;
}

/** Creates `files` (relative path → text or bytes) under a fresh temp folder. */
export function makeTree(files: Record<string, string | Uint8Array>): TempTree {
  const root = mkdtempSync(join(tmpdir(), 'review-ctx-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Secret-shaped test values, assembled at run time so the repository holds none. */
export const fakeSecrets = {
  anthropic: ['sk', 'ant', 'api03', 'Zq7xK2mN9pL4vB8wR1tY6uE3oI5aS0dF'].join('-'),
  privateKeyHeader: `-----BEGIN ${'RSA PRIVATE'} KEY-----`,
  privateKeyBody: 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  aws: `AKIA${'IOSFODNN7EXAMPLQ'}`,
  github: `ghp_${'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'}`,
  openai: `sk-${'proj'}${'9fK2LmQ8xR4tV7wY1zA3bC6dE0gH5jN8pS2uW4'}`,
};
