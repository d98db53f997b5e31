import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';

// Validation against the official ISO 20022 pain.001.001.03 schema (test/fixtures), with libxml2's
// xmllint compiled to WebAssembly (xmllint-wasm): the same schema checks a bank's gateway runs.

const schema = readFileSync(new URL('../fixtures/pain.001.001.03.xsd', import.meta.url), 'utf8');

/** The schema errors of a pain.001 document ([] when it is valid). */
export async function pain001Errors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'virements.xml', contents: xml }], schema: [{ fileName: 'pain.001.001.03.xsd', contents: schema }] });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
