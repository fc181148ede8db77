import { fileURLToPath } from 'node:url';
import { createGenerator, type Definition } from 'ts-json-schema-generator';

/** JSON Schemas of the API's responses: one per route, and the named types they refer to. */
export interface ApiResponseSchemas {
  routes: Record<string, Definition>;
  components: Record<string, Definition>;
}

const TYPES_FILE = fileURLToPath(new URL('../shared/api-responses.ts', import.meta.url));
const TSCONFIG = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));

/**
 * Generate the schemas from the TypeScript types in shared/api-responses.ts (what the web
 * app reads), so the OpenAPI document and the types cannot disagree. Objects are closed
 * (additionalProperties: false): a field the types do not name fails validation.
 */
export function generateApiResponseSchemas(): ApiResponseSchemas {
  const schema = createGenerator({
    path: TYPES_FILE,
    tsconfig: TSCONFIG,
    type: 'ApiResponses',
    expose: 'export',
    topRef: true,
    jsDoc: 'basic',
    additionalProperties: false,
    skipTypeCheck: true,
  }).createSchema('ApiResponses');
  // OpenAPI 3.1 keeps named schemas under components/schemas.
  const text = JSON.stringify(schema.definitions ?? {}).replaceAll('"#/definitions/', '"#/components/schemas/');
  const { ApiResponses: root, ...components } = JSON.parse(text) as Record<string, Definition>;
  return { routes: (root.properties ?? {}) as Record<string, Definition>, components };
}
