import { publicRandomBytes } from '../crypto/bytes';

/**
 * Row ids for the case file's big tables (cases, records): UUID version 7 (RFC 9562), whose
 * first 48 bits are the time in milliseconds, then a 12-bit counter (method 1 of §6.2: random at
 * each new millisecond, counted up within one), then 62 random bits. Ids made one after another
 * sort one after another, so every index that starts with a case or record id (sections,
 * records, history, search documents, keys, assignments, the audit target) grows at its end
 * instead of at a random page: at 100,000 cases, random (version 4) ids made each insert touch
 * pages all over a multi-gigabyte file. The id says when the row was made, which the row itself
 * says too (created_at), inside the encrypted vault.
 */
let lastMs = -1;
let counter = 0;

export function timeOrderedId(now: number = Date.now()): string {
  const bytes = Buffer.alloc(16);
  bytes.set(publicRandomBytes(10), 6);
  let ms = Math.max(now, lastMs);
  if (ms === lastMs) {
    counter++;
    // 4,096 ids in one millisecond: borrow the next one (still unique and in order).
    if (counter > 0xfff) {
      ms = ++lastMs;
      counter = bytes[6]! & 0x7ff;
    }
  } else {
    counter = ((bytes[6]! << 8) | bytes[7]!) & 0x7ff; // top bit clear: room to count up
  }
  lastMs = ms;
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
