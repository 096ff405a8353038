import { useEffect } from 'react';
import { useAppStore } from './appStore';
import { lockNow, quickHide } from './lifecycle';

function isPrimaryModifier(event: KeyboardEvent): boolean {
  return event.ctrlKey || event.metaKey;
}

/** Ctrl/Cmd+L locks; Ctrl/Cmd+Shift+H hides everything at once and locks. */
export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isPrimaryModifier(event) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (event.shiftKey && (key === 'h' || event.code === 'KeyH')) {
        event.preventDefault();
        event.stopPropagation();
        if (useAppStore.getState().neutral === 'off') quickHide();
        return;
      }
      if (!event.shiftKey && (key === 'l' || event.code === 'KeyL')) {
        event.preventDefault();
        if (useAppStore.getState().status?.state === 'unlocked') {
          event.stopPropagation();
          void lockNow();
        }
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
