/** Where one section of a run (an expert, the synthesis, a subtask) stands; the panels show it. */
export type RunStatus = 'queued' | 'waiting' | 'streaming' | 'done' | 'failed' | 'cancelled';
