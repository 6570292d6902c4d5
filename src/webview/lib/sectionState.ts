// What a streamed section looks like after a sequence of updates; also what gets persisted.
import type { RunStatus, SectionInfo, SectionUpdate } from '../../shared/protocol';

export interface SectionState {
  id: string;
  title: string;
  status: RunStatus;
  text: string;
  elapsedMs?: number;
  outputTokens?: number;
  note?: string;
}

export function newSectionState(info: SectionInfo): SectionState {
  return { id: info.id, title: info.title, status: 'queued', text: '' };
}

/** `text` replaces, then `append` adds (the host's batcher relies on this order). */
export function applySectionUpdate(state: SectionState, update: SectionUpdate): SectionState {
  const next: SectionState = { ...state };
  if (update.text !== undefined) next.text = update.text;
  if (update.append) next.text += update.append;
  if (update.status !== undefined) next.status = update.status;
  if (update.elapsedMs !== undefined) next.elapsedMs = update.elapsedMs;
  if (update.outputTokens !== undefined) next.outputTokens = update.outputTokens;
  if (update.note !== undefined) next.note = update.note;
  return next;
}

export function isRunning(status: RunStatus): boolean {
  return status === 'waiting' || status === 'streaming';
}

export function isFinished(status: RunStatus): boolean {
  return status === 'done' || status === 'failed' || status === 'cancelled';
}

/** The note line under a section's header ("failed: reason"); the status pill already names the status. */
export function sectionNoteText(state: SectionState): string {
  if (!state.note) return '';
  if (state.status === 'failed' || state.status === 'cancelled') return `${state.status}: ${state.note}`;
  return state.note;
}
