export type EditorChoice =
  { kind: 'desktop'; code: string } | { kind: 'code-server' } | { kind: 'unsupported'; reason: string };
export function findOnPath(
  name: string,
  opts?: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform },
): string | undefined;
export function chooseEditor(opts?: {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  arch?: string;
  prefer?: 'desktop' | 'code-server';
}): EditorChoice;
