// The delegation panel: one section per subtask, then the integration step, then the cost.
import { INTEGRATION_SECTION, type DelegateHostMessage, type DelegateWebviewMessage } from '../../shared/protocol';
import { el } from '../lib/dom';
import { createMarkdownRenderer } from '../lib/markdown';
import { resolveEnvironment, type PanelEnvironment } from '../lib/panelEnvironment';
import { SectionedRun } from '../lib/sectionedRun';
import { newSectionState } from '../lib/sectionState';
import { DelegateHeader } from './delegateHeader';
import { isDelegateState, type DelegateState } from './delegateState';

export interface DelegatePanel {
  handle(message: DelegateHostMessage): void;
  dispose(): void;
}

export function mountDelegate(root: HTMLElement, environment: PanelEnvironment<DelegateWebviewMessage, DelegateState>): DelegatePanel {
  const env = resolveEnvironment(environment);
  const { doc, api } = env;
  const post = (message: DelegateWebviewMessage) => api.postMessage(message);

  const header = new DelegateHeader(doc, post);
  const subtasks = el(doc, 'div', { className: 'sections', testId: 'sections', attrs: { 'aria-label': 'Subtasks' } });
  const integration = el(doc, 'div', { className: 'sections integration', testId: 'integration' });
  const run = new SectionedRun<DelegateState>({
    env,
    root,
    renderer: createMarkdownRenderer(env.win),
    containerFor: (id) => (id === INTEGRATION_SECTION ? integration : subtasks),
    fallbackTitle: (id) => (id === INTEGRATION_SECTION ? 'Integration' : id),
    showOutcome: (outcome) => header.showOutcome(outcome),
  });
  root.replaceChildren(header.element, subtasks, integration, run.cost, run.live.element);

  function show(next: DelegateState): void {
    header.show(next.task, next.simulated);
    run.show(next);
  }

  function handle(message: DelegateHostMessage): void {
    switch (message.type) {
      case 'delegate/init':
        show({ version: 1, task: message.task, simulated: message.simulated, sections: message.sections.map(newSectionState) });
        run.saveNow();
        return;
      case 'delegate/update':
        return run.update(message.updates);
      case 'delegate/cost':
        return run.setCost(message.cost);
      case 'delegate/done':
        return run.finish(message.status, message.message);
    }
  }

  const saved = api.getState();
  if (isDelegateState(saved)) show(saved);

  return { handle, dispose: () => run.dispose() };
}
