// Checks a key with the cheapest request there is (one page of models.list, no tokens billed), so
// a wrong key is caught when it is set rather than by every expert of the next review.
import { resolveClient, type ClientConfig, type SdkClient } from './client';
import { toInvocationError, type ErrorKind } from './errors';

export type KeyCheck =
  | { ok: true }
  /** `refused`: the API said the key is wrong; otherwise the check itself could not be made. */
  | { ok: false; refused: boolean; kind: ErrorKind; message: string };

export async function verifyApiKey(client: SdkClient | ClientConfig, signal?: AbortSignal): Promise<KeyCheck> {
  try {
    // The first page is enough: an accepted request proves the key; iterating would page through all.
    await resolveClient(client).models.list({ limit: 1 }, signal ? { signal } : undefined);
    return { ok: true };
  } catch (err) {
    const e = toInvocationError(err);
    return { ok: false, refused: e.kind === 'authentication', kind: e.kind, message: e.message };
  }
}
