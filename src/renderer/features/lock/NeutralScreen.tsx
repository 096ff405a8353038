import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NEUTRAL_FLAG, writeSessionFlag } from '../../app/flags';
import { useAppStore } from '../../app/appStore';

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'Fn', 'OS']);

/**
 * An innocuous, empty page: nothing about the app, its people or its cases. While the lock is in
 * progress it cannot be dismissed; after the reload, any key (not a lone modifier) or click
 * leads to the sign-in screen.
 */
export function NeutralScreen({ dismissable }: { dismissable: boolean }) {
  const { t } = useTranslation();

  useEffect(() => {
    const previous = document.title;
    document.title = t('neutral.title');
    return () => {
      document.title = previous;
    };
  }, [t]);

  useEffect(() => {
    if (!dismissable) return;
    const dismiss = () => {
      writeSessionFlag(NEUTRAL_FLAG, null);
      useAppStore.getState().setNeutral('off');
    };
    const onKey = (event: KeyboardEvent) => {
      if (MODIFIERS.has(event.key) || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      dismiss();
    };
    const onPointer = (event: PointerEvent) => {
      event.preventDefault();
      dismiss();
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('pointerdown', onPointer, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('pointerdown', onPointer, true);
    };
  }, [dismissable]);

  return <main className="neutral-screen" aria-label={t('neutral.title')} />;
}
