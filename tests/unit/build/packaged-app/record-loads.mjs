// `node --import ./record-loads.mjs`: appends every module URL Node resolves (import, and the entry point) to the
// file named by KLADDE_LOAD_LOG, so the packaging test can check that the packaged main loads nothing from outside.
import { register } from 'node:module';

register('./record-loads-hooks.mjs', import.meta.url, { data: { log: process.env.KLADDE_LOAD_LOG } });
