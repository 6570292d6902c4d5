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
  /** What the expert must not report and how settled questions are judged (the built-ins carry them). */
  guidance?: ExpertGuidance;
}

/** Exclusions and precedents, rendered into the expert's instructions. */
export interface ExpertGuidance {
  /** Never findings for this expert, whatever the code. */
  exclusions: readonly string[];
  /** How recurring questions are decided, so they are not re-argued (and mis-reported) each review. */
  precedents: readonly string[];
}

/** A definition that could not be loaded; `source` says where it came from ("settings[2]", a file path). */
export interface ExpertProblem {
  source: string;
  reason: string;
}
