// A hostile workspace on disk and the three ways its content could leave the machine: the review
// (files, folders, selections), the chat and the delegation (both send the editor's text through
// gatherFileContext). Key-shaped values are assembled at run time; the repository holds none.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gatherFileContext, type FileContext } from '../../../src/chat';
import type { GlobalExcludes } from '../../../src/policy';
import { gatherContext, NothingToReviewError, type ExcludedFile, type GatherInput } from '../../../src/review/context';
import { nodeWorkspaceFs } from '../../../src/node/nodeWorkspaceFs';

/** `n` characters cycling through `alphabet` (letters and digits mixed, like a random key). */
export function chars(n: number, alphabet = 'a7Kq2Xm9Rt4Bw'): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[(i * 7 + 3) % alphabet.length];
  return out;
}

/** One value per kind of token that used to go out unnoticed, each in a line of ordinary code. */
export const leakedTokens: Record<string, string> = {
  npm: `const t = "${'npm'}_${chars(36)}";`,
  gitlab: `GITLAB_TOKEN: ${'glpat'}-${chars(20)}`,
  huggingface: `token = "${'hf'}_${chars(34, 'qWeRtYuIoPaSdFgHjKlZxCvBnM')}"`,
  slackApp: `SLACK_APP_TOKEN=${'xapp'}-1-A${chars(10, 'ABCDEFGH12')}-${'1234567890123'}-${chars(64, '0123456789abcdef')}`,
  slackWebhook: `url: "https://${'hooks'}.slack.com/services/T${chars(8, 'ABCD1234')}/B${chars(8, 'EFGH5678')}/${chars(24)}"`,
  sendgrid: `SENDGRID = "${'SG'}.${chars(22)}.${chars(43)}"`,
  pypi: `password = ${'pypi'}-AgEIcHlwaS5vcmc${chars(60)}`,
  stripeWebhook: `const endpointSecret = "${'whsec'}_${chars(32)}";`,
  awsSecretWithoutId: `aws_secret_access_key = ${chars(40, 'aB3/xY7+kL9m')}`,
  postgresPassword: `DATABASE_URL=postgres://admin:${'Tr0ub4dor'}@db.internal:5432/app`,
  redisPassword: `REDIS_URL=redis://:${'s3cretPw'}@cache:6379/0`,
  jwtUnderOrdinaryName: `const fixture = "${'eyJ'}${chars(20)}.${'eyJ'}${chars(30)}.${chars(43)}";`,
};

/** A PEM private key: the marker line and a body that is valid base64. */
export function privateKeyBlock(): { text: string; body: string } {
  const body = [
    chars(64, 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'),
    chars(64, 'BKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj'),
    chars(40, 'MzEfYyjiWA4R4'),
  ].join('\n');
  const kind = 'RSA PRIVATE';
  return { text: `-----BEGIN ${kind} KEY-----\n${body}\n-----END ${kind} KEY-----\n`, body };
}

export interface Workspace {
  /** Real path of the workspace folder. */
  root: string;
  /** Real path of a sibling folder outside the workspace (a stand-in for /etc or the home folder). */
  outside: string;
  write(rel: string, text: string): void;
  writeOutside(rel: string, text: string): void;
  /** A symbolic link at `rel` in the workspace pointing at `target` (absolute). */
  link(rel: string, target: string): void;
  remove(): void;
}

export function makeWorkspace(): Workspace {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'hostile-')));
  const root = join(base, 'workspace');
  const outside = join(base, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
  const put = (abs: string, text: string) => {
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  };
  return {
    root,
    outside,
    write: (rel, text) => put(join(root, rel), text),
    writeOutside: (rel, text) => put(join(outside, rel), text),
    link: (rel, target) => {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      symlinkSync(target, join(root, rel));
    },
    remove: () => rmSync(base, { recursive: true, force: true }),
  };
}

export interface Sent {
  /** Everything that would be sent to the model. */
  text: string;
  excluded: ExcludedFile[];
}

/** The review of files or folders: what goes out, and what was left out. */
export async function reviewPaths(root: string, paths: string[], extra: Partial<GatherInput> = {}): Promise<Sent> {
  try {
    const ctx = await gatherContext({
      fs: nodeWorkspaceFs,
      workspaceRoot: root,
      target: { kind: 'paths', paths },
      budgetTokens: 200_000,
      ...extra,
    });
    return { text: ctx.systemText, excluded: ctx.excluded };
  } catch (err) {
    if (err instanceof NothingToReviewError) return { text: '', excluded: err.excluded };
    throw err;
  }
}

/** The review of a selection (the whole text of `rel`). */
export async function reviewSelection(
  root: string,
  rel: string,
  text: string,
  extra: Partial<GatherInput> = {},
): Promise<Sent> {
  const target = {
    kind: 'selection' as const,
    path: join(root, rel),
    startLine: 1,
    endLine: text.split('\n').length,
    text,
  };
  try {
    const ctx = await gatherContext({
      fs: nodeWorkspaceFs,
      workspaceRoot: root,
      target,
      budgetTokens: 200_000,
      ...extra,
    });
    return { text: ctx.systemText, excluded: ctx.excluded };
  } catch (err) {
    if (err instanceof NothingToReviewError) return { text: '', excluded: err.excluded };
    throw err;
  }
}

/** The chat's (and the delegation's) file context for the editor's text of `rel`. */
export function chatAbout(
  root: string,
  rel: string,
  text: string,
  extra: { exclude?: string[]; filesExclude?: string[]; globalExcludes?: GlobalExcludes } = {},
): Promise<FileContext> {
  return gatherFileContext({
    fs: nodeWorkspaceFs,
    path: rel,
    filePath: join(root, rel),
    text,
    workspaceRoot: root,
    budgetTokens: 200_000,
    ...extra,
  });
}

/** What the chat would send for a file context: its listing, or nothing. */
export const chatText = (file: FileContext): string => (file.included ? file.systemText : '');
