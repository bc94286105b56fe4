import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeEach } from 'vitest';

/** One request a stand-in provider received. */
export interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What the provider does with a request: answer (after `delayMs`), or never answer. */
export type Reply = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number } | 'hang';

export interface LoopbackProvider {
  readonly port: number;
  readonly url: string;
  readonly received: Received[];
  /** How it answers; tests set it. */
  reply: (request: Received, count: number) => Reply;
}

const servers: http.Server[] = [];
const serverOf = new WeakMap<LoopbackProvider, http.Server>();

/**
 * A provider's API stood in for by a server on 127.0.0.1, in the test's own process (the CLI under
 * test runs in another), recording every request. Closed after the test.
 */
export async function loopbackProvider(): Promise<LoopbackProvider> {
  return startProvider(servers);
}

const fileServers: http.Server[] = [];
const fileProviders: LoopbackProvider[] = [];

/**
 * A provider kept for every test of the file (closed after them all), so a pack naming its URL
 * stays the same from test to test and CLI runs find its rules in the cache. Before each test it
 * has received nothing and answers 200, as a new one would.
 */
export async function fileLoopbackProvider(): Promise<LoopbackProvider> {
  const provider = await startProvider(fileServers);
  fileProviders.push(provider);
  return provider;
}

beforeEach(() => {
  for (const provider of fileProviders) {
    provider.received.splice(0);
    provider.reply = (): Reply => ({ status: 200 });
  }
});

async function startProvider(list: http.Server[]): Promise<LoopbackProvider> {
  const provider = { received: [] as Received[], reply: (): Reply => ({ status: 200 }) } as unknown as LoopbackProvider & { port: number; url: string };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: Received = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      provider.received.push(request);
      const reply = provider.reply(request, provider.received.length);
      if (reply === 'hang') return;
      const answer = (): void => {
        res.writeHead(reply.status, reply.headers);
        res.end(reply.body ?? '');
      };
      if (reply.delayMs) setTimeout(answer, reply.delayMs);
      else answer();
    });
  });
  list.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  provider.port = (server.address() as AddressInfo).port;
  provider.url = `http://127.0.0.1:${provider.port}`;
  serverOf.set(provider, server);
  return provider;
}

/** Stops a provider now: its port then refuses connections. */
export async function closeProvider(provider: LoopbackProvider): Promise<void> {
  const server = serverOf.get(provider);
  if (!server?.listening) return;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

async function closeAll(list: http.Server[]): Promise<void> {
  for (const server of list.splice(0)) {
    if (!server.listening) continue;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

afterEach(() => closeAll(servers));
afterAll(async () => {
  fileProviders.splice(0);
  await closeAll(fileServers);
});

/** Every 8-character window of each value found in `text` (none should be: a secret must not be printed). */
export function leakedWindows(text: string, values: readonly string[]): string[] {
  const leaks: string[] = [];
  for (const value of values) {
    for (let i = 0; i + 8 <= value.length; i++) {
      const window = value.slice(i, i + 8);
      if (text.includes(window)) leaks.push(window);
    }
  }
  return leaks;
}
