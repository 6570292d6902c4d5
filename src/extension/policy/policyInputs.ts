// What the content policy needs from the editor for one file: files.exclude of its folder and the
// user's global git excludes. Shared by the chat and the delegation (the review reads the same).
import * as vscode from 'vscode';
import type { GlobalExcludes } from '../../policy';
import { readGlobalGitExcludes } from '../../node/globalGitExcludes';

export interface PolicyInputs {
  filesExclude: string[];
  globalExcludes?: GlobalExcludes;
}

/** files.exclude globs switched on for `uri`'s folder. */
export function filesExcludeFor(uri: vscode.Uri | undefined): string[] {
  return Object.entries(vscode.workspace.getConfiguration('files', uri).get<Record<string, boolean>>('exclude') ?? {})
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}

export async function policyInputs(uri: vscode.Uri): Promise<PolicyInputs> {
  const globalExcludes = await readGlobalGitExcludes().catch(() => undefined);
  return { filesExclude: filesExcludeFor(uri), ...(globalExcludes && { globalExcludes }) };
}
