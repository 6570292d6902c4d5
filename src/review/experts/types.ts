export type ExpertSource = 'builtin' | 'settings' | { file: string };

export interface ExpertDefinition {
  /** Unique, stable id (a slug of the name); remembered selections store these. */
  id: string;
  name: string;
  description?: string;
  /** The persona's instructions, sent in the per-expert user message. */
  instructions: string;
  /** A model id or a Claude Code alias (sonnet/opus/haiku); undefined = the configured model. */
  model?: string;
  source: ExpertSource;
}

/** A definition that could not be loaded; `source` says where it came from ("settings[2]", a file path). */
export interface ExpertProblem {
  source: string;
  reason: string;
}
