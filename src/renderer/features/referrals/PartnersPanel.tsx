import '../../styles/referrals.css';
import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { KeyFilePreview, OurOrganisation, Partner } from '../../../shared/referrals';
import type { SessionInfo } from '../../../shared/schemas';
import { call } from '../../api/client';
import { describeError } from '../../api/errors';
import { formatDateTime } from '../../i18n';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { TextField } from '../../ui/TextField';
import { Fingerprint } from './Fingerprint';
import { ImportPartnerDialog } from './ImportPartnerDialog';
import { RemovePartnerDialog } from './RemovePartnerDialog';

const nameForm = z.object({ name: z.string().trim().min(1, 'validation.required').max(120, 'validation.required') });
type NameValues = z.input<typeof nameForm>;

type Message = { tone: 'success' | 'info' | 'error'; text: string } | null;

/**
 * Settings → Partner organisations: our name and fingerprint, "Export our public key…", the
 * directory, "Import a partner's key…" and "Remove" (administrators); others read the directory.
 */
export function PartnersPanel({ session }: { session: SessionInfo }) {
  const { t, i18n } = useTranslation();
  const isAdmin = session.role === 'administrator';
  const [ours, setOurs] = useState<OurOrganisation | null>(null);
  const [partners, setPartners] = useState<Partner[] | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState<'export' | 'import' | null>(null);
  const [preview, setPreview] = useState<KeyFilePreview | null>(null);
  const [removing, setRemoving] = useState<Partner | null>(null);

  const load = useCallback(async () => {
    try {
      const [o, p] = await Promise.all([call('organisation.get', {}), call('partners.list', {})]);
      setOurs(o);
      setPartners(p);
    } catch (error) {
      setMessage({ tone: 'error', text: describeError(t, error) });
    }
  }, [t]);

  useEffect(() => {
    void load();
  }, [load]);

  const exportKey = async () => {
    setMessage(null);
    setBusy('export');
    try {
      const result = await call('organisation.exportKey', {});
      setMessage(result ? { tone: 'success', text: t('referrals.directory.exported') } : { tone: 'info', text: t('referrals.directory.exportCancelled') });
    } catch (error) {
      setMessage({ tone: 'error', text: describeError(t, error) });
    } finally {
      setBusy(null);
    }
  };

  const importKey = async () => {
    setMessage(null);
    setBusy('import');
    try {
      const result = await call('partners.readKeyFile', {});
      if (result) setPreview(result);
      else setMessage({ tone: 'info', text: t('referrals.directory.importCancelled') });
    } catch (error) {
      setMessage({ tone: 'error', text: describeError(t, error) });
    } finally {
      setBusy(null);
    }
  };

  const language = i18n.language === 'es' ? 'es' : 'en';
  return (
    <section className="panel partners-panel" aria-labelledby="partners-title">
      <h2 id="partners-title">{t('referrals.directory.title')}</h2>
      <p>{t('referrals.directory.intro')}</p>
      {isAdmin && ours ? <OrganisationNameForm ours={ours} onSaved={setOurs} /> : null}
      {ours ? (
        <div className="our-fingerprint">
          <p className="field-label" id="our-fingerprint-label">
            {t('referrals.directory.ourFingerprint')}
          </p>
          <Fingerprint value={ours.fingerprint} />
          <p className="field-help">{t('referrals.directory.ourFingerprintHelp')}</p>
        </div>
      ) : null}
      {isAdmin ? (
        <div className="actions start">
          <Button variant="secondary" onPress={() => void exportKey()} isPending={busy === 'export'}>
            {t('referrals.directory.export')}
          </Button>
          <Button variant="primary" onPress={() => void importKey()} isPending={busy === 'import'}>
            {t('referrals.directory.import')}
          </Button>
        </div>
      ) : (
        <p className="muted">{t('referrals.directory.readOnly')}</p>
      )}
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      {partners && partners.length === 0 ? <p className="muted">{t('referrals.directory.empty')}</p> : null}
      {partners && partners.length > 0 ? (
        <table className="table partners-table">
          <caption className="visually-hidden">{t('referrals.directory.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('referrals.directory.colName')}</th>
              <th scope="col">{t('referrals.directory.colFingerprint')}</th>
              <th scope="col">{t('referrals.directory.colAdded')}</th>
              {isAdmin ? (
                <th scope="col">
                  <span className="visually-hidden">{t('referrals.directory.colActions')}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {partners.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td>
                  <Fingerprint value={p.fingerprint} />
                </td>
                <td>{p.addedBy ? t('referrals.directory.addedBy', { date: formatDateTime(p.addedAt, language, 'short'), name: p.addedBy }) : formatDateTime(p.addedAt, language, 'short')}</td>
                {isAdmin ? (
                  <td>
                    <Button
                      variant="secondary"
                      size="small"
                      aria-label={t('referrals.directory.removeNamed', { name: p.name })}
                      onPress={() => {
                        setMessage(null);
                        setRemoving(p);
                      }}
                    >
                      {t('referrals.directory.remove')}
                    </Button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <RemovePartnerDialog
        partner={removing}
        onClose={(removed) => {
          setRemoving(null);
          if (removed) {
            setMessage({ tone: 'success', text: t('referrals.directory.removed', { name: removed.name }) });
            void load();
          }
        }}
      />
      <ImportPartnerDialog
        preview={preview}
        onClose={(added) => {
          setPreview(null);
          if (added) {
            setMessage({ tone: 'success', text: t('referrals.directory.added', { name: added.name }) });
            void load();
          }
        }}
      />
    </section>
  );
}

function OrganisationNameForm({ ours, onSaved }: { ours: OurOrganisation; onSaved: (o: OurOrganisation) => void }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<NameValues>({ resolver: zodResolver(nameForm), defaultValues: { name: ours.name } });
  const submit = form.handleSubmit(async (values) => {
    setSaved(false);
    setError(null);
    try {
      onSaved(await call('organisation.setName', { name: values.name.trim() }));
      setSaved(true);
    } catch (caught) {
      setError(describeError(t, caught));
    }
  });
  return (
    <form
      className="form organisation-name-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Controller
        control={form.control}
        name="name"
        render={({ field, fieldState }) => (
          <TextField
            label={t('referrals.directory.name')}
            description={t('referrals.directory.nameHelp')}
            value={field.value}
            onChange={(v) => {
              setSaved(false);
              field.onChange(v);
            }}
            onBlur={field.onBlur}
            name={field.name}
            maxLength={120}
            errorMessage={fieldState.error?.message ? t(fieldState.error.message) : undefined}
          />
        )}
      />
      {saved ? <Notice tone="success">{t('referrals.directory.nameSaved')}</Notice> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      <div className="actions start">
        <Button type="submit" isPending={form.formState.isSubmitting}>
          {t('referrals.directory.saveName')}
        </Button>
      </div>
    </form>
  );
}
