// The delegation panel: one section per subtask, then the integration step, then the cost.
import { INTEGRATION_SECTION, type DelegateHostMessage, type DelegateWebviewMessage } from '../../shared/protocol';
import { el } from '../lib/dom';
import { createMarkdownRenderer } from '../lib/markdown';
import { resolveEnvironment, type PanelEnvironment } from '../lib/panelEnvironment';
import { SectionedRun } from '../lib/sectionedRun';
import { newSectionState } from '../lib/sectionState';
import { AgentLogs } from './agentLogs';
import { DelegateHeader } from './delegateHeader';
import { isDelegateState, type DelegateState } from './delegateState';

export interface DelegatePanel {
  handle(message: DelegateHostMessage): void;
  dispose(): void;
}

export function mountDelegate(
  root: HTMLElement,
  environment: PanelEnvironment<DelegateWebviewMessage, DelegateState>,
): DelegatePanel {
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
  const agentLogs = new AgentLogs(doc, post);
  root.replaceChildren(
    header.element,
    agentLogs.changes,
    agentLogs.element,
    subtasks,
    integration,
    run.cost,
    run.live.element,
  );
  const titleOf = (id: string): string => run.state?.sections.find((s) => s.id === id)?.title ?? id;

  function show(next: DelegateState): void {
    header.show(next.task, next.simulated);
    run.show(next);
    agentLogs.reset();
    for (const [id, agent] of Object.entries(next.agents ?? {})) agentLogs.show(id, titleOf(id), agent);
    if (next.changes) agentLogs.showChanges(next.changes.summary, next.changes.canReview);
  }

  function handle(message: DelegateHostMessage): void {
    switch (message.type) {
      case 'delegate/init':
        show({
          version: 1,
          task: message.task,
          simulated: message.simulated,
          sections: message.sections.map(newSectionState),
        });
        run.saveNow();
        return;
      case 'delegate/update':
        return run.update(message.updates);
      case 'delegate/cost':
        return run.setCost(message.cost);
      case 'delegate/done':
        return run.finish(message.status, message.message);
      case 'delegate/agent':
        if (!run.state) return;
        run.state.agents = { ...run.state.agents, [message.id]: message.agent };
        agentLogs.show(message.id, titleOf(message.id), message.agent);
        return run.saveSoon();
      case 'delegate/changes':
        if (!run.state) return;
        run.state.changes = { summary: message.summary, canReview: message.canReview };
        agentLogs.showChanges(message.summary, message.canReview);
        return run.saveSoon();
    }
  }

  const saved = api.getState();
  if (isDelegateState(saved)) show(saved);

  return { handle, dispose: () => run.dispose() };
}
