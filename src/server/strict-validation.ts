import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Request validation without type guessing. fastify's default Ajv coerces (`coerceTypes:
 * 'array'`): `{"redact": "false"}` turned redaction off, `/api/issues/0x10` was theme 16 and
 * `limit=1e1` was 10. Here a JSON body must carry the declared types exactly (no
 * coercion), and the strings of a query string or path may only stand for numbers written in
 * decimal digits and booleans written `true` or `false`, which are then converted. Unknown
 * fields stay refused (removeAdditional off); defaults still fill in. allErrors stays off: with
 * it a crafted body costs more to check (fastify's own default, for the same reason).
 * https://fastify.dev/docs/latest/Reference/Validation-and-Serialization/#validator-compiler
 */
export function strictValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const common = { useDefaults: true, removeAdditional: false, allErrors: false, strict: false } as const;
  const bodyAjv = new Ajv({ ...common, coerceTypes: false });
  const textAjv = new Ajv({ ...common, coerceTypes: 'array' });
  return ({ schema, httpPart }) => {
    if (httpPart === 'body') return bodyAjv.compile(schema as object);
    return decimalOnly(textAjv.compile(schema as object), schema as JsonSchema);
  };
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
}

const SPELLING: Record<string, { pattern: RegExp; says: string }> = {
  integer: { pattern: /^-?[0-9]{1,16}$/, says: 'must be a whole number in decimal digits' },
  number: { pattern: /^-?[0-9]{1,16}(\.[0-9]{1,16})?$/, says: 'must be a number in decimal digits' },
  boolean: { pattern: /^(true|false)$/, says: 'must be true or false' },
};

/**
 * Refuses a query or path string that Ajv would coerce from a spelling people do not mean
 * (hex, exponents, blanks, "1" for true) before Ajv coerces the rest. Parameters are flat, so
 * only the top-level properties are looked at.
 */
function decimalOnly(validate: ValidateFunction, schema: JsonSchema): ValidateFunction {
  const checked = ((data: unknown) => {
    const refusal = misspelt(data, schema);
    if (refusal) {
      checked.errors = [refusal];
      return false;
    }
    const ok = validate(data);
    checked.errors = validate.errors;
    return ok;
  }) as ValidateFunction;
  return checked;
}

function misspelt(data: unknown, schema: JsonSchema): ErrorObject | undefined {
  if (typeof data !== 'object' || data === null || !schema.properties) return undefined;
  for (const [name, property] of Object.entries(schema.properties)) {
    const spelling = typeof property.type === 'string' ? SPELLING[property.type] : undefined;
    const raw = (data as Record<string, unknown>)[name];
    if (!spelling || raw === undefined) continue;
    for (const text of Array.isArray(raw) ? raw : [raw]) {
      if (typeof text === 'string' && !spelling.pattern.test(text)) {
        return { instancePath: `/${name}`, schemaPath: `#/properties/${name}/type`, keyword: 'type', params: { type: property.type }, message: spelling.says };
      }
    }
  }
  return undefined;
}
