import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "node_modules/**",
      "app/generated/**",
      "app/types/admin.*.d.ts",
      "public/**",
      "extensions/**/assets/**",
      "docs/**",
      "tests/e2e/output/**",
      "**/*.tmp.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    // The independent benchmark simulator must not borrow the demo simulator's demand model (docs/decisions/0015).
    files: ["tests/bench/sim/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/demo/**", "~/demo/**"], message: "tests/bench/sim is independent of app/demo." }] },
      ],
    },
  },
  {
    // Routes stay thin (DEVELOPERS.md): they call services, never the database. /healthz pings the database itself.
    files: ["app/routes/**/*.{ts,tsx}"],
    ignores: ["app/routes/healthz.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@prisma/*", "prisma", "~/db.server", "~/db/*", "**/db.server", "~/generated/*"],
              message: "Routes do not reach the database: call a service (app/services, app/replenishment, ...).",
            },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[property.name='db']",
          message: "Routes do not reach the database (shop.db): call a service.",
        },
      ],
    },
  },
  {
    // app/core is pure: no framework, database or Node I/O imports.
    files: ["app/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@remix-run/*",
                "@shopify/*",
                "@prisma/*",
                "prisma",
                "react",
                "node:*",
                "fs",
                "path",
                "~/*.server",
                "**/*.server",
              ],
              message: "app/core is pure TypeScript: keep I/O and frameworks out.",
            },
          ],
        },
      ],
    },
  },
);
