// Two layer rules no published ESLint rule states: every file of src/ lives in a known layer, and
// src/shared takes only types from the other layers. Imports are resolved from the file's folder, not
// matched as text, as import/no-restricted-paths does for the zones.
import { dirname, relative, resolve, sep } from 'node:path';

const SRC = resolve(import.meta.dirname, '../src');

/** The first folder under src/ of a path (for a file directly in src/, its own name); undefined outside src/. */
function firstFolder(path) {
  const rel = relative(SRC, path);
  return rel.startsWith('..') || rel === '' ? undefined : rel.split(sep)[0];
}

/** The layer a file lies in: '' for a file directly in src/, undefined outside src/. */
function layerOfFile(file) {
  const folder = firstFolder(file);
  if (folder === undefined) return undefined;
  return relative(SRC, file) === folder ? '' : folder;
}

/** `layers/known-layer`: options `{ layers: string[] }`. */
const knownLayer = {
  meta: {
    type: 'problem',
    schema: [{ type: 'object', properties: { layers: { type: 'array', items: { type: 'string' } } } }],
  },
  create(context) {
    const { layers } = context.options[0];
    const layer = layerOfFile(context.physicalFilename);
    if (layer === undefined || layers.includes(layer)) return {};
    return {
      Program(node) {
        context.report({
          node,
          message:
            layer === ''
              ? `Files live in a layer folder, not directly in src/. The layers are: ${layers.join(', ')}.`
              : `src/${layer} is not a known layer, so no layer rule checks it. Put the file in one of ` +
                `${layers.map((l) => `src/${l}`).join(', ')}, or add the layer to the rank list in eslint.config.mjs.`,
        });
      },
    };
  },
};

/**
 * `layers/type-only-imports`: a file may import from other layers of src/ only with `import type` /
 * `export type`, and never with a dynamic import(). Options `{ why: string }`, appended to the message.
 */
const typeOnlyImports = {
  meta: {
    type: 'problem',
    schema: [{ type: 'object', properties: { why: { type: 'string' } } }],
  },
  create(context) {
    const own = layerOfFile(context.physicalFilename);
    const { why } = context.options[0] ?? {};
    const otherLayer = (source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return undefined;
      const target = firstFolder(resolve(dirname(context.physicalFilename), source));
      return target !== undefined && target !== own ? target : undefined;
    };
    const check = (node, source, typeOnly) => {
      const target = otherLayer(source?.value);
      if (!target || typeOnly) return;
      context.report({
        node,
        message: `src/${own} may import only types from src/${target} (\`import type { … }\`).${why ? ` ${why}` : ''}`,
      });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source, node.importKind === 'type'),
      ExportNamedDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node, node.source, false),
    };
  },
};

export const layerRules = { rules: { 'known-layer': knownLayer, 'type-only-imports': typeOnlyImports } };
