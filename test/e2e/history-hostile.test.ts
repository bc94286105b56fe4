import { describe, it } from 'vitest';
import { checkHostileHistory } from '../helpers/hostile-history.js';

describe('history of a hostile repository', () => {
  // The same at 10,000 files and refs is a stress case (test/stress).
  it('a commit of 300 files, 300 refs and a corrupt loose object: every other blob scanned, the broken one reported', async () => {
    await checkHostileHistory(300, 300);
  });
});
