// ESLint 9 flat config for the page scripts (`make lint`).
//
// One language level for every script under plugins/academy/plugins/**/assets: ES2020 classic
// scripts. The site loads them with plain <script> tags (MkDocs `extra_javascript`, or a lazy
// loader that appends one), never as modules; several also run under Node for the tests
// (`module.exports` when `module` exists), so `module` is a known global, not an import system.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: [".venv/**", "node_modules/**", "site/**", "**/site/**"] },
  {
    files: ["plugins/academy/plugins/**/assets/**/*.js"],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: {
        ...globals.browser,
        // Material for MkDocs: the observable of each page instant navigation shows.
        document$: "readonly",
        // Node, when the tests require() a script to run its scoring or verification.
        module: "readonly",
        require: "readonly",
      },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      ...js.configs.recommended.rules,
      "no-var": "error",
      "prefer-const": "error",
      // `x != null` is the one idiom for "null or undefined".
      eqeqeq: ["error", "always", { null: "ignore" }],
      strict: ["error", "function"],
    },
  },
];
