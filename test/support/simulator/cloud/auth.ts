// What each cloud requires of a request's credentials, checked as the services do in outline: Vertex
// takes a Google OAuth bearer token; Bedrock a SigV4 signature (any signature is accepted, but its
// headers must be there) or a Bedrock API key as a bearer token.
import type { IncomingMessage } from 'node:http';
import type { CloudRoute } from './routes';

export interface CloudAuthOptions {
  /** When set, Vertex requests must carry `Authorization: Bearer <vertexToken>`. */
  vertexToken?: string;
  /** When set, a Bedrock bearer token (AWS_BEARER_TOKEN_BEDROCK) must equal it; SigV4 is always accepted. */
  bedrockBearerToken?: string;
  /** Accept requests with no credentials at all (a gateway in front adds them): CLAUDE_CODE_SKIP_*_AUTH. */
  allowAnonymous?: boolean;
}

export type CloudAuth = 'bearer' | 'sigv4' | 'none';

export function checkCloudAuth(
  route: CloudRoute,
  req: IncomingMessage,
  opts: CloudAuthOptions,
): { ok: true; auth: CloudAuth } | { ok: false; status: number; message: string } {
  const authorization = req.headers['authorization'] ?? '';
  const bearer = /^Bearer\s+(.+)$/i.exec(authorization)?.[1];
  if (!authorization)
    return opts.allowAnonymous
      ? { ok: true, auth: 'none' }
      : { ok: false, status: route.provider === 'vertex' ? 401 : 403, message: 'Missing Authentication Token' };
  if (route.provider === 'vertex') {
    if (!bearer) return { ok: false, status: 401, message: 'Request had invalid authentication credentials.' };
    if (opts.vertexToken !== undefined && bearer !== opts.vertexToken)
      return { ok: false, status: 401, message: 'Request had invalid authentication credentials.' };
    return { ok: true, auth: 'bearer' };
  }
  if (bearer) {
    if (opts.bedrockBearerToken !== undefined && bearer !== opts.bedrockBearerToken)
      return { ok: false, status: 403, message: 'The security token included in the request is invalid.' };
    return { ok: true, auth: 'bearer' };
  }
  const sig =
    /^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/([^/]+)\/bedrock\/aws4_request, SignedHeaders=([^,]+), Signature=[0-9a-f]{64}$/.exec(
      authorization,
    );
  const signed = sig?.[2]?.split(';') ?? [];
  if (!sig || !req.headers['x-amz-date'] || !signed.includes('host') || !signed.includes('x-amz-date'))
    return {
      ok: false,
      status: 403,
      message: 'The request signature we calculated does not match the signature you provided.',
    };
  return { ok: true, auth: 'sigv4' };
}
