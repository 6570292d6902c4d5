// "Choose model…" (palette, and the link in the model setting's description): a quick pick of the
// models with their prices and what each is for; the pick goes into the user's settings, where the
// model setting lives (a workspace may not choose what its reviews cost). The price table's models show
// at once; the Anthropic API's own list joins them when a key can ask for it. Bedrock and Vertex have no
// models endpoint (and must not get the Anthropic key): there each name shows the id it is sent as.
import * as vscode from 'vscode';
import { createClient, listModels, providerModelId, type ModelInfo, type ProviderChoice } from '../../core';
import { readSettings } from '../config';
import { isSimulated, resolveBaseUrl } from '../connection';
import { priceTable } from '../prices';
import { providerChoiceOf, providerLabelOf } from '../providerSettings';
import type { Services } from '../services';
import { SECTION } from '../settingsSchema';
import { modelChoices } from './modelChoices';

interface ModelItem extends vscode.QuickPickItem {
  id?: string;
}

const OTHER: ModelItem = { label: '$(edit) Another model id…', alwaysShow: true };
const LIST_TIMEOUT_MS = 8000;

/** The provider's models for the current key and endpoint; none without a key (nothing is asked). */
async function providerModels(services: Services, signal: AbortSignal): Promise<ModelInfo[]> {
  const apiKey = (await services.keys.get()) ?? (isSimulated() ? 'simulated-key' : undefined);
  if (!apiKey) return [];
  try {
    const baseURL = resolveBaseUrl(readSettings());
    return await listModels(createClient(baseURL ? { apiKey, baseURL } : { apiKey }), signal);
  } catch (err) {
    services.logger.warn(`Choose model: the provider's models could not be listed: ${String(err)}`);
    return [];
  }
}

/** The cloud provider chosen, when it is not the Anthropic API (or a gateway in front of it). */
function cloudChoice(): ProviderChoice | undefined {
  try {
    const choice = providerChoiceOf(readSettings());
    return choice.name === 'anthropic' ? undefined : choice;
  } catch {
    return undefined; // a setting problem is reported when a run connects
  }
}

function items(listed: readonly ModelInfo[], cloud: ProviderChoice | undefined): ModelItem[] {
  const settings = readSettings();
  const wireId = cloud ? (id: string) => providerModelId(id, cloud, settings.modelIds) : undefined;
  return [
    ...modelChoices(listed, priceTable(settings), settings.model, wireId).map((c) => ({
      id: c.id,
      label: c.current ? `$(check) ${c.label}` : c.label,
      description: c.description,
      detail: c.detail,
    })),
    OTHER,
  ];
}

/** Resolves to the model chosen (and saved), or undefined when the user closed the picker. */
export async function chooseModel(services: Services): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<ModelItem>();
  const cloud = cloudChoice();
  const where = cloud ? ` on ${providerLabelOf(readSettings()) ?? cloud.name}` : '';
  pick.title = `Choose the Claude model for reviews, the chat and delegation${where}`;
  pick.placeholder = 'Prices per million tokens; cached code is read at a tenth of the input price';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.items = items([], cloud);
  pick.activeItems = pick.items.filter((i) => i.label.startsWith('$(check)'));
  pick.busy = !cloud;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), LIST_TIMEOUT_MS);
  const listing = cloud ? Promise.resolve([]) : providerModels(services, abort.signal);
  void listing.then((listed) => {
    clearTimeout(timer);
    pick.busy = false;
    if (!listed.length) return;
    const active = pick.activeItems[0]?.id;
    pick.items = items(listed, cloud);
    pick.activeItems = pick.items.filter((i) => i.id === active);
  });
  const chosen = await new Promise<ModelItem | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  abort.abort();
  clearTimeout(timer);
  pick.dispose();
  if (!chosen) return undefined;
  const id =
    chosen === OTHER
      ? (
          await vscode.window.showInputBox({
            title: 'Model id',
            prompt: 'Any model id your key can use, e.g. claude-sonnet-5-5 or a dated id',
            value: readSettings().model,
            validateInput: (v) => (/^[\w.:@-]+$/.test(v.trim()) ? undefined : 'A model id: letters, digits, - . : @ _'),
          })
        )?.trim()
      : chosen.id;
  if (!id) return undefined;
  await vscode.workspace.getConfiguration(SECTION).update('model', id, vscode.ConfigurationTarget.Global);
  void vscode.window.showInformationMessage(`Reviews, the chat and delegation now use ${id}.`);
  return id;
}
