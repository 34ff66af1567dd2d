#!/usr/bin/env node
// The `casebridge` command: runs the TypeScript CLI through tsx's ESM loader (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
