import { readFileSync } from 'node:fs';

/**
 * Linux's pressure stall information for the CPU: the microseconds in which at least one runnable task waited for a
 * free core. On this two-core machine Chromium's threads, its GPU process, the web host and the benchmark share the
 * cores; the share of a span spent waiting shows how much of a measured delay was the machine's, not the app's work.
 * Null where the kernel does not offer it.
 */
function stalledMicroseconds(): number | null {
  try {
    const some = readFileSync('/proc/pressure/cpu', 'utf8').split('\n').find((line) => line.startsWith('some '));
    const total = some ? /total=(\d+)/.exec(some)?.[1] : undefined;
    return total === undefined ? null : Number(total);
  } catch {
    return null;
  }
}

/** Starts a span; the returned function gives the share (0–1) of it in which some task waited for a core, or null. */
export function cpuPressureSpan(): () => number | null {
  const stalledAtStart = stalledMicroseconds();
  const start = performance.now();
  return () => {
    const stalled = stalledMicroseconds();
    const elapsedUs = (performance.now() - start) * 1000;
    if (stalledAtStart === null || stalled === null || elapsedUs <= 0) return null;
    return (stalled - stalledAtStart) / elapsedUs;
  };
}
