// The SDK's fetch honours neither a proxy nor extra certificates by itself. This builds one that does,
// on undici (the library Node's own fetch is built on): EnvHttpProxyAgent tunnels https through an
// HTTP CONNECT proxy and applies NO_PROXY; the CA list is Node's roots plus NODE_EXTRA_CA_CERTS and,
// when asked, the system store. Used only when something is configured: otherwise the default fetch.
import { readFileSync } from 'node:fs';
import * as tls from 'node:tls';
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import { proxyFromEnv, type TransportOptions } from './transportOptions';

export type { TransportOptions };

export interface Transport {
  fetch: typeof globalThis.fetch;
  /** For messages: "proxy http://proxy:3128, extra CAs from NODE_EXTRA_CA_CERTS". */
  description: string;
  close(): Promise<void>;
}

/** Linux bundles, for Node versions without tls.getCACertificates('system') (added in Node 22.15). */
const SYSTEM_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/ca-bundle.pem',
  '/etc/ssl/cert.pem',
];

function systemCertificates(): string[] {
  const get = (tls as { getCACertificates?: (type: string) => string[] }).getCACertificates;
  if (get) return get('system');
  for (const file of SYSTEM_BUNDLES) {
    try {
      return [readFileSync(file, 'utf8')];
    } catch {
      // try the next location
    }
  }
  return [];
}

/** Throws an Error naming the file when NODE_EXTRA_CA_CERTS cannot be read. */
export function createTransport(options: TransportOptions): Transport {
  const env = options.env ?? process.env;
  const extraFile = env['NODE_EXTRA_CA_CERTS'];
  const extra = [...(options.extraCa ?? [])];
  if (extraFile) {
    try {
      extra.push(readFileSync(extraFile, 'utf8'));
    } catch (err) {
      throw new Error(`NODE_EXTRA_CA_CERTS names ${extraFile}, which cannot be read: ${(err as Error).message}`);
    }
  }
  const system = options.systemCertificates ? systemCertificates() : [];
  // An explicit `ca` replaces Node's default store, so the roots (and the extras Node added from
  // NODE_EXTRA_CA_CERTS) are listed again; with nothing extra, the default store is left alone.
  const ca = extra.length || system.length ? [...tls.rootCertificates, ...system, ...extra] : undefined;
  const tlsOptions = { ...(ca && { ca }), ...(options.strictSSL === false && { rejectUnauthorized: false }) };
  const proxy = options.proxy || proxyFromEnv(env);
  const noProxy = options.noProxy?.length ? options.noProxy.join(',') : (env['NO_PROXY'] ?? env['no_proxy']);
  const agent = new EnvHttpProxyAgent({
    ...(proxy && { httpProxy: proxy, httpsProxy: proxy }),
    ...(noProxy && { noProxy }),
    connect: tlsOptions,
    requestTls: tlsOptions,
    proxyTls: tlsOptions,
  });
  const description = [
    proxy && `proxy ${redactUserinfo(proxy)}${noProxy ? ` (not for ${noProxy})` : ''}`,
    extraFile && 'extra CAs from NODE_EXTRA_CA_CERTS',
    options.extraCa?.length && `${options.extraCa.length} extra CA(s)`,
    system.length && 'the system certificate store',
    options.strictSSL === false && 'certificates not checked (http.proxyStrictSSL: false)',
  ]
    .filter(Boolean)
    .join(', ');
  const fetch = ((input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher: agent,
    })) as unknown as typeof globalThis.fetch;
  return { fetch, description, close: () => agent.close() };
}

/** A proxy URL for messages, without its password. */
export function redactUserinfo(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}
