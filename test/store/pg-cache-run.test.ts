import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { exercisePg } from '../../src/store/postgres/pg-cache-run.js';

/*
 * build.mjs writes dist/fast/pg.cjs's code cache while pg talks to the server scripted in
 * pg-cache-run.ts: the exchange must be one pg accepts and reads back as the script meant, or the
 * cache would hold an error path instead of a connection and a batch of reads.
 */
describe('the scripted server behind pg code cache', () => {
  it('is a server pg connects to, sends a batch of reads to and reads the rows of', async () => {
    await expect(exercisePg(pg)).resolves.toBeUndefined();
  });
});
