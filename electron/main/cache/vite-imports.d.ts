/// <reference types="vite/types/importMeta.d.ts" />
// Vite bundles the migration files: `import.meta.glob` lists them and `?raw` inlines their text.
