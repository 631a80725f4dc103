import js from "@eslint/js";
import tseslint from "typescript-eslint";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";
import globals from "globals";

const pureModuleImports = {
  patterns: [
    { group: ["**/*.server", "**/*.server.*"], message: "The pure core does no I/O." },
    { group: ["@prisma/*", "@shopify/*", "@remix-run/*", "graphql-request", "nodemailer", "react", "react-dom"], message: "The pure core imports only pure modules." },
    { group: ["node:*"], message: "The pure core does no I/O." },
  ],
};

const pureModuleSyntax = [
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "Pass `now` in: the pure core has no clock." },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Pass `now` in: the pure core has no clock." },
  { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: "The pure core is deterministic: derive randomness from a seed." },
];

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", ".cache/**", "tests/.artifacts/**", ".tmp/**", "extensions/**/assets/**", "tests/simulator/cdn/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["**/*.tsx"],
    plugins: { react, "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    settings: { react: { version: "18.3" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.recommended.rules,
      "react/prop-types": "off",
    },
  },
  {
    files: ["app/domain/**/*.ts", "tests/simulator/shop/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", pureModuleImports],
      "no-restricted-syntax": ["error", ...pureModuleSyntax],
    },
  },
  {
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: ["@prisma/client"], patterns: [{ group: ["**/db.server", "**/db.server.ts"], message: "Routes go through services and models." }] },
      ],
    },
  },
);
