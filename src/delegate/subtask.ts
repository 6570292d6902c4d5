// One part of a delegated task: what the planner produces and every prompt works from. Its own file
// so that planning and prompts both use it without importing each other.
export interface Subtask {
  /** Stable within a run: 'subtask-1', 'subtask-2' … (also the panel's section id). */
  id: string;
  title: string;
  instructions: string;
}
