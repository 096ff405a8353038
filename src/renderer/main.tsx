import './zod-setup';
import './i18n';
import './styles/index.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoot } from './app/AppRoot';
import { useAppStore } from './app/appStore';
import { installLockHandling } from './app/lifecycle';
import { hasBridge } from './api/client';

function start(): void {
  const container = document.getElementById('root');
  if (!container) return;
  createRoot(container).render(
    <StrictMode>
      <AppRoot />
    </StrictMode>,
  );
  if (!hasBridge()) {
    useAppStore.setState({ bootFailed: true });
    return;
  }
  installLockHandling();
  useAppStore
    .getState()
    .refresh()
    .catch(() => useAppStore.setState({ bootFailed: true }));
}

start();
