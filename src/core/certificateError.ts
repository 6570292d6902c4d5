// A TLS chain the machine does not trust (a proxy such as Zscaler re-signing traffic, a gateway with
// a private CA): a setting fixes it, so it is reported as such and never retried.

const CERTIFICATE_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export const CERTIFICATE_HINT =
  'The certificate chain was refused: a proxy or gateway presents a certificate this machine does not trust. Add its CA with NODE_EXTRA_CA_CERTS=/path/to/ca.pem (command line and editor) or turn on VS Code\'s "http.systemCertificates" with the CA in the system store; "http.proxyStrictSSL": false turns the check off (not recommended).';

/** The TLS error code anywhere in `err`'s cause chain, when it is a refused certificate. */
export function certificateErrorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 8; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CERTIFICATE_CODES.has(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
