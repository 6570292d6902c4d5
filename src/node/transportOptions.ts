// What decides whether requests need a transport of their own (a proxy, more certificates): cheap to
// ask at every connection, without loading undici (./httpTransport.ts does, only when needed).

export interface TransportOptions {
  /** A proxy URL for every request (VS Code's http.proxy); otherwise HTTPS_PROXY / HTTP_PROXY from the environment. */
  proxy?: string;
  /** Hosts that bypass the proxy (VS Code's http.noProxy); otherwise NO_PROXY from the environment. */
  noProxy?: string[];
  /** false: accept any certificate (VS Code's http.proxyStrictSSL: false). Default true. */
  strictSSL?: boolean;
  /** Also trust the operating system's certificate store (VS Code's http.systemCertificates). */
  systemCertificates?: boolean;
  /** More PEM certificates to trust (tests; NODE_EXTRA_CA_CERTS is read from `env`). */
  extraCa?: string[];
  env?: NodeJS.ProcessEnv;
}

export const proxyFromEnv = (env: NodeJS.ProcessEnv): string | undefined =>
  env['HTTPS_PROXY'] || env['https_proxy'] || env['HTTP_PROXY'] || env['http_proxy'] || undefined;

/** Whether anything asks for a transport of our own (otherwise the SDK's default fetch is used). */
export function needsTransport(options: TransportOptions): boolean {
  const env = options.env ?? process.env;
  return !!(
    options.proxy ||
    proxyFromEnv(env) ||
    options.strictSSL === false ||
    options.extraCa?.length ||
    env['NODE_EXTRA_CA_CERTS']
  );
}
