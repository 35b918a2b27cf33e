// Validates every *.json in the folder given as the argument against the published Camunda 7 element-templates
// schema (@camunda/element-templates-json-schema). Prints one line per file, and each error's path; exits 1 if any
// file is invalid.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const schema = require('@camunda/element-templates-json-schema/resources/schema.json');
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const dir = process.argv[2];
const files = readdirSync(dir).filter((file) => file.endsWith('.json'));
if (files.length === 0) {
  console.log(`no element templates in ${dir}`);
  process.exit(1);
}
let invalid = 0;
for (const file of files) {
  const templates = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  if (validate(templates)) {
    console.log(`valid: ${file}`);
  } else {
    invalid++;
    console.log(`INVALID: ${file}`);
    for (const error of validate.errors) {
      console.log(`  ${error.instancePath || '/'} ${error.message}`);
    }
  }
}
process.exit(invalid === 0 ? 0 : 1);
