import '../../styles/case-list.css';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Button, Input, Label, SearchField, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { searchHitSchema } from '../../../shared/case-file/case';
import { call } from '../../api/client';
import { describeError } from '../../api/errors';
import { useNavStore } from '../../app/navStore';
import { Notice } from '../../ui/Notice';
import { STATUS_TONE, useVocab } from '../cases/labels';
import { useSearchStore } from './searchStore';
import { Snippet } from './Snippet';

type Hit = z.infer<typeof searchHitSchema>;
const DEBOUNCE_MS = 250;
const LIMIT = 50;
const KNOWN_PARTS = new Set(['case', 'profile', 'experience', 'plan', 'return', 'reintegration', 'legal', 'closure', 'consent', 'risk', 'service', 'referral', 'followUp', 'note', 'clinical']);

/**
 * Full-text search over case codes and free text (notes, plans, services…), as the person types.
 * Names, identity and whereabouts are never searchable: the core does not index them.
 */
export function SearchPage() {
  const { t } = useTranslation();
  const label = useVocab();
  const query = useSearchStore((s) => s.query);
  const setQuery = useSearchStore((s) => s.setQuery);
  const openCase = useNavStore((s) => s.openCase);
  const [result, setResult] = useState<{ query: string; hits: Hit[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [searching, setSearching] = useState(false);
  const sequence = useRef(0);
  const listRef = useRef<HTMLOListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const run = async (text: string, seq: number) => {
    setSearching(true);
    try {
      const found = await call('cases.search', { query: text, limit: LIMIT });
      if (seq !== sequence.current) return;
      setResult({ query: text, hits: found.hits });
      setError(null);
    } catch (e) {
      if (seq !== sequence.current) return;
      setError(e);
    } finally {
      if (seq === sequence.current) setSearching(false);
    }
  };

  useEffect(() => {
    const text = query.trim();
    const seq = ++sequence.current;
    if (!text) {
      setResult(null);
      setError(null);
      setSearching(false);
      return;
    }
    const timer = window.setTimeout(() => void run(text, seq), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [query]);

  const focusHit = (index: number) => {
    const links = listRef.current?.querySelectorAll<HTMLAnchorElement>('a.hit');
    if (!links || links.length === 0) return;
    if (index < 0) {
      inputRef.current?.focus();
      return;
    }
    links[Math.min(index, links.length - 1)]?.focus();
  };

  const onListKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    const links = [...(listRef.current?.querySelectorAll<HTMLAnchorElement>('a.hit') ?? [])];
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (index === -1) return;
    if (event.key === 'ArrowDown') focusHit(index + 1);
    else if (event.key === 'ArrowUp') focusHit(index - 1);
    else if (event.key === 'Home') focusHit(0);
    else if (event.key === 'End') focusHit(links.length - 1);
    else return;
    event.preventDefault();
  };

  const partLabel = (part: string) => t(`search.parts.${KNOWN_PARTS.has(part) ? part : 'other'}`);
  const text = query.trim();
  const hits = result?.hits ?? [];

  return (
    <div className="page search-page">
      <h1 className="page-title" tabIndex={-1}>
        {t('search.title')}
      </h1>
      <SearchField
        className="field search-field"
        value={query}
        onChange={setQuery}
        onSubmit={(value) => {
          const v = value.trim();
          if (v) void run(v, ++sequence.current);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && hits.length > 0) {
            event.preventDefault();
            focusHit(0);
          } else {
            event.continuePropagation();
          }
        }}
        maxLength={200}
      >
        <Label className="field-label">{t('search.fieldLabel')}</Label>
        <div className="search-input-wrap">
          <svg className="search-icon" viewBox="0 0 16 16" width="18" height="18" focusable="false" aria-hidden="true">
            <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
            <path d="M10.5 10.5L14 14" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
          <Input ref={inputRef} className="field-input search-input" placeholder={t('search.placeholder')} autoComplete="off" data-page-focus />
          <Button className="search-clear">
            <span aria-hidden="true">×</span>
          </Button>
        </div>
        <Text slot="description" className="field-help">
          {t('search.help')}
        </Text>
      </SearchField>
      <Notice tone="info" announce={false} title={t('search.privacyTitle')}>
        <p>{t('search.privacy')}</p>
      </Notice>
      <p className="search-status" role="status">
        {!text ? '' : searching && !result ? t('search.searching') : result && result.query === text ? t('search.found', { count: hits.length }) : ''}
      </p>
      {error ? <Notice tone="error">{describeError(t, error)}</Notice> : null}
      {result && hits.length === 0 && text ? (
        <div className="empty-state">
          <p className="empty-title">{t('search.noHits', { query: result.query })}</p>
          <p className="muted">{t('search.noHitsHelp')}</p>
        </div>
      ) : null}
      {hits.length > 0 ? (
        <ol className="search-hits" ref={listRef} onKeyDown={onListKeyDown} aria-label={t('search.resultsLabel')} aria-busy={searching || undefined}>
          {hits.map((hit) => (
            <li key={hit.caseId}>
              <a
                className="hit"
                href={`#case-${hit.caseId}`}
                onClick={(event) => {
                  event.preventDefault();
                  openCase(hit.caseId);
                }}
              >
                <span className="hit-head">
                  <span className="case-code">{hit.code}</span>
                  <span className={`tag ${STATUS_TONE[hit.status] ?? 'tag-muted'}`}>{label('caseStatus', hit.status)}</span>
                  <span className="hit-part">{t('search.matchedIn', { part: partLabel(hit.part) })}</span>
                </span>
                <span className="hit-snippet">
                  <Snippet text={hit.snippet} />
                </span>
              </a>
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
