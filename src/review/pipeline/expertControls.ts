// Stopping one expert of a running review without touching the others. The shell keeps one of these
// per review and calls stop(id) from the panel; the pipeline hands each expert's signal to the fan-out.
export class ExpertControls {
  private readonly controllers = new Map<string, AbortController>();

  /** A fresh signal per id (earlier ones, from a previous run of the same expert, are forgotten). */
  signalsFor(ids: readonly string[]): Map<string, AbortSignal> {
    const out = new Map<string, AbortSignal>();
    for (const id of ids) {
      const controller = new AbortController();
      this.controllers.set(id, controller);
      out.set(id, controller.signal);
    }
    return out;
  }

  /** Stops one expert; false when it is not running here (unknown id or already stopped). */
  stop(id: string): boolean {
    const controller = this.controllers.get(id);
    if (!controller || controller.signal.aborted) return false;
    controller.abort();
    return true;
  }
}
