import { useEffect, useState } from 'react';
import type { StatsProgress } from '../../../shared/statistics';
import { call } from '../../api/client';

/** While `active`, polls the main process's `statistics.progress` (the worker's fraction done). */
export function useStatsProgress(active: boolean): StatsProgress | null {
  const [progress, setProgress] = useState<StatsProgress | null>(null);
  useEffect(() => {
    if (!active) {
      setProgress(null);
      return;
    }
    let stopped = false;
    const poll = () => {
      call('statistics.progress', {})
        .then((p) => {
          if (!stopped) setProgress(p);
        })
        .catch(() => undefined);
    };
    poll();
    const timer = setInterval(poll, 250);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [active]);
  return progress;
}
