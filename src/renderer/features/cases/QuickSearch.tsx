import { useState } from 'react';
import { Button, Input, Label, SearchField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavStore } from '../../app/navStore';
import { useSearchStore } from '../search/searchStore';

/** A search box that takes what was typed to the Search page (Enter). */
export function QuickSearch() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const submit = (value: string) => {
    useSearchStore.getState().setQuery(value.trim());
    useNavStore.getState().go('search');
  };
  return (
    <SearchField className="quick-search" value={text} onChange={setText} onSubmit={submit} maxLength={200}>
      <Label className="visually-hidden">{t('search.fieldLabel')}</Label>
      <svg className="quick-search-icon" viewBox="0 0 16 16" width="16" height="16" focusable="false" aria-hidden="true">
        <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
        <path d="M10.5 10.5L14 14" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
      <Input className="field-input quick-search-input" placeholder={t('search.quickPlaceholder')} />
      <Button className="search-clear">
        <span aria-hidden="true">×</span>
      </Button>
    </SearchField>
  );
}
