import { useEffect, useState } from 'react';

/** Seconds left until `deadline` (ms since epoch), ticking once a second; 0 once passed. */
export function useCountdown(deadline: number | null): number {
  const compute = () => (deadline === null ? 0 : Math.max(0, Math.ceil((deadline - Date.now()) / 1000)));
  const [left, setLeft] = useState(compute);
  useEffect(() => {
    setLeft(compute());
    if (deadline === null) return;
    const timer = window.setInterval(() => {
      const value = compute();
      setLeft(value);
      if (value === 0) window.clearInterval(timer);
    }, 250);
    return () => window.clearInterval(timer);
  }, [deadline]);
  return left;
}
