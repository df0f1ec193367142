import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator: types for the kiosk's persisted operations from the committed contract.
 * `npm run codegen` writes examples/typescript/generated/operations.ts, which is committed;
 * test/examples.test.ts fails when it differs from what this config generates.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: 'operations/kiosk/*.graphql',
  generates: {
    'examples/typescript/generated/operations.ts': {
      // typescript-operations 6 declares the enums and inputs the operations use, so no schema-wide
      // types file is needed; typed-document-node adds one document per operation, typed with both.
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        // A Date is a YYYY-MM-DD string, never a JavaScript Date; an unmapped scalar fails generation.
        scalars: { Date: 'string' },
        strictScalars: true,
        // String unions rather than TypeScript enums: Node runs the file by type stripping.
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
