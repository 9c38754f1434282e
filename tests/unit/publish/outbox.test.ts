import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutboxJob } from '../../../electron/common/model/blog.js';
import { DONE_VISIBLE_MS, Outbox, type JobRunner, type OutboxClock } from '../../../electron/main/outbox/outbox.js';
import { PublishFailure } from '../../../electron/main/publish/publish-errors.js';
import type { AttemptResult } from '../../../electron/main/publish/publish-service.js';

/** A clock whose time moves only when the test says so; due timers run then. */
class TestClock implements OutboxClock {
  time = Date.parse('2025-01-01T10:00:00Z');
  private timers: { at: number; run: () => void; id: number }[] = [];
  private next = 1;
  now = () => this.time;
  setTimeout = (run: () => void, ms: number) => {
    const id = this.next++;
    this.timers.push({ at: this.time + ms, run, id });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };
  /** Moves time on and runs what fell due. */
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((t) => t.at <= this.time);
    this.timers = this.timers.filter((t) => t.at > this.time);
    for (const t of due) t.run();
  }
  pending(): number[] {
    return this.timers.map((t) => t.at - this.time).sort((a, b) => a - b);
  }
}

const done = (remoteId: string, link: string): AttemptResult => ({ kind: 'done', remoteId, link, remoteStatus: 'publish', editUrl: '', date: '' });
const offline = () => new PublishFailure('offline', 'Keine Verbindung', true);
const settle = () => new Promise((r) => setTimeout(r, 20));

let dir = '';
let clock: TestClock;
let events: OutboxJob[][];
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kladde-outbox-'));
  clock = new TestClock();
  events = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function outbox(run: JobRunner, origin?: string): Outbox {
  return new Outbox({
    dir,
    run,
    clock,
    ...(origin ? { origin: async () => origin } : {}),
    backoffMs: [1_000, 5_000, 20_000],
    events: { emit: (_name, payload) => events.push((payload as { jobs: OutboxJob[] }).jobs) },
  });
}

/** A runner that answers attempt by attempt from a script. */
function scripted(...answers: (AttemptResult | Error)[]): JobRunner & { calls: number } {
  const runner = Object.assign(
    async () => {
      const answer = answers[runner.calls++];
      if (answer === undefined) throw new Error('no more answers');
      if (answer instanceof Error) throw answer;
      return answer;
    },
    { calls: 0 },
  );
  return runner;
}

describe('the outbox', () => {
  it('does not send by itself a job another installation put into the (synced) library', async () => {
    const planted = outbox(async () => {
      throw offline();
    }, 'fremde-installation');
    await planted.submit('post', 'blog', 'Entwurf', { onConflict: 'ask' });
    await planted.stop();

    const mine = scripted(done('7', 'l'));
    const box = outbox(mine, 'meine-installation');
    await box.start();
    box.networkRestored();
    clock.advance(3_600_000);
    await settle();
    expect(mine.calls).toBe(0);
    expect(box.list()[0]).toMatchObject({ state: 'failed', error: { retriable: false } });
    expect(box.list()[0]?.error?.message).toContain('nicht von Kladde auf diesem Rechner');

    // The user starts it: then it goes out, and counts as this installation's own.
    const jobId = box.list()[0]?.id ?? '';
    expect(await box.retry(jobId)).toMatchObject({ status: 'done' });
    expect(mine.calls).toBe(1);
    const stored = JSON.parse(await readFile(path.join(dir, `${jobId}.json`), 'utf8').catch(async () => readFile(path.join(dir, (await readdir(dir))[0] ?? ''), 'utf8'))) as { origin?: string };
    expect(stored.origin).toBe('meine-installation');
  });

  it('finishes a job at once when the blog answers', async () => {
    const box = outbox(scripted(done('5', 'https://b/x/')));
    const outcome = await box.submit('post', 'blog', 'Titel', { onConflict: 'ask' });
    expect(outcome).toMatchObject({ status: 'done', remoteId: '5', link: 'https://b/x/' });
    expect(box.list().map((j) => [j.state, j.attempts, j.result?.remoteId])).toEqual([['done', 1, '5']]);
    expect(events.at(-1)?.[0]?.state).toBe('done');
  });

  it('waits while offline, backs off, and goes out when the network is back', async () => {
    const runner = scripted(offline(), offline(), done('9', 'l'));
    const box = outbox(runner);
    const first = await box.submit('post', 'blog', 'Titel', { onConflict: 'ask' });
    expect(first).toMatchObject({ status: 'queued', error: { code: 'offline', retriable: true } });
    expect(box.list()[0]?.state).toBe('waiting');
    expect(clock.pending()).toEqual([1_000]);
    clock.advance(999);
    await settle();
    expect(runner.calls).toBe(1);
    clock.advance(1);
    // The attempt writes the job file before it schedules the next try: wait for that, not for a fixed time.
    await vi.waitFor(() => expect(clock.pending()).toEqual([5_000]));
    expect(runner.calls).toBe(2);
    box.networkRestored();
    await vi.waitFor(() => expect(box.list()[0]).toMatchObject({ state: 'done', attempts: 3, error: null }));
    expect(runner.calls).toBe(3);
    expect(clock.pending()).toEqual([]);
  });

  it('keeps jobs across a restart and remembers uploads of unfinished attempts', async () => {
    const seen: Record<string, unknown>[] = [];
    const first = outbox(async (_job, _memory, hooks) => {
      await hooks.remember({ media: { 'a.png': { hash: 'h', id: '3', url: 'u' } }, createAttempted: false });
      throw offline();
    });
    await first.submit('post', 'blog', 'Titel', { onConflict: 'ask' });
    await first.stop();
    const stored = JSON.parse(await readFile(path.join(dir, (await readdir(dir))[0] ?? ''), 'utf8')) as { state: string };
    expect(stored.state).toBe('waiting');

    const second = outbox(async (_job, memory) => {
      seen.push(memory.media);
      return done('1', 'l');
    });
    await second.start();
    expect(second.list().map((j) => j.state)).toEqual(['waiting']);
    second.networkRestored();
    await vi.waitFor(() => expect(second.list()[0]?.state).toBe('done'));
    expect(seen).toEqual([{ 'a.png': { hash: 'h', id: '3', url: 'u' } }]);
  });

  it('stops for good on errors only the user can fix, and retries with new options', async () => {
    const runner = scripted(new PublishFailure('auth', 'Anmeldung fehlgeschlagen', false), { kind: 'conflict', online: { remoteId: '1', title: 't', link: 'l', modifiedGmt: 'b', storedModifiedGmt: 'a' } }, done('1', 'l'));
    const box = outbox(runner);
    const failed = await box.submit('post', 'blog', 'Titel', { onConflict: 'ask' });
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'auth' } });
    expect(clock.pending()).toEqual([]);
    const again = await box.submit('post', 'blog', 'Titel', { onConflict: 'ask' });
    expect(again.status).toBe('conflict');
    expect(box.list()).toHaveLength(1);
    expect(box.list()[0]).toMatchObject({ state: 'failed', error: { code: 'conflict' } });
    const jobId = box.list()[0]?.id ?? '';
    expect(await box.retry(jobId, { onConflict: 'overwrite' })).toMatchObject({ status: 'done' });
    expect(box.list()[0]?.options.onConflict).toBe('overwrite');
  });

  it('gives up on server errors after some attempts but never on a missing connection', async () => {
    const box = outbox(async () => {
      throw new PublishFailure('server', 'Fehler 500', true);
    });
    let outcome = await box.submit('post', 'blog', 'Titel', { onConflict: 'ask' });
    for (let i = 0; i < 20 && outcome.status === 'queued'; i++) outcome = await box.retry(box.list()[0]?.id ?? '');
    expect(outcome.status).toBe('failed');
    expect(box.list()[0]?.attempts).toBe(8);

    const patient = outbox(async () => {
      throw offline();
    });
    let waiting = await patient.submit('other', 'blog', 'Titel', { onConflict: 'ask' });
    const id = waiting.status === 'queued' ? waiting.jobId : '';
    for (let i = 0; i < 20; i++) waiting = await patient.retry(id);
    expect(waiting.status).toBe('queued');
  });

  it('cancels a running attempt and forgets the job', async () => {
    let aborted = false;
    let started = false;
    const box = outbox(
      (_job, _memory, hooks) =>
        new Promise((_resolve, reject) => {
          started = true;
          hooks.signal?.addEventListener('abort', () => {
            aborted = true;
            reject(new PublishFailure('cancelled', 'Abgebrochen.', false));
          });
        }),
    );
    const running = box.submit('post', 'blog', 'Titel', { onConflict: 'ask' });
    // The attempt itself runs (not only the job's state says so — it is saved before the attempt starts).
    await vi.waitFor(() => expect(started).toBe(true));
    expect(box.list()[0]?.state).toBe('sending');
    expect(await box.cancel(box.list()[0]?.id ?? '')).toBe(true);
    expect(await running).toMatchObject({ status: 'failed', error: { code: 'cancelled' } });
    expect(aborted).toBe(true);
    expect(box.list()).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('does not start an attempt for a job cancelled while it was being saved', async () => {
    let calls = 0;
    let cancelled: Promise<boolean> | null = null;
    const box: Outbox = new Outbox({
      dir,
      clock,
      run: async () => {
        calls++;
        return done('1', 'x');
      },
      // The job was just saved as „sending“; the attempt has not started yet. Cancel right then.
      events: {
        emit: (_name, payload) => {
          const job = (payload as { jobs: OutboxJob[] }).jobs[0];
          if (job?.state === 'sending' && cancelled === null) cancelled = box.cancel(job.id);
        },
      },
    });
    const outcome = await box.submit('post', 'blog', 'Titel', { onConflict: 'ask' });
    expect(await cancelled).toBe(true);
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'cancelled' } });
    expect(calls).toBe(0);
  });

  it('does not keep a job whose post has problems', async () => {
    const box = outbox(scripted({ kind: 'problems', problems: [{ code: 'title-missing', message: 'Kein Titel', file: null, line: null }] }));
    expect(await box.submit('post', 'blog', '', { onConflict: 'ask' })).toMatchObject({ status: 'problems' });
    expect(box.list()).toEqual([]);
  });

  it('lists a finished job for a day, then keeps it only in the capped outbox log', async () => {
    const logFile = path.join(dir, 'log.jsonl');
    const make = () =>
      new Outbox({ dir, run: async () => done('7', 'https://blog.example/a/'), clock, logFile, logEntries: 2, events: { emit: (_n, p) => events.push((p as { jobs: OutboxJob[] }).jobs) } });
    const box = make();
    for (const post of ['a', 'b', 'c']) {
      expect(await box.submit(post, 'blog', `Beitrag ${post}`, { onConflict: 'ask' })).toMatchObject({ status: 'done' });
      clock.advance(60_000);
    }
    expect(box.list().map((j) => j.postId)).toEqual(['c', 'b', 'a']);
    clock.advance(DONE_VISIBLE_MS - 150_000);
    // a finished a day ago; b and c not yet.
    expect(box.list().map((j) => j.postId)).toEqual(['c', 'b']);
    await box.prune();
    expect((await box.log()).map((e) => e.postId)).toEqual(['a']);
    expect(await readdir(dir)).not.toContain(`${(await box.log())[0]?.id}.json`);
    clock.advance(5 * 60_000);
    expect(box.list()).toEqual([]);
    await box.prune();
    // The log keeps the newest two.
    expect((await box.log()).map((e) => [e.postId, e.title, e.result?.link])).toEqual([
      ['b', 'Beitrag b', 'https://blog.example/a/'],
      ['c', 'Beitrag c', 'https://blog.example/a/'],
    ]);
    // A restart does not bring them back.
    const again = make();
    await again.start();
    expect(again.list()).toEqual([]);
    await again.prune();
  });
});
