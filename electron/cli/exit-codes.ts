/**
 * What `kladde` tells a script by its exit code. Stable: scripts and CI jobs branch on these numbers.
 * 0 everything fine · 1 the command ran and found problems (check, a conflict, a refused publish) ·
 * 2 the command line itself is wrong · 3 the command could not do its work (blog unreachable, library missing…).
 */
export const EXIT = { ok: 0, problems: 1, usage: 2, failure: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
