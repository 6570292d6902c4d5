// The Google Compute Engine metadata server, as far as Application Default Credentials use it: with
// GCE_METADATA_HOST pointing here, google-auth-library finds "a GCE instance" and takes its access
// token from here, so a test (or the editor under test) runs the real ADC code path offline.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const GCE_METADATA_PREFIX = '/computeMetadata/v1';

export interface GceMetadataOptions {
  /** The access token handed out (and then required by the Vertex routes when `vertexToken` is set). */
  token: string;
  projectId: string;
}

/** Answers GET /computeMetadata/v1/…; returns false for other paths. */
export function handleGceMetadata(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  opts: GceMetadataOptions,
): boolean {
  if (req.method !== 'GET' || !path.startsWith(GCE_METADATA_PREFIX)) return false;
  req.resume();
  const send = (status: number, body: string, type = 'application/json') => {
    res.writeHead(status, { 'content-type': type, 'metadata-flavor': 'Google' });
    res.end(body);
  };
  if (req.headers['metadata-flavor'] !== 'Google')
    return (send(403, 'Missing Metadata-Flavor:Google header.', 'text/plain'), true);
  const key = path.slice(GCE_METADATA_PREFIX.length);
  if (key === '/instance' || key === '/instance/') send(200, JSON.stringify({ id: 1 }));
  else if (/^\/instance\/service-accounts\/[^/]+\/token$/.test(key))
    send(200, JSON.stringify({ access_token: opts.token, expires_in: 3599, token_type: 'Bearer' }));
  else if (key === '/project/project-id') send(200, opts.projectId, 'text/plain');
  else if (key === '/universe/universe-domain') send(200, 'googleapis.com', 'text/plain');
  else send(404, 'Not found', 'text/plain');
  return true;
}
