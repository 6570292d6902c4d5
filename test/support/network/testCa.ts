// A certificate authority made at test time with openssl (nothing private is committed): a CA, and a
// server certificate for 127.0.0.1 signed by it, as a re-signing corporate proxy would present.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCa {
  dir: string;
  /** The CA certificate (PEM), and its path: what NODE_EXTRA_CA_CERTS would name. */
  caPem: string;
  caFile: string;
  /** The server's key and its chain (server certificate, then the CA), as a TLS server presents them. */
  serverKey: string;
  serverChain: string;
  remove(): void;
}

export function makeTestCa(): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'cma-ca-'));
  const at = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    at('ca.key'),
    '-out',
    at('ca.pem'),
    '-days',
    '1',
    '-subj',
    '/CN=Test Re-signing Proxy CA',
  );
  openssl('req', ...ec, '-keyout', at('server.key'), '-out', at('server.csr'), '-subj', '/CN=127.0.0.1');
  writeFileSync(at('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(
    'x509',
    '-req',
    '-in',
    at('server.csr'),
    '-CA',
    at('ca.pem'),
    '-CAkey',
    at('ca.key'),
    '-CAcreateserial',
    '-out',
    at('server.pem'),
    '-days',
    '1',
    '-extfile',
    at('san.ext'),
  );
  const caPem = readFileSync(at('ca.pem'), 'utf8');
  return {
    dir,
    caPem,
    caFile: at('ca.pem'),
    serverKey: readFileSync(at('server.key'), 'utf8'),
    serverChain: readFileSync(at('server.pem'), 'utf8') + caPem,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
