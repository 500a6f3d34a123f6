import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { connect, type ConnectionOptions } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { KEY_EXCHANGE_GROUPS, tlsOptions } from '../../src/store/postgres/postgres-tls.js';
import { parsePostgresUrl } from '../../src/store/postgres/postgres-url.js';

/** TLS 1.3 group code points (RFC 8446 4.2.7, RFC 7919) by the names OpenSSL gives them. */
const GROUPS: Record<number, string> = { 23: 'P-256', 24: 'P-384', 25: 'P-521', 29: 'X25519', 30: 'X448', 256: 'ffdhe2048', 257: 'ffdhe3072', 258: 'ffdhe4096', 259: 'ffdhe6144', 260: 'ffdhe8192' };

/** The groups a ClientHello offers (supported_groups) and those it sends a key share for (key_share). */
async function clientHello(options: ConnectionOptions): Promise<{ offered: string[]; shares: string[] }> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const first = once(server, 'connection').then(async ([socket]) => {
      const [data] = await once(socket as Socket, 'data');
      (socket as Socket).destroy();
      return data as Buffer;
    });
    const client = connect({ ...options, host: '127.0.0.1', port: (server.address() as { port: number }).port });
    client.on('error', () => undefined); // the server hangs up after the hello
    const hello = await first;
    client.destroy();
    return parseHello(hello);
  } finally {
    server.close();
  }
}

/** RFC 8446 4.1.2: record header, handshake header, version, random, session id, ciphers, compression, extensions. */
function parseHello(d: Buffer): { offered: string[]; shares: string[] } {
  let at = 5 + 4 + 2 + 32;
  at += 1 + d[at]!;
  at += 2 + d.readUInt16BE(at);
  at += 1 + d[at]!;
  const end = at + 2 + d.readUInt16BE(at);
  at += 2;
  const name = (code: number) => GROUPS[code] ?? `0x${code.toString(16)}`;
  const found = { offered: [] as string[], shares: [] as string[] };
  while (at < end) {
    const type = d.readUInt16BE(at);
    const body = d.subarray(at + 4, at + 4 + d.readUInt16BE(at + 2));
    at += 4 + body.length;
    if (type === 10) for (let i = 2; i < body.length; i += 2) found.offered.push(name(body.readUInt16BE(i)));
    if (type === 51) for (let i = 2; i < body.length; i += 4 + body.readUInt16BE(i + 2)) found.shares.push(name(body.readUInt16BE(i)));
  }
  return found;
}

describe('PostgreSQL TLS handshake', () => {
  it("offers Node's own key exchange groups, with its one key share for P-256, which PostgreSQL takes without a retry", async () => {
    const nodeDefault = await clientHello({ rejectUnauthorized: false });
    for (const mode of ['prefer', 'require', 'verify-full']) {
      const ours = await clientHello(tlsOptions(parsePostgresUrl(`postgresql://u@db.example.com/x?sslmode=${mode}`, undefined)) as ConnectionOptions);
      expect([...ours.offered].sort()).toEqual([...nodeDefault.offered].sort()); // the same groups, none dropped or added
      expect(ours.offered.join(':')).toBe(KEY_EXCHANGE_GROUPS);
      expect(ours.shares).toEqual(['P-256']);
    }
  });
});
