import * as vscode from 'vscode';
import type { Transport } from '../node/httpTransport';
import { needsTransport, type TransportOptions } from '../node/transportOptions';

/** VS Code's own network settings, as the transport takes them. */
export function transportOptions(env: NodeJS.ProcessEnv = process.env): TransportOptions {
  const http = vscode.workspace.getConfiguration('http');
  const proxy = http.get<string>('proxy')?.trim();
  const noProxy = http.get<string[]>('noProxy') ?? [];
  return {
    ...(proxy && { proxy }),
    ...(noProxy.length && { noProxy }),
    strictSSL: http.get<boolean>('proxyStrictSSL') !== false,
    systemCertificates: http.get<boolean>('systemCertificates') !== false,
    env,
  };
}

let cached: { key: string; transport: Transport } | undefined;

/**
 * A fetch through http.proxy (or HTTPS_PROXY) that trusts NODE_EXTRA_CA_CERTS and the system store, or
 * undefined when nothing asks for one (the default fetch then). One per configuration, so connections
 * are pooled across runs; undici is loaded only here.
 */
export async function networkTransport(): Promise<Transport | undefined> {
  const options = transportOptions();
  if (!needsTransport(options)) return undefined;
  const { createTransport } = await import('../node/httpTransport');
  const key = JSON.stringify({ ...options, env: undefined });
  if (cached?.key !== key) {
    void cached?.transport.close();
    cached = { key, transport: createTransport(options) };
  }
  return cached.transport;
}
