import { useEffect } from 'react';
import { call } from '../api/client';

export const ACTIVITY_INTERVAL_MS = 15_000;

/**
 * While signed in, tells the core that someone is at the keyboard, at most once every 15 s,
 * so the idle lock only fires when nobody is.
 */
export function useActivityPing(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let last = 0;
    const onActivity = () => {
      const now = Date.now();
      if (now - last < ACTIVITY_INTERVAL_MS) return;
      last = now;
      call('session.activity', {}).catch(() => undefined);
    };
    const options = { capture: true, passive: true } as const;
    window.addEventListener('keydown', onActivity, options);
    window.addEventListener('pointerdown', onActivity, options);
    window.addEventListener('wheel', onActivity, options);
    return () => {
      window.removeEventListener('keydown', onActivity, options);
      window.removeEventListener('pointerdown', onActivity, options);
      window.removeEventListener('wheel', onActivity, options);
    };
  }, [enabled]);
}
