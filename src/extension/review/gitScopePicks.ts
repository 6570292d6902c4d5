// The editor's git scopes: staged changes, a branch against a base (picked from the repository's
// branches, remembered per workspace) and a commit or range (picked from recent history, typed, or
// handed over by the timeline). Each resolves to a diff target the one review pipeline runs; git is
// never run in an untrusted workspace, and always through the safe runner.
import * as vscode from 'vscode';
import { defaultBase, listBranches, recentCommits } from '../../node/gitRefs';
import { resolveScope, type GitScope } from '../../node/gitScopes';
import { commitFromMenuArgs, rootUriFromMenuArgs } from '../git/menuArgs';
import { workspaceGit } from '../git/workspaceGit';
import type { ResolvedTarget } from './reviewTargets';

export type ScopeKind = 'uncommitted' | 'staged' | 'base' | 'commit';

const BASE_KEY = 'claudeMultiAgent.review.branchBase';

const WHAT: Record<ScopeKind, string> = {
  uncommitted: 'uncommitted changes',
  staged: 'staged changes',
  base: 'a branch',
  commit: 'a commit',
};

const EMPTY: Record<ScopeKind, (title: string) => string> = {
  uncommitted: () => 'There are no uncommitted changes to review.',
  staged: () => 'There are no staged changes to review.',
  base: (title) => `Nothing to review: ${title} has no changes since the merge-base.`,
  commit: (title) => `Nothing to review: ${title} changes no file.`,
};

function untrustedGitMessage(kind: ScopeKind): string {
  return `Reviewing ${WHAT[kind]} runs git, and a repository can make git run programs of its choosing: trust this workspace first (Manage Workspace Trust).`;
}

/** The folder git runs in: the Source Control's root, the timeline file's folder, else the first workspace folder. */
function gitRoot(args: readonly unknown[]): vscode.Uri | undefined {
  const scmRoot = rootUriFromMenuArgs(args);
  if (scmRoot instanceof vscode.Uri) return scmRoot;
  const uri = args.find((a): a is vscode.Uri => a instanceof vscode.Uri);
  const folder = uri && vscode.workspace.getWorkspaceFolder(uri);
  return folder?.uri ?? vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri;
}

/**
 * Asks what to review where a scope needs it, runs git, and returns the target; undefined (after
 * saying why) when the workspace is untrusted, the user cancelled, or there is nothing to review.
 */
export async function resolveGitScope(
  kind: ScopeKind,
  args: readonly unknown[],
  workspaceState: vscode.Memento,
): Promise<ResolvedTarget | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(untrustedGitMessage(kind));
    return undefined;
  }
  const root = gitRoot(args);
  if (!root || root.scheme !== 'file') {
    void vscode.window.showWarningMessage(`Open a folder under git to review ${WHAT[kind]}.`);
    return undefined;
  }
  try {
    const git = workspaceGit();
    const scope = await chooseScope(kind, args, root.fsPath, workspaceState);
    if (!scope) return undefined;
    // A branch review asks what the change is for (optional); Escape cancels the review.
    const stated = scope.kind === 'base' ? await askChangePurpose(scope.base) : '';
    if (stated === undefined) return undefined;
    const { diffText, title, describes, rulesAt, intent: messages } = await resolveScope(root.fsPath, scope, git);
    if (!diffText.trim()) {
      void vscode.window.showInformationMessage(EMPTY[kind](title));
      return undefined;
    }
    // Branch and commit scopes carry their commit messages: the author's intent, for every expert, after
    // what the user typed (the pipeline bounds, redacts and escapes it).
    const intent = [stated && `What this change is for: ${stated}`, messages].filter(Boolean).join('\n\n');
    return { root, target: { kind: 'diff', diffText, describes, ...(intent && { intent }) }, title, rulesAt };
  } catch (err) {
    void vscode.window.showWarningMessage((err as Error).message);
    return undefined;
  }
}

async function chooseScope(
  kind: ScopeKind,
  args: readonly unknown[],
  root: string,
  workspaceState: vscode.Memento,
): Promise<GitScope | undefined> {
  switch (kind) {
    case 'uncommitted':
    case 'staged':
      return { kind };
    case 'base': {
      const base = await pickBase(root, workspaceState);
      return base ? { kind: 'base', base } : undefined;
    }
    case 'commit': {
      const rev = commitFromMenuArgs(args) ?? (await pickCommit(root));
      return rev ? { kind: 'commit', rev } : undefined;
    }
  }
}

/** The user's own words on the change, '' when left empty, undefined when the box was dismissed. */
async function askChangePurpose(base: string): Promise<string | undefined> {
  const text = await vscode.window.showInputBox({
    title: `What is this change for? (compared with ${base})`,
    prompt:
      'Optional: the experts judge the change against it and do not report intended behaviour as a bug. Enter to go on; Escape cancels the review.',
    placeHolder: 'e.g. Totals now include tax; the old rounding was wrong on purpose',
    ignoreFocusOut: true,
  });
  return text?.trim();
}

type RefItem = vscode.QuickPickItem & { ref?: string };

/** Local and remote branches, the suggested base first; the choice is remembered for this workspace. */
async function pickBase(root: string, workspaceState: vscode.Memento): Promise<string | undefined> {
  const branches = await listBranches(root, workspaceGit());
  const suggested = defaultBase(branches, workspaceState.get<string>(BASE_KEY));
  const others = (names: string[]) =>
    names
      .filter((n) => n !== suggested && n !== branches.current)
      .map((n): RefItem => ({ label: n, ref: n, ...(n === branches.upstream && { description: 'upstream' }) }));
  const items: RefItem[] = [
    ...(suggested
      ? [
          {
            label: suggested,
            ref: suggested,
            description: suggested === branches.upstream ? 'upstream · suggested' : 'suggested',
          },
        ]
      : []),
    { label: 'Local branches', kind: vscode.QuickPickItemKind.Separator },
    ...others(branches.local),
    { label: 'Remote branches', kind: vscode.QuickPickItemKind.Separator },
    ...others(branches.remote),
  ];
  if (!items.some((i) => i.ref)) throw new Error('There is no other branch to compare with.');
  const pick = await vscode.window.showQuickPick(items, {
    title: `Review ${branches.current ?? 'HEAD'} against…`,
    placeHolder: 'The base branch: the review covers the changes since the merge-base',
    matchOnDescription: true,
    // One step of several (base, then purpose): a walkthrough or panel taking the focus must not cancel it.
    ignoreFocusOut: true,
  });
  if (!pick?.ref) return undefined;
  await workspaceState.update(BASE_KEY, pick.ref);
  return pick.ref;
}

/** Recent commits to pick from, or a typed revision or range (`main..feature`, `abc123`). */
async function pickCommit(root: string): Promise<string | undefined> {
  const commits = await recentCommits(root, workspaceGit(), 50);
  const quickPick = vscode.window.createQuickPick<RefItem>();
  quickPick.title = 'Review a commit or range';
  quickPick.placeholder = 'Pick a commit, or type a revision or a range such as main..HEAD';
  quickPick.matchOnDescription = true;
  quickPick.ignoreFocusOut = true;
  const listed: RefItem[] = commits.map((c) => ({
    label: c.subject || c.sha.slice(0, 7),
    description: `${c.sha.slice(0, 7)} · ${c.author} · ${c.when}`,
    ref: c.sha,
  }));
  quickPick.items = listed;
  quickPick.onDidChangeValue((value) => {
    const typed = value.trim();
    quickPick.items =
      typed && /\.\.|^[\w./~^@-]+$/.test(typed)
        ? [
            {
              label: typed,
              description: typed.includes('..') ? 'review this range' : 'review this revision',
              alwaysShow: true,
              ref: typed,
            },
            ...listed,
          ]
        : listed;
  });
  return new Promise<string | undefined>((resolve) => {
    quickPick.onDidAccept(() => {
      resolve(quickPick.selectedItems[0]?.ref);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      resolve(undefined);
      quickPick.dispose();
    });
    quickPick.show();
  });
}
