// The choices of "Code context for the agents", in order (the first is the default). Agents that read
// the workspace need nothing pinned: that is the default, and pinning the open file or the selection is
// offered as an extra. A selection is never the default: it is often a leftover (a word found, a line
// clicked) rather than a choice. Pure, so the order and the words are tested without an editor.

export type ContextScope = 'selection' | 'file' | 'none';

export interface ContextItem {
  scope: ContextScope;
  label: string;
  description: string;
  detail?: string;
}

export interface ContextSituation {
  /** Workspace-relative name of the open file. */
  fileLabel: string;
  /** The editor's selection as the user sees it (1-based lines), when not empty. */
  selection?: { startLine: number; endLine: number };
  /** The agents can read the workspace (a trusted folder on disk): pinned code is then optional. */
  agentsReadWorkspace: boolean;
}

export const WORKSPACE_LABEL = '$(folder-opened) The workspace';

export function contextItems(situation: ContextSituation): ContextItem[] {
  const { fileLabel, selection, agentsReadWorkspace } = situation;
  const pinned = agentsReadWorkspace ? 'Sent with the task; the agents can still open other files' : undefined;
  const file: ContextItem = {
    scope: 'file',
    label: '$(file) Include the whole file',
    description: fileLabel,
    ...(pinned && { detail: pinned }),
  };
  const selected: ContextItem[] = selection
    ? [
        {
          scope: 'selection',
          label: '$(selection) Include the selection',
          description: `${fileLabel}:${selection.startLine}${selection.endLine > selection.startLine ? `-${selection.endLine}` : ''}`,
          ...(pinned && { detail: pinned }),
        },
      ]
    : [];
  if (agentsReadWorkspace)
    return [
      {
        scope: 'none',
        label: WORKSPACE_LABEL,
        description: 'The agents open the files they need',
        detail: 'Nothing pinned: each agent reads and searches the workspace (secret and ignored files stay out)',
      },
      file,
      ...selected,
    ];
  return [
    file,
    ...selected,
    {
      scope: 'none',
      label: '$(circle-slash) No code context',
      description: 'The agents see only the task',
      detail: 'They cannot read this workspace (it is not trusted, or not a folder on disk)',
    },
  ];
}
