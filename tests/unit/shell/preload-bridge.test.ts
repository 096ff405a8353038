import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, EVENTS } from '../../../src/shared/contract';
import { createApi, IPC_EVENT, IPC_INVOKE, isKnownChannel, LOCKED_EVENT, PRELOAD_CHANNELS, type IpcLike } from '../../../src/preload/bridge';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** A stand-in for ipcRenderer: records calls and lets the test push events. */
function fakeIpc() {
  const listeners = new Map<string, Set<Listener>>();
  const ipc = {
    invoke: vi.fn(async (_channel: string, ...args: unknown[]) => ({ ok: true, value: { echoed: args } })),
    on: vi.fn((channel: string, listener: Listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    }),
    removeListener: vi.fn((channel: string, listener: Listener) => {
      listeners.get(channel)?.delete(listener);
    }),
  } satisfies IpcLike;
  const emit = (channel: string, ...args: unknown[]) => {
    // What Electron hands a listener first: an event object that reaches into the main process.
    const rawEvent = { sender: { send: () => undefined }, senderId: 0, ports: [] };
    for (const l of listeners.get(channel) ?? []) l(rawEvent, ...args);
  };
  return { ipc, emit, count: (channel: string) => listeners.get(channel)?.size ?? 0 };
}

describe('preload bridge', () => {
  it("knows exactly the contract's channels", () => {
    expect([...PRELOAD_CHANNELS].sort()).toEqual([...CHANNELS].sort());
    expect(LOCKED_EVENT).toBe(EVENTS.locked);
    expect(IPC_INVOKE).toBe('amparo:invoke');
    expect(IPC_EVENT).toBe('amparo:event');
  });

  it('exposes invoke and onLocked, nothing else', () => {
    expect(Object.keys(createApi(fakeIpc().ipc)).sort()).toEqual(['invoke', 'onLocked']);
  });

  it('forwards a contract channel to the one IPC handler', async () => {
    const { ipc } = fakeIpc();
    const result = await createApi(ipc).invoke('app.status', {});
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_INVOKE, 'app.status', {});
    expect(result).toEqual({ ok: true, value: { echoed: ['app.status', {}] } });
  });

  it.each(['fs.readFile', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 42, null, undefined])(
    'answers UNKNOWN_CHANNEL for %s without reaching the main process',
    async (name) => {
      const { ipc } = fakeIpc();
      const api = createApi(ipc) as unknown as { invoke(c: unknown, p: unknown): Promise<unknown> };
      expect(isKnownChannel(name)).toBe(false);
      await expect(api.invoke(name, {})).resolves.toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: expect.any(String) } });
      expect(ipc.invoke).not.toHaveBeenCalled();
    },
  );

  it('relays the lock event as a fresh { reason }, never the IPC event object', () => {
    const { ipc, emit } = fakeIpc();
    const seen: unknown[][] = [];
    createApi(ipc).onLocked((...args) => seen.push(args));
    const payload = { reason: 'idle', extra: 'dropped' };
    emit(IPC_EVENT, EVENTS.locked, payload);
    expect(seen).toEqual([[{ reason: 'idle' }]]);
    expect(seen[0]![0]).not.toBe(payload);
  });

  it('ignores other events and malformed lock events', () => {
    const { ipc, emit } = fakeIpc();
    const listener = vi.fn();
    createApi(ipc).onLocked(listener);
    emit(IPC_EVENT, 'progress', { reason: 'idle' });
    emit(IPC_EVENT, EVENTS.locked, { reason: 'not-a-reason' });
    emit(IPC_EVENT, EVENTS.locked, null);
    emit(IPC_EVENT, EVENTS.locked);
    emit('other-channel', EVENTS.locked, { reason: 'idle' });
    expect(listener).not.toHaveBeenCalled();
  });

  it('unsubscribes', () => {
    const { ipc, emit, count } = fakeIpc();
    const listener = vi.fn();
    const off = createApi(ipc).onLocked(listener);
    expect(count(IPC_EVENT)).toBe(1);
    off();
    expect(count(IPC_EVENT)).toBe(0);
    emit(IPC_EVENT, EVENTS.locked, { reason: 'manual' });
    expect(listener).not.toHaveBeenCalled();
  });
});
