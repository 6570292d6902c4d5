// Meets users in the editor's own chat: the `@experts` participant, our reviewers as
// language-model tools and our Claude models in the model picker, all final APIs (VS Code 1.104).
// Cheap at activation: each registration is a shell that loads editorChatFeature.ts on first use.
import * as vscode from 'vscode';
import { isSimulated } from '../simulated';
import type { ReviewController } from '../review/reviewController';
import type { Services } from '../services';
import type { EditorChatFeature } from './editorChatFeature';
import { expertsFollowups } from './followups';
import { ModelListCache } from './modelListCache';
import { EXPERT_TOOL, REVIEW_TOOL, type ReviewToolInput } from './toolNames';

export const PARTICIPANT_ID = 'claudeMultiAgent.experts';
/** Our vendor in contributes.languageModelChatProviders. */
export const MODEL_VENDOR = 'claude-multi-agent';
/** Invokes a review tool through vscode.lm.invokeTool, as agent mode would (for tests and scripts). */
export const INVOKE_TOOL_COMMAND = 'claudeMultiAgent.invokeReviewTool';

export function registerEditorChat(services: Services, review: () => Promise<ReviewController>): vscode.Disposable {
  const cache = new ModelListCache(services.context.globalState);
  // The models depend on the key and the endpoint: the picker asks again when either changes.
  const modelsChanged = new vscode.EventEmitter<void>();
  let servedFromCache = false;
  let loading: Promise<EditorChatFeature> | undefined;
  const load = (): Promise<EditorChatFeature> =>
    (loading ??= import('./editorChatFeature').then(({ EditorChatFeature }) => {
      const feature = new EditorChatFeature(services, review);
      // The picker was given the remembered list: now that the SDK is loaded anyway, check it.
      if (servedFromCache) void refreshModels(feature);
      return feature;
    }));
  const refreshModels = async (feature: EditorChatFeature): Promise<void> => {
    const cts = new vscode.CancellationTokenSource();
    try {
      const models = await feature.models.models(true, cts.token);
      if (models.length && (await cache.set(models))) modelsChanged.fire();
    } catch (err) {
      services.logger.warn(`Model picker: the remembered models could not be refreshed: ${String(err)}`);
    } finally {
      cts.dispose();
    }
  };
  const listModels = async (
    silent: boolean,
    token: vscode.CancellationToken,
  ): Promise<vscode.LanguageModelChatInformation[]> => {
    if (silent) {
      const cached = cache.get();
      if (cached) {
        servedFromCache = true;
        return cached;
      }
      // With no key there is nothing to list, so the SDK stays unloaded.
      if (!isSimulated() && !(await services.keys.get())) return [];
    }
    const models = await (await load()).models.models(silent, token);
    if (models.length) await cache.set(models);
    return models;
  };
  const keyOrEndpointChanged = () => void cache.clear().then(() => modelsChanged.fire());

  const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, async (request, context, stream, token) =>
    (await load()).participant.handle(request, context, stream, token),
  );
  participant.iconPath = vscode.Uri.joinPath(services.context.extensionUri, 'media', 'icon.svg');
  participant.followupProvider = { provideFollowups: (result) => expertsFollowups(result) };

  const tool = (name: string): vscode.LanguageModelTool<ReviewToolInput> => ({
    prepareInvocation: async (options) => (await load()).tools.prepare(name, options.input),
    invoke: async (options, token) => (await load()).tools.invoke(name, options.input, token),
  });

  const disposables: vscode.Disposable[] = [
    modelsChanged,
    services.context.secrets.onDidChange(keyOrEndpointChanged),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('claudeMultiAgent.baseUrl')) keyOrEndpointChanged();
    }),
    participant,
    vscode.lm.registerTool(REVIEW_TOOL, tool(REVIEW_TOOL)),
    vscode.lm.registerTool(EXPERT_TOOL, tool(EXPERT_TOOL)),
    vscode.lm.registerLanguageModelChatProvider(MODEL_VENDOR, {
      onDidChangeLanguageModelChatInformation: modelsChanged.event,
      // Asked at startup too (see below), answered from the remembered list when there is one.
      provideLanguageModelChatInformation: (options, token) => listModels(options.silent, token),
      provideLanguageModelChatResponse: async (model, messages, options, progress, token) =>
        (await load()).models.respond(model, messages, options, progress, token),
      provideTokenCount: async (_model, text) => (await load()).models.tokenCount(text),
    }),
    vscode.commands.registerCommand(INVOKE_TOOL_COMMAND, async (name?: unknown, input?: unknown) => {
      const result = await vscode.lm.invokeTool(typeof name === 'string' ? name : REVIEW_TOOL, {
        input: (input ?? {}) as object,
        toolInvocationToken: undefined,
      });
      return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
    }),
  ];
  // The chat needs a selected model before it runs any participant ("Language model unavailable"),
  // and a provider's models load only when asked: asking now (activation is onStartupFinished for
  // this, since without a Copilot sign-in nothing else asks) puts ours in the picker from the start.
  void Promise.resolve(vscode.lm.selectChatModels({ vendor: MODEL_VENDOR })).catch((err: unknown) =>
    services.logger.warn(`Model picker: ${String(err)}`),
  );

  return new vscode.Disposable(() => {
    for (const d of disposables) d.dispose();
  });
}
