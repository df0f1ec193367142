// The import rules of the repository: the layers of layers.ts (which part may import which, no
// package or `node:` module in the domain, no devDependency or test code in the service),
// generated from that one declaration, plus no import cycles and one import order. Only import
// rules: tsc checks the types.
//
// TypeScript 7 has no JavaScript API, so typescript-eslint cannot parse; Babel's TypeScript
// preset parses the syntax (type-only imports included), which is all these rules need.
import babelParser from '@babel/eslint-parser';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import { forbiddenTo, holds, isFolder, isGlob, PARTS, shownPath } from './layers.ts';

/** A part's path as ESLint `files`: a folder stands for everything under it. */
const filesOf = (path) => (isFolder(path) ? `${path}/**` : path);

/** A part as lint messages name it: its paths, then its name. */
const labelOf = (part) => `${part.paths.map(shownPath).join(', ')} (${part.name})`;

/** The files of `part` that belong to other parts: more specific paths inside its folders, and every glob. */
function othersInside(part) {
  return PARTS.filter((other) => other !== part)
    .flatMap((other) => other.paths)
    .filter((path) => isGlob(path) || part.paths.some((own) => !isGlob(own) && path !== own && holds(own, path)));
}

/** `part` may not import `path` (of `other`); the parts nested in it have zones of their own, or none. */
function zone(part, other, path) {
  const nested = PARTS.filter((inner) => inner !== other)
    .flatMap((inner) => inner.paths)
    .filter((inner) => !isGlob(path) && !isGlob(inner) && inner !== path && holds(path, inner));
  return {
    // Every file the block applies to: its `files` choose the part.
    target: '.',
    from: `./${path}`,
    message: `${labelOf(part)} may not import ${shownPath(path)} (${other.name}): ${part.rule}.`,
    ...(nested.length ? { except: nested.map((inner) => `.${inner.slice(path.length)}`) } : {}),
  };
}

/** One block per part: the imports it may not make, and the rules of its kind. */
function layerBlock(part) {
  const zones = forbiddenTo(part).flatMap((other) => other.paths.map((path) => zone(part, other, path)));
  if (part.packages === false) {
    zones.push({ target: '.', from: './node_modules', message: `${labelOf(part)} may not import a package: ${part.rule}.` });
  }
  const rules = {};
  if (zones.length) rules['import-x/no-restricted-paths'] = ['error', { basePath: import.meta.dirname, zones }];
  if (part.nodeModules === false) rules['import-x/no-nodejs-modules'] = 'error';
  // Test libraries (fast-check, vitest) are devDependencies: a service module importing one is test code.
  if (part.service) rules['import-x/no-extraneous-dependencies'] = ['error', { devDependencies: false }];
  return { files: part.paths.map(filesOf), ignores: othersInside(part).map(filesOf), rules };
}

export default [
  // Generated files are checked against their generator instead (test/examples.test.ts).
  { ignores: ['node_modules/**', 'data/**', 'test-results/**', 'migrations/**', 'examples/typescript/generated/**'] },
  {
    files: ['**/*.ts', '**/*.js'],
    languageOptions: {
      parser: babelParser,
      parserOptions: {
        requireConfigFile: false,
        babelOptions: { babelrc: false, configFile: false, parserOpts: { plugins: ['typescript'] } },
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
      'import-x/parsers': { '@babel/eslint-parser': ['.ts', '.js'] },
    },
    rules: {
      // Type-only imports are erased at run time, so they close no cycle.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
      'import-x/first': 'error',
      // Packages first, then the project's own modules.
      'import-x/order': ['error', { groups: [['builtin', 'external'], ['internal', 'parent', 'sibling', 'index']] }],
    },
  },
  ...PARTS.map(layerBlock),
];
