// Whether a proposed edit may be written, decided when the change set is shown and again when a file
// is accepted: an edit the policy refuses to write (version-control metadata, a symbolic link out of the
// workspace that appeared since the proposal) is left out with why, and an edit to configuration that
// runs code later is labelled so, with a warning to read it before accepting. Pure: no `vscode` import.
import { executableConfigReason, type ContentPolicy } from '../policy';
import type { ChangeSetEdit } from './changeSet';

export type PreviewEntry =
  | { kind: 'refused'; message: string }
  | {
      kind: 'edit';
      /** Groups the entry in the preview: the subtask, or the executable-configuration group. */
      label: string;
      description: string;
      /** Set when the file is code that runs later (a hook, a CI workflow, .vscode/tasks.json …). */
      executable?: string;
    };

/** The label under which edits to executable configuration are grouped, apart from ordinary ones. */
export const EXECUTABLE_LABEL_PREFIX = '⚠ Executable configuration';

export async function previewEntry(policy: ContentPolicy, edit: ChangeSetEdit): Promise<PreviewEntry> {
  const { proposal, label } = edit;
  const refused = await policy.writeExclusion(proposal.path);
  if (refused) return { kind: 'refused', message: `${proposal.path} was not written: ${refused.detail}.` };
  const executable = executableConfigReason(proposal.path);
  if (!executable) return { kind: 'edit', label, description: proposal.reason };
  return {
    kind: 'edit',
    label: `${EXECUTABLE_LABEL_PREFIX} (${label})`,
    description: `Warning — runs code later: ${executable}. Read this edit in full before ticking it. Agent's reason: ${proposal.reason}`,
    executable,
  };
}
