// Validates a SARIF log against the final OASIS SARIF 2.1.0 schema (errata01, draft-04, hence ajv-draft-04),
// with the `uri-reference` and `date-time` formats checked (ajv-formats). See README.md beside it for the source.
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const schema = JSON.parse(readFileSync(join(__dirname, 'sarif-schema-2.1.0.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** The schema's complaints, empty when `log` is valid SARIF 2.1.0. */
export function sarifErrors(log: unknown): string[] {
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
