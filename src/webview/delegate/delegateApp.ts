// The delegation panel: one section per subtask, then the integration step, then the cost.
import { INTEGRATION_SECTION, type DelegateHostMessage, type DelegateWebviewMessage } from '../../shared/protocol';
import { installContentActions } from '../lib/contentActions';
import { createCostLine, renderCost } from '../lib/costLine';
import { el } from '../lib/dom';
import { createLiveRegion } from '../lib/liveRegion';
import { createMarkdownRenderer } from '../lib/markdown';
import { resolveEnvironment, type PanelEnvironment } from '../lib/panelEnvironment';
import { createStateSaver } from '../lib/persist';
import { SectionList } from '../lib/sectionList';
import { newSectionState, sectionNoteText } from '../lib/sectionState';
import { createTicker } from '../lib/ticker';
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
  const renderer = createMarkdownRenderer(env.win);
  const live = createLiveRegion(doc);

  const header = new DelegateHeader(doc, post);
  const subtasks = el(doc, 'div', { className: 'sections', testId: 'sections', attrs: { 'aria-label': 'Subtasks' } });
  const integration = el(doc, 'div', { className: 'sections integration', testId: 'integration' });
  const cost = createCostLine(doc);
  root.replaceChildren(header.element, subtasks, integration, cost, live.element);

  let state: DelegateState | undefined;
  const sections = new SectionList({
    ...env,
    renderer,
    containerFor: (id) => (id === INTEGRATION_SECTION ? integration : subtasks),
    fallbackTitle: (id) => (id === INTEGRATION_SECTION ? 'Integration' : id),
    onStatusChange: (section) => live.announce(`${section.title}: ${sectionNoteText(section) || section.status}`),
  });
  const ticker = createTicker(env.win, () => sections.tick());
  const saver = createStateSaver(env.win, () => {
    if (state) api.setState({ ...state, sections: sections.snapshot() });
  });
  const removeContentActions = installContentActions(root, {
    openLink: (href) => post({ type: 'openLink', href }),
    copyText: (text) => post({ type: 'copyText', text }),
  });

  function show(next: DelegateState): void {
    state = next;
    header.show(next.task, next.simulated);
    sections.reset(next.sections);
    if (next.cost) renderCost(cost, next.cost);
    else cost.hidden = true;
    if (next.done) header.showOutcome(next.done);
    ticker.setActive(!next.done && sections.anyRunning);
  }

  function handle(message: DelegateHostMessage): void {
    switch (message.type) {
      case 'delegate/init':
        show({ version: 1, task: message.task, simulated: message.simulated, sections: message.sections.map(newSectionState) });
        saver.saveNow();
        return;
      case 'delegate/update':
        if (!state) return;
        for (const update of message.updates) sections.apply(update);
        ticker.setActive(!state.done && sections.anyRunning);
        saver.schedule();
        return;
      case 'delegate/cost':
        if (!state) return;
        state.cost = message.cost;
        renderCost(cost, message.cost);
        saver.schedule();
        return;
      case 'delegate/done':
        if (!state) return;
        state.done = { status: message.status, ...(message.message !== undefined ? { message: message.message } : {}) };
        live.announce(header.showOutcome(state.done));
        ticker.setActive(false);
        saver.saveNow();
        return;
    }
  }

  const saved = api.getState();
  if (isDelegateState(saved)) show(saved);

  return {
    handle,
    dispose() {
      ticker.dispose();
      saver.dispose();
      removeContentActions();
    },
  };
}
