// Copies the non-TypeScript files the backend reads at run time (SQL migrations) next to the compiled code.
import { cpSync } from 'node:fs';

cpSync('backend/src/store/migrations', 'dist/backend/store/migrations', { recursive: true });
