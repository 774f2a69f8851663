// iOS before 12.2 has no `globalThis`, and zod reads it when it loads (its schema registry and
// config). In zod's files every free reference becomes one binding per file: the engine's
// globalThis where there is one, else an object of the file's own — all zod keeps there.
// (WeChat forbids the Function constructor, so the global object cannot be found another way.)
module.exports = function globalThisFallback({ types: t, template }) {
  return {
    visitor: {
      Program: {
        exit(program, state) {
          if (!/node_modules[\\/]zod[\\/]/.test(state.filename ?? '')) return;
          let used = false;
          program.traverse({
            Identifier(path) {
              if (path.node.name !== 'globalThis' || !path.isReferencedIdentifier() || path.scope.getBinding('globalThis')) return;
              if (path.parentPath.isUnaryExpression({ operator: 'typeof' })) return;
              path.replaceWith(t.identifier('__globalThisOrOwn'));
              used = true;
            },
          });
          if (used) program.unshiftContainer('body', template.statement.ast`var __globalThisOrOwn = typeof globalThis !== "undefined" ? globalThis : {};`);
        },
      },
    },
  };
};
