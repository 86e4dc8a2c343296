// Lint: typescript-eslint's recommended rules, plus STYLE.md's rule that only src/config reads process.env.
import tseslint from 'typescript-eslint';
import nodePlugin from 'eslint-plugin-n';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', '.scratch/**', '**/*.cjs', 'portal/src/gql/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { n: nodePlugin },
    rules: {
      'n/no-process-env': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='it'][callee.property.name=/^(only|skip|todo)$/]", message: 'every test must run' },
        { selector: "CallExpression[callee.object.name='describe'][callee.property.name=/^(only|skip|todo)$/]", message: 'every test must run' },
      ],
    },
  },
  {
    files: ['src/config/**', 'bench/**', 'scripts/**', 'mikro-orm.config.ts', 'vitest.config.ts', 'test/setup/**'],
    rules: { 'n/no-process-env': 'off' },
  },
);
