// Finding: under a neutral file name these went out through the review, the chat and the delegation:
// SendGrid keys with '-' in the first segment (about 40% of well-formed keys), AWS secret keys under
// names such as AWS_SECRET_KEY, Azure AccountKey= and SAS sig=, Vault hvs., DigitalOcean dop_v1_, a
// PEM body without its BEGIN line, actions/checkout's basic-auth header, and the contents of a
// kubeconfig, a Docker config, a Terraform state and gcloud credentials. Each kind is tested on 200
// well-formed values from a seeded generator (not one sample), and ordinary code must not match.
import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findSecret, findSecretByRules, redactSecrets, REDACTED } from '../../../src/policy';
import { chatAbout, makeWorkspace, reviewPaths, type Workspace } from './hostile';

const ROOT = join(__dirname, '../../..');

/** Every .js/.ts file under `dir`. */
function codeFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(c|m)?[jt]s$/.test(f))
    .map((f) => join(dir, f));
}
const PER_KIND = 200;

/** mulberry32: a small seeded PRNG, so a failure names a value that can be made again. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = `${ALNUM}+/`;
const B64URL = `${ALNUM}-_`;
const HEX = '0123456789abcdef';

class Gen {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }
  str(n: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[this.int(0, alphabet.length - 1)];
    return out;
  }
  bytes(n: number): Buffer {
    return Buffer.from(Array.from({ length: n }, () => this.int(0, 255)));
  }
}

const wrap64 = (b64: string) => b64.replace(/(.{64})/g, '$1\n').trimEnd();
const der = (header: number[], g: Gen, rest: number) => Buffer.concat([Buffer.from(header), g.bytes(rest)]);

/** DER private keys of each format, with seeded content: the body of a PEM whose BEGIN line was cut. */
function keyBody(g: Gen): string {
  const len = g.int(600, 2400);
  const hi = (len >> 8) & 0xff;
  const lo = len & 0xff;
  const rsaPkcs8Head = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];
  const formats = [
    () => der([0x30, 0x82, hi, lo, 0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00], g, 300), // PKCS#1 RSA
    () => der([0x30, 0x82, hi, lo, 0x02, 0x01, 0x00, 0x02, 0x81, 0x81, 0x00], g, 300), // PKCS#1 RSA-1024
    () => der([0x30, 0x82, hi, lo, 0x02, 0x01, 0x00, ...rsaPkcs8Head, 0x04, 0x82], g, 300), // PKCS#8 RSA
    () =>
      der([0x30, 0x82, hi, lo, 0x30, 0x57, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d], g, 300),
    () => der([0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20], g, 110), // SEC1 P-256
    () => der([0x30, 0x81, 0xa4, 0x02, 0x01, 0x01, 0x04, 0x30], g, 150), // SEC1 P-384
    () => der([0x30, 0x81, 0x87, 0x02, 0x01, 0x00, 0x30, 0x13, 0x06, 0x07], g, 120), // PKCS#8 P-256
    () => der([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22], g, 34), // Ed25519
    () => Buffer.concat([Buffer.from('openssh-key-v1\0'), g.bytes(400)]), // OpenSSH
  ];
  return wrap64(g.pick(formats)().toString('base64'));
}

interface Kind {
  rule: string;
  /** A file of ordinary-looking text holding one value, under a neutral name. */
  make: (g: Gen) => string;
}

const KINDS: Record<string, Kind> = {
  sendgrid: {
    rule: 'a SendGrid API key',
    make: (g) => `const mailer = createClient("SG.${g.str(22, B64URL)}.${g.str(43, B64URL)}");\n`,
  },
  awsSecretUnderOtherNames: {
    rule: 'an AWS secret access key',
    make: (g) => {
      const name = g.pick([
        'AWS_SECRET_KEY',
        'AWS_SECRET',
        'aws_secret_access_key',
        'awsSecretAccessKey',
        'AwsSecretKey',
        'aws.secret.key',
        'secretAccessKey',
      ]);
      const [sep, quote] = [g.pick([' = ', ': ', '=', ' => ', ':']), g.pick(['', '"', "'"])];
      return `region = "eu-west-1"\n${name}${sep}${quote}${g.str(40, B64)}${quote}\n`;
    },
  },
  azureAccountKey: {
    rule: 'an Azure account key',
    make: (g) =>
      g.int(0, 3) > 0
        ? `conn = "DefaultEndpointsProtocol=https;AccountName=${g.str(10, 'abcdefgh123')};AccountKey=${g.bytes(64).toString('base64')};EndpointSuffix=core.windows.net"\n`
        : `bus = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${g.bytes(32).toString('base64')}"\n`,
  },
  azureSas: {
    rule: 'an Azure SAS signature',
    make: (g) => {
      const sig = g.bytes(32).toString('base64');
      return `const url = "https://acct.blob.core.windows.net/c/f.txt?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-01-01T00:00:00Z&spr=https&sig=${g.int(0, 2) ? encodeURIComponent(sig) : sig}";\n`;
    },
  },
  vault: {
    rule: 'a HashiCorp Vault token',
    make: (g) =>
      `VAULT_ADDR=https://vault:8200\nVT=${g.pick(['hvs', 'hvb', 'hvr'])}.${g.str(g.int(91, 160), B64URL)}\n`,
  },
  digitalocean: {
    rule: 'a DigitalOcean token',
    make: (g) => `provider "do" { token = "${g.pick(['dop', 'doo', 'dor'])}_v1_${g.str(64, HEX)}" }\n`,
  },
  pemBodyWithoutBegin: {
    rule: 'a private key body',
    make: (g) => `# pasted from the vault\n${keyBody(g)}\n`,
  },
  checkoutHeader: {
    rule: 'an HTTP basic authorization header',
    make: (g) => {
      const basic = Buffer.from(`x-access-token:ghs_${g.str(36, ALNUM)}`).toString('base64');
      return `[http "https://github.com/"]\n\textraheader = AUTHORIZATION: ${g.pick(['basic', 'Basic'])} ${basic}\n`;
    },
  },
  kubeconfig: {
    rule: 'kubeconfig user credentials',
    make: (g) =>
      [
        'apiVersion: v1',
        'clusters:',
        '- cluster:',
        `    server: https://10.0.0.${g.int(1, 250)}:6443`,
        '  name: prod',
        'kind: Config',
        'users:',
        '- name: deployer',
        '  user:',
        `    ${g.pick(['token', 'password'])}: ${g.pick(['', '"'])}${g.str(g.int(20, 900), B64URL)}`,
        '',
      ].join('\n'),
  },
  dockerConfig: {
    rule: 'Docker registry credentials',
    make: (g) =>
      JSON.stringify(
        {
          auths: {
            [`${g.str(6, 'abcdef')}.example.com`]: {
              auth: Buffer.from(`${g.str(g.int(3, 12), ALNUM)}:${g.str(g.int(8, 40), B64)}`).toString('base64'),
            },
          },
        },
        null,
        g.int(0, 4),
      ),
  },
  terraformState: {
    rule: 'a Terraform state file',
    make: (g) =>
      JSON.stringify(
        {
          version: 4,
          terraform_version: `${g.int(0, 1)}.${g.int(0, 12)}.${g.int(0, 9)}`,
          serial: g.int(1, 900),
          lineage: `${g.str(8, HEX)}-${g.str(4, HEX)}-${g.str(4, HEX)}-${g.str(4, HEX)}-${g.str(12, HEX)}`,
          outputs: {},
          resources: [{ type: 'aws_db_instance', instances: [{ attributes: { password: g.str(16, ALNUM) } }] }],
        },
        null,
        2,
      ),
  },
  gcloudCredentials: {
    rule: 'Google Cloud credentials',
    make: (g) =>
      JSON.stringify(
        {
          client_id: `${g.str(12, '0123456789')}-${g.str(32, 'abcdefghijklmnopqrstuvwxyz0123456789')}.apps.googleusercontent.com`,
          client_secret: g.str(24, B64URL),
          refresh_token: g.str(g.int(60, 100), B64URL),
          type: 'authorized_user',
        },
        null,
        g.int(0, 2),
      ),
  },
};

describe('security: secret kinds that went out under neutral names, 200 values each', () => {
  let seed = 1;
  for (const [kind, { rule, make }] of Object.entries(KINDS)) {
    it(`${kind}: every one of ${PER_KIND} seeded values is recognised (${rule})`, async () => {
      const g = new Gen(seed++ * 7919);
      for (let i = 0; i < PER_KIND; i++) {
        const text = make(g);
        assert.equal(findSecretByRules(text)?.rule, rule, `value ${i}:\n${text}`);
        assert.ok(!redactSecrets(text).includes(text.trim()) || text.includes(REDACTED), 'redaction changes the text');
      }
      const scanned = await findSecret(make(g));
      assert.ok(scanned, 'the full scan (rules + secretlint) finds it');
    });
  }

  it('private keys made by node:crypto, without their BEGIN and END lines', () => {
    const bodies: string[] = [];
    const strip = (pem: string) =>
      pem
        .split('\n')
        .filter((l) => !l.startsWith('-----'))
        .join('\n');
    const add = (k: KeyObject, type: 'pkcs1' | 'pkcs8' | 'sec1') =>
      bodies.push(strip(k.export({ type, format: 'pem' }) as string));
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    add(rsa, 'pkcs1');
    add(rsa, 'pkcs8');
    bodies.push(strip(rsa.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'x' }) as string));
    for (const namedCurve of ['prime256v1', 'secp384r1', 'secp521r1', 'secp256k1']) {
      const ec = generateKeyPairSync('ec', { namedCurve }).privateKey;
      add(ec, 'sec1');
      add(ec, 'pkcs8');
    }
    for (const t of ['ed25519', 'x25519', 'ed448'] as const)
      add(generateKeyPairSync(t as 'ed25519').privateKey, 'pkcs8');
    add(generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 }).privateKey, 'pkcs8');
    for (const body of bodies)
      assert.equal(findSecretByRules(`key:\n${body}\n`)?.rule, 'a private key body', body.slice(0, 40));
    const publicKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    assert.equal(findSecretByRules(strip(publicKey as string)), undefined, 'a public key body is not a secret');
  });

  describe('ordinary code does not match', () => {
    it('near misses, placeholders and look-alikes', () => {
      const text = [
        'const auth = { "auth": "required", "auths": [] };',
        'sig = computeSignature(payload); url += `&sig=${sig}`;',
        'apiVersion: v1\nkind: ServiceAccount\nautomountServiceAccountToken: true\ntoken: ${TOKEN}',
        'headers.Authorization = `Basic ${btoa(user + ":" + pass)}`;',
        'Authorization: Basic <base64 of user:password>',
        'const sg = "SG.example.key";',
        'const AWS_SECRET_KEY = process.env.AWS_SECRET_KEY;',
        'aws_secret_access_key = ${{ secrets.AWS_SECRET_ACCESS_KEY }}',
        'AccountKey=<your-account-key>;',
        'the hvs. prefix marks a Vault service token',
        'DO_TOKEN=dop_v1_xxxxxxxx',
        '"terraform_version": "1.5.0" is pinned in versions.tf',
        '{ "type": "service_account", "project_id": "demo" }',
        'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0',
        'MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJRTESMBAGA1UEChMJQmFsdGltb3JlMRMwEQYDVQQL',
      ].join('\n');
      assert.equal(findSecretByRules(text), undefined);
    });

    // test/ is left out: its fixtures hold fake keys on purpose.
    it("this repository's sources and documentation, and the dependencies' code (tens of MiB of ordinary code)", () => {
      const tracked = execFileSync('git', ['ls-files', 'src', 'docs', 'README.md'], { cwd: ROOT, encoding: 'utf8' })
        .split('\n')
        .filter((f) => /\.(ts|mjs|md|json|ya?ml)$/.test(f))
        .map((f) => join(ROOT, f));
      const packages = ['@anthropic-ai/sdk', 'markdown-it', 'yaml', 'eslint/lib', 'jsdom/lib'];
      const corpus = [...tracked, ...packages.flatMap((p) => codeFiles(join(ROOT, 'node_modules', p)))];
      let bytes = 0;
      const hits: string[] = [];
      for (const file of corpus) {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          continue;
        }
        bytes += text.length;
        const hit = findSecretByRules(text);
        if (hit) hits.push(`${file.slice(ROOT.length + 1)}:${hit.line} ${hit.rule}`);
      }
      assert.ok(bytes > 10 * 1024 * 1024, `only ${bytes} bytes of code were scanned`);
      assert.deepEqual(hits, []);
    });
  });

  describe('through the features, under a neutral file name', () => {
    let ws: Workspace;
    beforeEach(() => (ws = makeWorkspace()));
    afterEach(() => ws.remove());

    for (const [kind, { make }] of Object.entries(KINDS)) {
      it(`${kind}: neither the review nor the chat (and delegation) sends it`, async () => {
        const text = make(new Gen(424242));
        ws.write('config/settings.txt', text);
        ws.write('src/ok.ts', 'export const ok = 1;\n');
        const review = await reviewPaths(ws.root, ['.']);
        assert.ok(review.text.includes('export const ok'));
        assert.deepEqual(
          review.excluded.filter((e) => e.reason === 'secret').map((e) => e.path),
          ['config/settings.txt'],
        );
        assert.equal((await chatAbout(ws.root, 'config/settings.txt', text)).included, false);
      });
    }
  });
});
