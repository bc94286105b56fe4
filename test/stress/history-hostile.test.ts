import { describe, expect, it } from 'vitest';
import { checkHostileHistory } from '../helpers/hostile-history.js';

describe('stress: history of a hostile repository', () => {
  it('a commit of 10,000 files, 10,000 refs and a corrupt loose object, in reasonable time', async () => {
    const started = performance.now();
    await checkHostileHistory(10_000, 10_000);
    // Generous: it took 5–10 s on a quiet 2-core machine.
    expect(performance.now() - started).toBeLessThan(120_000);
  });
});
