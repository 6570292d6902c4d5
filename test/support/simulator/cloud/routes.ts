// The URL shapes of Claude on Google Vertex AI and Amazon Bedrock, as the official SDKs send them:
//   Vertex  POST /v1/projects/{project}/locations/{region}/publishers/anthropic/models/{model}:rawPredict
//           (streamRawPredict for streams; count-tokens:rawPredict counts, with the model in the body)
//   Bedrock POST /model/{id}/invoke and /model/{id}/invoke-with-response-stream
// Both carry `anthropic_version` in the body instead of a header, and no `model` or `stream` field.

export type CloudRoute =
  | { provider: 'vertex'; kind: 'messages'; project: string; region: string; model: string; stream: boolean }
  | { provider: 'vertex'; kind: 'countTokens'; project: string; region: string }
  | { provider: 'bedrock'; kind: 'messages'; model: string; stream: boolean };

const VERTEX =
  /^(?:\/v1)?\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/anthropic\/models\/([^/:]+):(rawPredict|streamRawPredict)$/;
const BEDROCK = /^\/model\/([^/]+)\/(invoke|invoke-with-response-stream)$/;

/** The cloud route a POST path names, or undefined for the Anthropic API's own paths. */
export function cloudRoute(method: string | undefined, rawPath: string): CloudRoute | undefined {
  if (method !== 'POST') return undefined;
  const path = rawPath.replace(/\/+$/, '');
  const v = VERTEX.exec(path);
  if (v) {
    const [, project, region, model, verb] = v.map((s) => (s === undefined ? s : decodeURIComponent(s)));
    if (model === 'count-tokens')
      return verb === 'rawPredict'
        ? { provider: 'vertex', kind: 'countTokens', project: project!, region: region! }
        : undefined;
    return {
      provider: 'vertex',
      kind: 'messages',
      project: project!,
      region: region!,
      model: model!,
      stream: verb === 'streamRawPredict',
    };
  }
  const b = BEDROCK.exec(path);
  if (b) return { provider: 'bedrock', kind: 'messages', model: decodeURIComponent(b[1]!), stream: b[2] !== 'invoke' };
  return undefined;
}

/** The Anthropic model a provider id names (for the known-models check and the cache minimum). */
export function anthropicModelOf(id: string): string {
  return id
    .replace(/^(?:[a-z-]+\.)?anthropic\./, '')
    .replace(/-v\d+(?::\d+)?$/, '')
    .replace(/@.*$/, '')
    .replace(/-\d{8}$/, '');
}
