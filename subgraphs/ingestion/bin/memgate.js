#!/usr/bin/env node
// The `memgate` command: runs the CLI from its TypeScript sources, as
// `npm start` runs the services, with tsx registered as the loader.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
