/**
 * Limits of one Message Batch, from the Batches API documentation
 * (https://platform.claude.com/docs/en/build-with-claude/batch-processing, "Batch limitations"):
 * "A Message Batch is limited to either 100,000 Message requests or 256 MB in size, whichever
 * is reached first." Bytes are counted as MB = 10^6 here, the smaller reading, so a batch that
 * fits our count always fits theirs.
 */
export const MAX_BATCH_REQUESTS = 100_000;
export const MAX_BATCH_BYTES = 256_000_000;

/** Room for the body around the requests: `{"requests":[` … `]}`. */
const ENVELOPE_BYTES = 64;

export interface BatchLimits {
  maxRequests: number;
  maxBytes: number;
}

export const BATCH_LIMITS: BatchLimits = { maxRequests: MAX_BATCH_REQUESTS, maxBytes: MAX_BATCH_BYTES };

/**
 * Cuts requests of the given serialised sizes (bytes) into consecutive batches that each stay
 * within both limits; returns [start, end) index ranges covering every request once, in order.
 * A single request larger than maxBytes gets a batch of its own (the API will refuse it, and
 * only it). Pure; linear in the number of requests.
 */
export function splitBySizeAndCount(sizes: readonly number[], limits: BatchLimits): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  let bytes = ENVELOPE_BYTES;
  for (let i = 0; i < sizes.length; i++) {
    const size = sizes[i]! + 1; // the comma between requests
    const full = i - start >= limits.maxRequests || (i > start && bytes + size > limits.maxBytes);
    if (full) {
      ranges.push([start, i]);
      start = i;
      bytes = ENVELOPE_BYTES;
    }
    bytes += size;
  }
  if (start < sizes.length) ranges.push([start, sizes.length]);
  return ranges;
}
